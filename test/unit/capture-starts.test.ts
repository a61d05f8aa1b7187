import { describe, expect, it } from 'vitest';
import { captureStartsOf } from '../../src/capture-starts';
import { type ControlResult, type TrackInfo, asFrameId, asTabId } from '../../src/model';
import type { ShimEvent } from '../../src/page-world';
import { type State, emptyState, reduce } from '../../src/state';
import { frame, track } from './fixtures';

const report = (state: State, tabId: number, events: ShimEvent[]) =>
  reduce(state, { type: 'reported', from: frame(tabId), events, dropped: {} }, 0);
const added = (info: TrackInfo): ShimEvent => ({ type: 'added', track: info });

const camera = (over: Partial<TrackInfo> = {}) => track({ kind: 'video', sourceId: 'device:video:cam', ...over });
const microphone = (over: Partial<TrackInfo> = {}) =>
  track({ kind: 'audio', label: 'Mic', sourceId: 'device:audio:mic', ...over });
const screen = (over: Partial<TrackInfo> = {}) => track({ kind: 'video', creator: 'getDisplayMedia',
  sourceId: 'display:1', settings: { displaySurface: 'monitor' }, ...over });

describe('captureStartsOf', () => {
  it('names each kind a tab newly took with getUserMedia or getDisplayMedia, once, in a fixed order', () => {
    const before = report(emptyState(), 2, [added(camera())]);
    const after = report(report(before, 1, [added(screen()), added(microphone()), added(camera()),
      added(camera())]), 2, [added(microphone())]);
    expect(captureStartsOf(before, after)).toEqual([
      { tabId: 1, how: 'started', kinds: ['camera', 'microphone', 'screen'] },
      { tabId: 2, how: 'started', kinds: ['microphone'] },
    ]);
  });

  it.each([
    ['a clone', camera({ creator: 'clone' })],
    ['a canvas capture', track({ creator: 'canvas', sourceId: 'canvas:1' })],
    ['a remote track', track({ creator: 'remote', kind: 'audio', sourceId: 'remote:1' })],
    ['an ended camera', camera({ readyState: 'ended', endedAt: 1 })],
  ])('starts nothing for %s', (_, info) => {
    expect(captureStartsOf(emptyState(), report(emptyState(), 1, [added(info)]))).toEqual([]);
  });

  it('starts nothing when a known track is reported again, or changes otherwise', () => {
    const cam = camera();
    const before = report(emptyState(), 1, [added(cam)]);
    expect(captureStartsOf(before, report(before, 1, [added({ ...cam, muted: true })]))).toEqual([]);
    expect(captureStartsOf(before, report(before, 1, [{ type: 'changed', id: cam.id, muted: false,
      enabled: false }]))).toEqual([]);
  });

  it('tells a resume of a track the person paused, but not of one the page paused', () => {
    const mine = microphone();
    const theirs = camera();
    const paused: ControlResult = { tabId: asTabId(1), frameId: asFrameId(0), trackId: mine.id, outcome: 'paused' };
    let state = report(emptyState(), 1, [added(mine), added(theirs), { type: 'changed', id: theirs.id, muted: false,
      enabled: false, pausedBy: 'page' }]);
    state = reduce(state, { type: 'controlsConfirmed', results: [paused] }, 0);
    const after = report(state, 1, [
      { type: 'changed', id: mine.id, muted: false, enabled: true },
      { type: 'changed', id: theirs.id, muted: false, enabled: true },
    ]);
    expect(captureStartsOf(state, after)).toEqual([{ tabId: 1, how: 'resumed', kinds: ['microphone'] }]);
  });

  it('starts nothing for a tab that went away', () => {
    const before = report(emptyState(), 1, [added(camera())]);
    expect(captureStartsOf(before, reduce(before, { type: 'tabGone', tabId: asTabId(1) }, 0))).toEqual([]);
  });
});
