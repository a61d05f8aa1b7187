/** Holds and take-backs in the reducer (src/state.ts): what the popup's "Held:" and "took the camera back" read. */
import { describe, expect, it } from 'vitest';
import { asFrameId, asTabId } from '../../src/model';
import { type Action, RETAKE_WINDOW_MS, type State, emptyState, reduce, tabView } from '../../src/state';
import { overviewOf } from '../../src/overview';
import { frame, track } from './fixtures';

const tab1 = asTabId(1);
const at = (now: number, action: Action) => (state: State) => reduce(state, action, now);
const run = (...steps: ((s: State) => State)[]) => steps.reduce((s, step) => step(s), emptyState());
const added = (id: string, createdAt: number): Action => ({ type: 'reported', from: frame(), dropped: {},
  events: [{ type: 'added', track: track({ id, createdAt }) }] });
const stopped = (id: string, startedAt: number): Action => ({ type: 'controlsConfirmed', startedAt,
  results: [{ tabId: tab1, frameId: asFrameId(0), trackId: id, outcome: 'ended' }] });

describe('holds', () => {
  it('keeps a hold over the tab\'s tracks going (a reload), counts refusals of held kinds only, and ends it', () => {
    const hold: Action = { type: 'held', tabId: tab1, site: 'meet.example', kinds: ['camera'] };
    const held = run(at(10, added('a', 5)), at(20, hold),
      at(30, { type: 'frameGone', tabId: tab1, frameId: asFrameId(0) }),
      at(40, { type: 'refused', tabId: tab1, counts: { camera: 3, microphone: 2 } }));
    expect(tabView(held, tab1).hold).toEqual({ site: 'meet.example', kinds: ['camera'], since: 20,
      refused: { camera: 3 } });
    expect(tabView(reduce(held, { type: 'released', tabId: tab1 }, 50), tab1).hold).toBeUndefined();
    expect(tabView(reduce(held, { type: 'tabGone', tabId: tab1 }, 50), tab1).hold).toBeUndefined();
  });

  it('a hold on another site replaces the old one; on the same site it adds kinds and keeps its count', () => {
    const first = run(at(1, { type: 'held', tabId: tab1, site: 'a.example', kinds: ['camera'] }),
      at(2, { type: 'refused', tabId: tab1, counts: { camera: 1 } }));
    const same = reduce(first, { type: 'held', tabId: tab1, site: 'a.example', kinds: ['microphone'] }, 3);
    expect(tabView(same, tab1).hold).toEqual({ site: 'a.example', kinds: ['camera', 'microphone'], since: 1,
      refused: { camera: 1 } });
    const other = reduce(first, { type: 'held', tabId: tab1, site: 'b.example', kinds: ['screen'] }, 3);
    expect(tabView(other, tab1).hold).toEqual({ site: 'b.example', kinds: ['screen'], since: 3, refused: {} });
  });
});

describe('a page taking a device back', () => {
  it('is noticed when its new capture is reported after the stop\'s answer', () => {
    const state = run(at(10, added('a', 5)), at(1100, stopped('a', 1000)), at(2600, added('b', 2500)));
    expect(tabView(state, tab1).retake).toEqual({ kind: 'camera', afterMs: 1500, at: 2600 });
  });

  it('is noticed when its new capture is reported before the stop\'s answer', () => {
    const state = run(at(10, added('a', 5)), at(1050, added('b', 1040)), at(1100, stopped('a', 1000)));
    expect(tabView(state, tab1).retake).toEqual({ kind: 'camera', afterMs: 40, at: 1100 });
  });

  it('is noticed when the page reported Trackstop\'s stop before the stop\'s answer came', () => {
    const endedByUs: Action = { type: 'reported', from: frame(), dropped: {},
      events: [{ type: 'ended', id: 'a', at: 1010, by: 'extension' }] };
    const state = run(at(10, added('a', 5)), at(1020, endedByUs), at(1600, added('b', 1510)),
      at(1700, stopped('a', 1000)));
    expect(tabView(state, tab1).retake).toEqual({ kind: 'camera', afterMs: 500, at: 1600 });
  });

  it('is not: after the window, a capture made before the stop, or once held', () => {
    const tooLate = 1000 + RETAKE_WINDOW_MS + 1;
    const late = run(at(10, added('a', 5)), at(1100, stopped('a', 1000)), at(99_000, added('b', tooLate)));
    expect(tabView(late, tab1).retake).toBeUndefined();
    const before = run(at(10, added('a', 5)), at(20, added('b', 900)), at(1100, stopped('a', 1000)));
    expect(tabView(before, tab1).retake).toBeUndefined();
    const taken = run(at(10, added('a', 5)), at(1100, stopped('a', 1000)), at(2600, added('b', 2500)));
    const held = reduce(taken, { type: 'held', tabId: tab1, site: 'x', kinds: ['camera'] }, 2700);
    expect(tabView(held, tab1).retake).toBeUndefined();
  });
});

describe('the overview of every tab', () => {
  it('lists a held tab with nothing live, with what it holds and how often it refused', () => {
    const state = run(at(10, added('a', 5)), at(20, { type: 'held', tabId: asTabId(2), site: 'x', kinds: ['camera'] }),
      at(30, { type: 'refused', tabId: asTabId(2), counts: { camera: 4 } }));
    const settings = { leakDelayMs: 5000, hiddenLeakMs: 0 };
    expect(overviewOf(state, 40, settings).map((s) => [s.tabId, s.live, s.held, s.refused])).toEqual([
      [1, 1, undefined, undefined], [2, 0, ['camera'], 4]]);
  });
});
