import { describe, expect, it } from 'vitest';
import { type TrackRecord, asFrameId, asTabId } from '../../src/model';
import { captureKind } from '../../src/capture';
import { badgeOf, sourcesOf, unseenCaptures } from '../../src/sources';
import { track } from './fixtures';

const record = (over: Partial<TrackRecord> = {}): TrackRecord =>
  ({ ...track(over), tabId: asTabId(1), frameId: asFrameId(0), origin: 'https://a.test', ...over });

describe('captureKind', () => {
  it.each([
    [{ kind: 'video', creator: 'getUserMedia', sourceId: 'device:video:d' }, 'camera'],
    [{ kind: 'audio', creator: 'getUserMedia', sourceId: 'device:audio:d' }, 'microphone'],
    [{ kind: 'video', creator: 'getDisplayMedia', sourceId: 'getDisplayMedia:1:video',
      settings: { displaySurface: 'monitor' } }, 'screen'],
    [{ kind: 'video', creator: 'getDisplayMedia', sourceId: 'getDisplayMedia:1:video',
      settings: { displaySurface: 'browser' } }, 'tab'],
    [{ kind: 'audio', creator: 'getDisplayMedia', sourceId: 'getDisplayMedia:1:audio', settings: {} }, 'screen audio'],
    [{ kind: 'video', creator: 'clone', sourceId: 'device:video:d', settings: { deviceId: 'd' } }, 'camera'],
    [{ kind: 'video', creator: 'clone', sourceId: 'canvas:3', settings: { deviceId: 'x' } }, 'canvas'],
    [{ kind: 'video', creator: 'canvas', sourceId: 'canvas:3', settings: { deviceId: 'x' } }, 'canvas'],
    [{ kind: 'audio', creator: 'remote', sourceId: 'remote:1' }, 'remote audio'],
    [{ kind: 'video', creator: 'adopted', sourceId: 'track:a' }, 'video'],
  ] as const)('%j is a %s', (t, expected) => {
    expect(captureKind(t as Pick<TrackRecord, 'kind' | 'creator' | 'settings' | 'sourceId'>)).toBe(expected);
  });
});

describe('sourcesOf', () => {
  it('groups tracks by frame and source id, labels each source by its original track', () => {
    const sources = sourcesOf([
      record({ id: 'clone', creator: 'clone', label: 'clone label', createdAt: 1 }),
      record({ id: 'cam', label: 'Camera', createdAt: 2 }),
      record({ id: 'mic', kind: 'audio', sourceId: 'mic', label: 'Mic', createdAt: 3 }),
      record({ id: 'sub', frameId: asFrameId(4), createdAt: 4 }),
    ]);
    expect(sources.map((s) => [s.key, s.label, s.liveCount])).toEqual([
      ['0/device:video:cam', 'Camera', 2], ['0/mic', 'Mic', 1], ['4/device:video:cam', 'Camera', 1],
    ]);
  });
});

describe('badgeOf', () => {
  it.each([
    [[], { text: '', isDeviceLive: false }],
    [[record(), record({ kind: 'audio' })], { text: '2', isDeviceLive: true }],
    [[record({ creator: 'getDisplayMedia', sourceId: 'getDisplayMedia:1:video' })], { text: '1', isDeviceLive: false }],
  ])('%#', (live, expected) => expect(badgeOf(live)).toEqual(expected));
});

describe('unseenCaptures', () => {
  it.each([
    [undefined, [], []],
    [{ camera: true, microphone: false }, [], ['camera']],
    [{ camera: true, microphone: true }, [record()], ['microphone']],
    [{ camera: true, microphone: true }, [record(), record({ kind: 'audio' })], []],
    [{ screen: 'Window' }, [], ['window']],
    [{ screen: 'Screen' }, [record({ creator: 'getDisplayMedia', sourceId: 'getDisplayMedia:1:video',
      settings: { displaySurface: 'monitor' } })], []],
  ] as const)('%j with %j live is unseen %j', (browser, live, expected) => {
    expect(unseenCaptures(browser, live as unknown as TrackRecord[])).toEqual(expected);
  });
});
