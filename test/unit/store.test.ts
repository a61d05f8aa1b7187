import { expect, it } from 'vitest';
import { createStore } from '../../background/store';
import { tabView } from '../../src/state';
import { asTabId } from '../../src/model';
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
