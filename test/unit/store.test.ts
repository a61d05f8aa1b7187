import { expect, it } from 'vitest';
import { EVENTS_PER_PART, createStore } from '../../background/store';
import { type State, tabView } from '../../src/state';
import { asFrameId, asTabId } from '../../src/model';
import { frame, track } from './fixtures';

it('writes one at a time and never loses a concurrent update', async () => {
  const writes: unknown[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const saved: Record<string, unknown> = {};
  const area = {
    get: async () => ({ ...saved }),
    remove: async (keys: string[]) => { for (const k of keys) delete saved[k]; },
    async set(items: Record<string, unknown>) {
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      await new Promise((r) => setTimeout(r, 5));
      Object.assign(saved, structuredClone(items));
      writes.push(items);
      inFlight--;
    },
  };
  const store = createStore(area, () => {});
  await Promise.all(Array.from({ length: 20 }, (_, i) =>
    store.dispatch({ type: 'reported', from: frame(), events: [{ type: 'added', track: track({ id: `t${i}` }) }],
      dropped: {} })));
  await store.saved();
  expect(maxInFlight).toBe(1);
  expect(writes.length).toBeLessThan(20);

  // A fresh store, as after a service-worker restart, finds all twenty.
  const restarted = createStore(area, () => {});
  await restarted.ready;
  expect(tabView(restarted.state, asTabId(1)).live.length).toBe(20);
});

it('stores each tab under its own key and removes a closed tab\'s key', async () => {
  const saved: Record<string, unknown> = {};
  const area = {
    get: async () => ({ ...saved }),
    set: async (items: Record<string, unknown>) => { Object.assign(saved, structuredClone(items)); },
    remove: async (keys: string[]) => { for (const k of keys) delete saved[k]; },
  };
  const store = createStore(area, () => {});
  await store.dispatch({ type: 'reported', from: frame(1), events: [{ type: 'added', track: track() }], dropped: {} });
  await store.dispatch({ type: 'reported', from: frame(2), events: [{ type: 'added', track: track() }], dropped: {} });
  await store.saved();
  expect(Object.keys(saved).sort()).toEqual(['tab:1', 'tab:2']);
  await store.dispatch({ type: 'tabGone', tabId: asTabId(1) });
  await store.saved();
  expect(Object.keys(saved)).toEqual(['tab:2']);
});

it('writes a burst of changes once, after the delay, and nothing before it', async () => {
  let writes = 0;
  const area = { get: async () => ({}), set: async () => { writes++; }, remove: async () => {} };
  const store = createStore(area, () => {}, { writeDelayMs: 40 });
  for (let i = 0; i < 10; i++) {
    await store.dispatch({ type: 'reported', from: frame(), events: [{ type: 'added',
      track: track({ id: `t${i}` }) }], dropped: {} });
  }
  expect(writes).toBe(0);
  await store.saved();
  expect(writes).toBe(1);
});

it('reduces a large report in parts, a task each, tells of it once, and applies what came after it later', async () => {
  const area = { get: async () => ({}), set: async () => {}, remove: async () => {} };
  const changes: number[][] = [];
  const live = (state: State) => tabView(state, asTabId(1)).live.length;
  const store = createStore(area, (before, after) => changes.push([live(before), live(after)]));
  const events = Array.from({ length: EVENTS_PER_PART * 2 + 1 }, (_, i) => ({ type: 'added' as const,
    track: track({ id: `t${i}` }) }));
  const reported = store.dispatch({ type: 'reported', from: frame(), events, dropped: { rate: 3 },
    snapshot: [track({ id: 't0' }), track({ id: 'late' })] });
  const gone = store.dispatch({ type: 'frameGone', tabId: asTabId(1), frameId: asFrameId(0) });
  await store.ready;
  // The first part at once; the rest wait for tasks of their own, so that a stop's message can come in between.
  expect(tabView(store.state, asTabId(1)).live.length).toBe(EVENTS_PER_PART);
  const afterReport = await reported;
  // The snapshot came with the last part: of the 201 only t0 is live, and the one only the snapshot named.
  expect(tabView(afterReport, asTabId(1)).live.map((t) => t.id).sort()).toEqual(['late', 't0']);
  expect(tabView(afterReport, asTabId(1)).dropped).toEqual({ rate: 3 });
  // The frame's disconnect, dispatched after the report, applied after all of it: the tab has gone.
  expect((await gone).tabs).toEqual({});
  // Told of the report once, with its last part (from before the first part to after the last); then of the disconnect.
  expect(changes).toEqual([[0, 2], [2, 0]]);
});

it('resolves saved() only once the last part of a report is applied and written', async () => {
  const saved: Record<string, unknown> = {};
  const area = { get: async () => ({}), remove: async () => {},
    set: async (items: Record<string, unknown>) => { Object.assign(saved, structuredClone(items)); } };
  const store = createStore(area, () => {}, { writeDelayMs: 0 });
  const events = Array.from({ length: EVENTS_PER_PART * 3 }, (_, i) => ({ type: 'added' as const,
    track: track({ id: `t${i}` }) }));
  void store.dispatch({ type: 'reported', from: frame(), events, dropped: {} });
  await store.ready;
  await store.saved();
  expect(Object.keys((saved['tab:1'] as { live: object }).live)).toHaveLength(EVENTS_PER_PART * 3);
});
