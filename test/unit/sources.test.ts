import { describe, expect, it } from 'vitest';
import { type TrackRecord, asFrameId, asTabId } from '../../src/model';
import { badgeOf, sourcesOf, unseenCaptures } from '../../src/sources';
import { track } from './fixtures';

const record = (over: Partial<TrackRecord> = {}): TrackRecord =>
  ({ ...track(over), tabId: asTabId(1), frameId: asFrameId(0), origin: 'https://a.test', ...over });

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
