import { describe, expect, it } from 'vitest';
import { captureKind, isDeviceCapture } from '../../src/capture';
import { type TrackRecord, asFrameId, asTabId } from '../../src/model';
import { track } from './fixtures';

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
    // A clone whose source id a page made up: its original is not known, so it is named by its kind.
    [{ kind: 'audio', creator: 'clone', sourceId: 'toString:1' }, 'audio'],
    [{ kind: 'video', creator: 'clone', sourceId: 'generator:2' }, 'generated video'],
  ] as const)('%j is a %s', (t, expected) => {
    expect(captureKind(t as Pick<TrackRecord, 'kind' | 'creator' | 'settings' | 'sourceId'>)).toBe(expected);
  });
});

it('counts a camera or microphone, a clone of one included, as a device capture, and nothing else', () => {
  const record = (over: Partial<TrackRecord>): TrackRecord =>
    ({ ...track(over), tabId: asTabId(1), frameId: asFrameId(0), origin: 'https://a.test', ...over });
  expect(isDeviceCapture(record({ creator: 'getUserMedia', sourceId: 'device:video:d' }))).toBe(true);
  expect(isDeviceCapture(record({ creator: 'clone', sourceId: 'device:audio:d', kind: 'audio' }))).toBe(true);
  expect(isDeviceCapture(record({ creator: 'getDisplayMedia', sourceId: 'getDisplayMedia:1:video' }))).toBe(false);
  expect(isDeviceCapture(record({ creator: 'canvas', sourceId: 'canvas:1' }))).toBe(false);
});
