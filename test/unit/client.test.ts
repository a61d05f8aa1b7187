/**
 * popup/client.ts, the one place where extension pages talk to the background, with a fake extension API: a watch
 * hears only its tab, reconnects when the worker's port breaks and stops when closed; settings follow the person's
 * and an administrator's storage, the administrator's winning.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Listener = (...args: unknown[]) => void;
const listeners = () => {
  const all: Listener[] = [];
  return {
    all, addListener: (l: Listener) => { all.push(l); },
    removeListener: (l: Listener) => { all.splice(all.indexOf(l), 1); },
    fire: (...args: unknown[]) => { for (const l of [...all]) l(...args); },
  };
};

class FakePort {
  posted: unknown[] = [];
  isDisconnected = false;
  onMessage = listeners();
  onDisconnect = listeners();
  postMessage(message: unknown) { this.posted.push(message); }
  disconnect() { this.isDisconnected = true; }
}

const fake = vi.hoisted(() => ({ browser: {} as Record<string, unknown> }));
vi.mock('../../popup/platform', () => fake);

let ports: FakePort[];
let storage: { sync: Record<string, unknown>; managed: Record<string, unknown> | Error };
let onChanged: ReturnType<typeof listeners>;

beforeEach(() => {
  vi.useFakeTimers();
  ports = [];
  storage = { sync: {}, managed: new Error('no policy') };
  onChanged = listeners();
  fake.browser = {
    runtime: { connect: () => { const port = new FakePort(); ports.push(port); return port; } },
    storage: {
      sync: { get: async () => storage.sync },
      managed: {
        get: async () => { if (storage.managed instanceof Error) throw storage.managed; return storage.managed; },
      },
      onChanged,
    },
  };
});
afterEach(() => { vi.useRealTimers(); });

const view = (tabId: number) => ({ tabId, live: [], ended: [], dropped: {}, timeline: [] });

describe('watchTab', () => {
  it('asks for its tab, hears only its tab, reconnects after the worker goes and stops once closed', async () => {
    const { watchTab } = await import('../../popup/client');
    const heard: number[] = [];
    const close = watchTab(7 as never, (v) => heard.push(v.tabId));
    expect(ports[0]!.posted).toEqual([{ type: 'watch', data: { tabId: 7 } }]);

    ports[0]!.onMessage.fire({ type: 'stateChanged', data: view(7) });
    ports[0]!.onMessage.fire({ type: 'stateChanged', data: view(8) });
    ports[0]!.onMessage.fire({ type: 'stateChanged', data: { tabId: 7 } }); // malformed: dropped
    expect(heard).toEqual([7]);

    ports[0]!.onDisconnect.fire();
    expect(ports).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(ports).toHaveLength(2);
    expect(ports[1]!.posted).toEqual([{ type: 'watch', data: { tabId: 7 } }]);
    ports[1]!.onMessage.fire({ type: 'stateChanged', data: view(7) });
    expect(heard).toEqual([7, 7]);

    close();
    expect(ports[1]!.isDisconnected).toBe(true);
    ports[1]!.onDisconnect.fire();
    await vi.advanceTimersByTimeAsync(1000);
    expect(ports).toHaveLength(2);
  });
});

describe('watchSettings', () => {
  it("tells the person's settings, then an administrator's on top, locked, and follows changes of either", async () => {
    const { watchSettings } = await import('../../popup/client');
    const told: { leakDelayMs: number; locked: string[] }[] = [];
    storage.sync = { settings: { leakDelayMs: 7000 } };
    const close = watchSettings(({ settings, locked }) => told.push({ leakDelayMs: settings.leakDelayMs, locked }));
    await vi.advanceTimersByTimeAsync(0);
    expect(told.at(-1)).toEqual({ leakDelayMs: 7000, locked: [] });

    storage.managed = { leakDelayMs: 9000 };
    onChanged.fire({}, 'managed');
    await vi.advanceTimersByTimeAsync(0);
    expect(told.at(-1)).toEqual({ leakDelayMs: 9000, locked: ['leakDelayMs'] });

    storage.sync = { settings: { leakDelayMs: 3000 } };
    onChanged.fire({ settings: {} }, 'sync');
    await vi.advanceTimersByTimeAsync(0);
    expect(told.at(-1)).toEqual({ leakDelayMs: 9000, locked: ['leakDelayMs'] }); // the administrator's still wins

    close();
    expect(onChanged.all).toHaveLength(0);
    const count = told.length;
    onChanged.fire({ settings: {} }, 'sync');
    await vi.advanceTimersByTimeAsync(0);
    expect(told).toHaveLength(count);
  });
});
