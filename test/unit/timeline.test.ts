import { describe, expect, it } from 'vitest';
import { asTabId, type Sink } from '../../src/model';
import type { ShimEvent } from '../../src/page-world';
import { MAX_TIMELINE_PER_TAB, type State, emptyState, reduce, tabView } from '../../src/state';
import { frame, track } from './fixtures';

const video: Sink = { kind: 'element', name: 'video#self' };
const peer: Sink = { kind: 'peer', name: 'peer connection 1' };
const report = (state: State, events: ShimEvent[], now = 100) =>
  reduce(state, { type: 'reported', from: frame(), events, dropped: {} }, now);
const timeline = (state: State) => tabView(state, asTabId(1)).timeline
  .map((e) => `${e.trackId} ${e.what}${e.sink ? ` ${e.sink.name}` : ''}${e.by ? ` by ${e.by}` : ''}`);

describe('sinks and the timeline', () => {
  it.each<[string, ShimEvent[][], string[]]>([
    ['created with a sink', [[{ type: 'added', track: track({ id: 'a', sinks: [video] }) }]],
      ['a created', 'a attached video#self']],
    ['a sink comes and another goes', [
      [{ type: 'added', track: track({ id: 'a', sinks: [video] }) }],
      [{ type: 'sinks', id: 'a', at: 50, sinks: [peer] }],
      [{ type: 'sinks', id: 'a', at: 60, sinks: [], idleSince: 60, formerSinks: ['element', 'peer'] }],
    ], ['a created', 'a attached video#self', 'a detached video#self', 'a attached peer connection 1',
      'a detached peer connection 1']],
    ['muted, unmuted, and ended by the page', [
      [{ type: 'added', track: track({ id: 'a' }) }],
      [{ type: 'changed', id: 'a', muted: true, enabled: true }],
      [{ type: 'changed', id: 'a', muted: true, enabled: false }],
      [{ type: 'changed', id: 'a', muted: false, enabled: false }],
      [{ type: 'ended', id: 'a', at: 70, by: 'page' }],
    ], ['a created', 'a muted', 'a unmuted', 'a ended by page']],
    ['made and ended within one batch', [[{ type: 'added',
      track: track({ id: 'a', readyState: 'ended', endedAt: 5, endedBy: 'page' }) }]], ['a created',
        'a ended by page']],
    ['sinks of a track it does not know', [[{ type: 'sinks', id: 'x', at: 1, sinks: [video] }]], []],
    ['the same track reported again', [
      [{ type: 'added', track: track({ id: 'a', sinks: [video] }) }],
      [{ type: 'added', track: track({ id: 'a', sinks: [video] }) }],
    ], ['a created', 'a attached video#self']],
  ])('%s', (_, batches, expected) => {
    let state = emptyState();
    for (const events of batches) state = report(state, events);
    expect(timeline(state)).toEqual(expected);
  });

  it('keeps the newest sinks, idle time and former sinks on the record', () => {
    let state = report(emptyState(), [{ type: 'added', track: track({ id: 'a', sinks: [video] }) }]);
    state = report(state, [{ type: 'sinks', id: 'a', at: 60, sinks: [], idleSince: 60, formerSinks: ['element'] }]);
    expect(tabView(state, asTabId(1)).live[0]).toMatchObject({ sinks: [], idleSince: 60, formerSinks: ['element'] });
    state = report(state, [{ type: 'sinks', id: 'a', at: 70, sinks: [peer], formerSinks: ['element'] }]);
    const record = tabView(state, asTabId(1)).live[0]!;
    expect(record.sinks).toEqual([peer]);
    expect(record.idleSince).toBeUndefined();
  });

  it('logs a stop by Trackstop and keeps at most the newest entries', () => {
    let state = report(emptyState(), [{ type: 'added', track: track({ id: 'a' }) }]);
    state = reduce(state, { type: 'controlsConfirmed', results: [{ tabId: asTabId(1), frameId: frame().frameId,
      trackId: 'a', outcome: 'ended' }] }, 200);
    expect(timeline(state)).toEqual(['a created', 'a ended by extension']);
    for (let i = 0; i < MAX_TIMELINE_PER_TAB; i++) state = report(state, [{ type: 'added', track: track() }]);
    expect(tabView(state, asTabId(1)).timeline).toHaveLength(MAX_TIMELINE_PER_TAB);
    expect(timeline(state)).not.toContain('a created');
  });

  it('keeps since when the top document is hidden, and forgets it when shown', () => {
    const seen = (visibility: { hidden: boolean; since: number }, frameId = 0) => (state: State) =>
      reduce(state, { type: 'reported', from: frame(1, frameId), events: [], dropped: {}, visibility }, 0);
    let state = seen({ hidden: true, since: 40 })(emptyState());
    expect(tabView(state, asTabId(1)).hiddenSince).toBe(40);
    state = seen({ hidden: false, since: 50 }, 2)(state);
    expect(tabView(state, asTabId(1)).hiddenSince).toBe(40);
    state = seen({ hidden: false, since: 50 })(state);
    expect(tabView(state, asTabId(1)).hiddenSince).toBeUndefined();
  });
});
