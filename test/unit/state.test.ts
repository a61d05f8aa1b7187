import { describe, expect, it } from 'vitest';
import { asFrameId, asTabId } from '../../src/model';
import {
  type Action, MAX_ENDED_PER_TAB, MAX_LIVE_PER_TAB, type State, emptyState, reduce, tabView, trimEnded,
} from '../../src/state';
import { sourcesOf } from '../../src/sources';
import { MAX_PAGE_TEXT_PER_TAB, pageTextOf, pageTextOfTab } from '../../src/tab-budget';
import { frame, track } from './fixtures';

const run = (actions: Action[], state: State = emptyState()) => actions.reduce((s, a) => reduce(s, a, 1000), state);
const added = (info = track(), from = frame()): Action => ({ type: 'reported', from, events: [{ type: 'added',
  track: info }], dropped: {} });
const ended = (id: string, by: 'page' | 'source' = 'page', from = frame()): Action =>
  ({ type: 'reported', from, events: [{ type: 'ended', id, at: 5, by }], dropped: {} });
const tab1 = asTabId(1);

describe('reduce', () => {
  it('keeps the source live while a clone is live', () => {
    const original = track({ id: 'a' });
    const clone = track({ id: 'b', creator: 'clone', parentId: 'a' });
    const state = run([added(original), added(clone), ended('a')]);
    const [source] = sourcesOf(tabView(state, tab1).live);
    expect(source?.liveCount).toBe(1);
    expect(source?.tracks.map((t) => t.id)).toEqual(['b']);
  });

  it('releases the source when its last track stops', () => {
    const state = run([added(track({ id: 'a' })), added(track({ id: 'b', creator: 'clone' })), ended('a'), ended('b')]);
    expect(sourcesOf(tabView(state, tab1).live)).toEqual([]);
    expect(tabView(state, tab1).ended.map((t) => [t.id, t.endedBy])).toEqual([['b', 'page'], ['a', 'page']]);
  });

  it('does not change the input state', () => {
    const before = run([added(track({ id: 'a' }))]);
    const copy = structuredClone(before);
    run([ended('a'), { type: 'frameGone', tabId: tab1, frameId: asFrameId(0) }], before);
    expect(before).toEqual(copy);
  });

  it('keeps tabs apart: a report only touches its own tab', () => {
    const state = run([added(track({ id: 'a' }), frame(1)), added(track({ id: 'a' }), frame(2)), ended('a', 'page',
      frame(2))]);
    expect(tabView(state, tab1).live.map((t) => t.id)).toEqual(['a']);
    expect(tabView(state, asTabId(2)).live).toEqual([]);
  });

  it('removes the whole tab when its top document goes, and ends a subframe\'s tracks as unloaded', () => {
    const withFrames = run([added(track({ id: 'top' })), added(track({ id: 'sub' }), frame(1, 7))]);
    const subGone = run([{ type: 'frameGone', tabId: tab1, frameId: asFrameId(7) }], withFrames);
    expect(tabView(subGone, tab1).live.map((t) => t.id)).toEqual(['top']);
    expect(tabView(subGone, tab1).ended[0]).toMatchObject({ id: 'sub', endedBy: 'unload' });
    const topGone = run([{ type: 'frameGone', tabId: tab1, frameId: asFrameId(0) }], subGone);
    expect(topGone.tabs).toEqual({});
  });

  it('keeps a new document\'s tracks when the old document\'s disconnect arrives late', () => {
    const state = run([
      added(track({ id: 'old' }), frame(1, 0, 'doc-1')),
      added(track({ id: 'new' }), frame(1, 0, 'doc-2')),
      { type: 'frameGone', tabId: tab1, frameId: asFrameId(0), documentId: 'doc-1' },
    ]);
    expect(tabView(state, tab1).live.map((t) => t.id)).toEqual(['new']);
  });

  it('reconciles a snapshot: what it lacks has ended, what it has is live, nothing doubles', () => {
    const state = run([
      added(track({ id: 'a' })), added(track({ id: 'b' })),
      { type: 'reported', from: frame(), events: [], snapshot: [track({ id: 'b' }), track({ id: 'c' })], dropped: {} },
      { type: 'reported', from: frame(), events: [], snapshot: [track({ id: 'b' }), track({ id: 'c' })], dropped: {} },
    ]);
    expect(tabView(state, tab1).live.map((t) => t.id).sort()).toEqual(['b', 'c']);
    expect(tabView(state, tab1).ended.map((t) => t.id)).toEqual(['a']);
  });

  it('takes events replayed after a restart again without doubling anything', () => {
    const events = [added(track({ id: 'a' })), added(track({ id: 'b' })), ended('a')];
    const once = run(events);
    // Some were saved before the worker died, some not: a relay sends its recent events again, then a snapshot.
    const replayed = run([...events.slice(1),
      { type: 'reported', from: frame(), events: [], snapshot: [track({ id: 'b' })], dropped: {} }],
        run(events.slice(0, 2)));
    const twice = run(events, once);
    for (const state of [replayed, twice]) {
      expect(tabView(state, tab1).live.map((t) => t.id)).toEqual(['b']);
      expect(tabView(state, tab1).ended.map((t) => [t.id, t.endedBy])).toEqual([['a', 'page']]);
    }
  });

  it('marks a confirmed stop as ended by Trackstop, and a gone track as unloaded', () => {
    const state = run([added(track({ id: 'a' })), added(track({ id: 'b' })), { type: 'controlsConfirmed', results: [
      { tabId: tab1, frameId: asFrameId(0), trackId: 'a', outcome: 'ended' },
      { tabId: tab1, frameId: asFrameId(0), trackId: 'b', outcome: 'gone', reason: 'the frame no longer exists' },
    ] }]);
    expect(tabView(state, tab1).ended.map((t) => [t.id, t.endedBy]).sort()).toEqual([['a', 'extension'], ['b',
      'unload']]);
  });

  it('caps live and ended records per tab and counts what it dropped', () => {
    const many = Array.from({ length: MAX_LIVE_PER_TAB + 5 }, (_, i) => ({ type: 'added' as const,
      track: track({ id: `x${i}` }) }));
    const state = run([{ type: 'reported', from: frame(), events: many, dropped: { malformed: 3 } }]);
    expect(tabView(state, tab1).live.length).toBe(MAX_LIVE_PER_TAB);
    expect(tabView(state, tab1).dropped).toEqual({ malformed: 3, cap: 5 });
    const endings = many.map(({ track: t }) => ({ type: 'ended' as const, id: t.id, at: 1, by: 'page' as const }));
    const after = run([{ type: 'reported', from: frame(), events: endings, dropped: {} }], state);
    expect(tabView(after, tab1).ended.length).toBe(MAX_ENDED_PER_TAB);
  });

  it('keeps one ended record per track, newest first, however often one report ends it', () => {
    const full = run(Array.from({ length: MAX_ENDED_PER_TAB }, (_, i) => added(track({ id: `x${i}`,
      readyState: 'ended' }))));
    const before = tabView(full, tab1).ended.map((t) => t.id);
    const state = run([{ type: 'reported', from: frame(), dropped: {}, events: [
      { type: 'added', track: track({ id: 'x5', readyState: 'ended', endedBy: 'page' }) },
      { type: 'added', track: track({ id: 'new' }) }, { type: 'ended', id: 'new', at: 5, by: 'page' },
      { type: 'added', track: track({ id: 'x5', readyState: 'ended', endedBy: 'source' }) },
    ] }], full);
    const ids = tabView(state, tab1).ended.map((t) => t.id);
    expect(ids.slice(0, 2)).toEqual(['x5', 'new']);
    expect(tabView(state, tab1).ended[0]!.endedBy).toBe('source');
    expect(ids).toEqual(['x5', 'new', ...before.filter((id) => id !== 'x5')].slice(0, MAX_ENDED_PER_TAB));
    expect(tabView(full, tab1).ended.map((t) => t.id)).toEqual(before);
  });
});

describe('pausing', () => {
  const changed = (id: string, enabled: boolean, pausedBy?: 'page' | 'extension'): Action => ({ type: 'reported',
    from: frame(), events: [{ type: 'changed', id, muted: false, enabled, ...pausedBy && { pausedBy } }],
    dropped: {} });
  const confirmed = (outcome: 'paused' | 'resumed'): Action => ({ type: 'controlsConfirmed',
    results: [{ tabId: tab1, frameId: asFrameId(0), trackId: 'a', outcome }] });
  const stateOf = (state: State) => {
    const [t] = tabView(state, tab1).live;
    return [t?.readyState, t?.enabled, t?.pausedBy];
  };

  it.each([
    ['a confirmed pause', [confirmed('paused')], ['live', false, 'extension']],
    ['a confirmed pause, then resume', [confirmed('paused'), confirmed('resumed')], ['live', true, undefined]],
    ['the page disabling the track', [changed('a', false, 'page')], ['live', false, 'page']],
    ['an old shim saying only that it is disabled', [changed('a', false)], ['live', false, 'page']],
    ['the shim reporting Trackstop\'s pause', [changed('a', false, 'extension')], ['live', false, 'extension']],
    ['the page enabling it again', [confirmed('paused'), changed('a', true)], ['live', true, undefined]],
  ] as const)('after %s, the track is %j', (_, actions, expected) => {
    expect(stateOf(run([added(track({ id: 'a' })), ...actions]))).toEqual(expected);
  });
});

describe('trimEnded', () => {
  it('keeps the newest ended tracks of each tab up to the setting, and the state itself when under it', () => {
    const state = run(['a', 'b', 'c'].flatMap((id) => [added(track({ id })), ended(id)]));
    expect(tabView(trimEnded(state, 2), tab1).ended.map((t) => t.id)).toEqual(['c', 'b']);
    expect(trimEnded(state, 3)).toBe(state);
  });
});

describe('what one tab can make Trackstop keep', () => {
  const big = (i: number) => track({ id: `t${i}`, stack: 's'.repeat(8000), constraints: 'c'.repeat(2000) });
  const FROM = frame();

  it('keeps every track listed but stops keeping page-made text past the budget, and counts what it trimmed', () => {
    const events = Array.from({ length: 100 }, (_, i) => ({ type: 'added' as const, track: big(i) }));
    const state = reduce(emptyState(), { type: 'reported', from: FROM, events, dropped: {} }, 0);
    const tab = state.tabs[String(FROM.tabId)]!;
    expect(Object.keys(tab.live)).toHaveLength(100);
    expect(pageTextOfTab(tab.live)).toBeLessThanOrEqual(MAX_PAGE_TEXT_PER_TAB);
    const kept = Object.values(tab.live).filter((r) => r.stack).length;
    expect(kept).toBe(Math.floor(MAX_PAGE_TEXT_PER_TAB / pageTextOf(big(0))));
    expect(tab.dropped.detail).toBe(100 - kept);
  });

  it('trims a record whose sinks grow past the budget to its first four sinks', () => {
    const filler = Array.from({ length: 26 }, (_, i) => ({ type: 'added' as const, track: big(i) }));
    let state = reduce(emptyState(), { type: 'reported', from: FROM, events: filler, dropped: {} }, 0);
    const name = (i: number) => `video#${'x'.repeat(99)}${i}`;
    const sinks = Array.from({ length: 32 }, (_, i) => ({ kind: 'element' as const, name: name(i) }));
    state = reduce(state, { type: 'reported', from: FROM, events: [{ type: 'sinks', id: 't25', at: 1, sinks }],
      dropped: {} }, 1);
    const record = Object.values(state.tabs[String(FROM.tabId)]!.live).find((r) => r.id === 't25')!;
    expect(record.sinks).toHaveLength(4);
    expect(record.stack).toBeUndefined();
  });
});
