import { describe, expect, it, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { createRouter } from '../../background/router';
import { createStore } from '../../background/store';
import { createChannelBook } from '../../background/channels';
import { RELAY_PORT, UI_PORT } from '../../src/page-world';
import { asTabId } from '../../src/model';
import { tabView } from '../../src/state';
import { track } from './fixtures';

const ORIGIN = 'chrome-extension://trackstop/';

function memoryArea() {
  const data: Record<string, unknown> = {};
  return {
    get: async () => ({ ...data }),
    set: async (items: Record<string, unknown>) => { Object.assign(data, items); },
    remove: async (keys: string[]) => { for (const k of keys) delete data[k]; },
  };
}

/** storage.local as the channel book uses it, in memory. */
function localArea() {
  const data: Record<string, unknown> = {};
  return {
    get: async (k: string) => ({ [k]: data[k] }),
    set: async (items: Record<string, unknown>) => { Object.assign(data, structuredClone(items)); },
  };
}

/** The router's other dependencies, for tests that do not use them. */
const quiet = () => ({
  pause: vi.fn(async () => []), watch: vi.fn(), watchAll: vi.fn(), hold: vi.fn(async () => []),
  release: vi.fn(async () => {}),
});

const CHANNEL = { toRelay: 'trackstop:a1', toShim: 'trackstop:a2' };

function setUp() {
  const store = createStore(memoryArea(), () => {});
  const stop = vi.fn(async () => []);
  const router = createRouter({ store, extensionOrigin: ORIGIN, stop, ...quiet() });
  return { store, stop, router };
}

const contentScript = { id: 'trackstop', url: 'https://evil.test/', tab: { id: 5 } as Runtime.MessageSender['tab'], frameId: 0 };
const extensionPage = { id: 'trackstop', url: `${ORIGIN}popup.html` };

function fakePort(name: string, sender: Runtime.MessageSender) {
  const listeners: { message: ((m: unknown) => void)[]; disconnect: (() => void)[] } = { message: [], disconnect: [] };
  return {
    name, sender, disconnected: false,
    onMessage: { addListener: (f: (m: unknown) => void) => listeners.message.push(f) },
    onDisconnect: { addListener: (f: () => void) => listeners.disconnect.push(f) },
    postMessage: vi.fn(),
    disconnect() { this.disconnected = true; },
    emit: (m: unknown) => listeners.message.forEach((f) => f(m)),
    close: () => listeners.disconnect.forEach((f) => f()),
  };
}

describe('router', () => {
  it('refuses every request from a content script, stop above all', async () => {
    const { router, stop } = setUp();
    for (const message of [{ type: 'stop', data: { scope: 'all' } }, { type: 'getState', data: { tabId: 5 } }]) {
      expect(router.onMessage(message, contentScript)).toBeUndefined();
    }
    expect(stop).not.toHaveBeenCalled();
  });

  it('serves an extension page, and rejects its malformed requests with a clear error', async () => {
    const { router, stop } = setUp();
    await router.onMessage({ type: 'stop', data: { scope: 'all' } }, extensionPage);
    expect(stop).toHaveBeenCalledWith({ scope: 'all' });
    await expect(router.onMessage({ type: 'stop', data: { scope: 'everything' } }, extensionPage)).rejects.toThrow(/malformed/);
  });

  it('takes a report\'s tab from the port, counts malformed reports, and never throws on them', async () => {
    const { router, store } = setUp();
    const port = fakePort(RELAY_PORT, contentScript);
    router.onConnect(port as unknown as Runtime.Port);
    port.emit({ type: 'report', data: { events: [{ type: 'added', track: track({ id: 'a' }) }], dropped: {} } });
    for (const bad of [null, 'x', { type: 'report' }, { type: 'report', data: { events: [{ type: 'added' }],
      dropped: {} } }]) {
      expect(() => port.emit(bad)).not.toThrow();
    }
    await store.ready; // each dispatch reduces once `ready` resolves, in the order they were made: these came first
    const view = tabView(store.state, asTabId(5));
    expect(view.live.map((t) => [t.id, t.tabId, t.origin])).toEqual([['a', 5, 'https://evil.test']]);
    expect(view.dropped).toEqual({ malformed: 4 });
  });

  it('disconnects a content script that asks for a UI port, and an extension page that claims a relay port', () => {
    const { router } = setUp();
    const sneaky = fakePort(UI_PORT, contentScript);
    router.onConnect(sneaky as unknown as Runtime.Port);
    expect(sneaky.disconnected).toBe(true);
    const confused = fakePort(RELAY_PORT, { ...extensionPage, tab: { id: 1 } as Runtime.MessageSender['tab'],
      frameId: 0 });
    router.onConnect(confused as unknown as Runtime.Port);
    expect(confused.disconnected).toBe(true);
  });
});

describe('reattaching after an update', () => {
  it('gives a relay its own document\'s channel and no other', async () => {
    const local = localArea();
    const channels = createChannelBook(local);
    const store = createStore({ get: async () => ({}), set: async () => {}, remove: async () => {} }, () => {});
    const router = createRouter({ store, channels, extensionOrigin: ORIGIN, stop: vi.fn(), ...quiet() });
    const inDocument = (documentId: string) => ({ ...contentScript, documentId }) as Runtime.MessageSender;

    const first = fakePort(RELAY_PORT, inDocument('doc-A'));
    router.onConnect(first as unknown as Runtime.Port);
    // A lookup waits for every write to the book before it: no wait is needed between remembering and asking.
    first.emit({ type: 'report', data: { channel: CHANNEL, events: [], dropped: {} } });

    const mine = fakePort(RELAY_PORT, inDocument('doc-A'));
    const other = fakePort(RELAY_PORT, inDocument('doc-B'));
    for (const p of [mine, other]) {
      router.onConnect(p as unknown as Runtime.Port);
      p.emit({ type: 'reattach', data: {} });
    }
    await vi.waitFor(() => [mine, other].forEach((p) => expect(p.postMessage).toHaveBeenCalled()));
    expect(mine.postMessage).toHaveBeenCalledWith({ type: 'channel', data: { channel: CHANNEL } });
    expect(other.postMessage).toHaveBeenCalledWith({ type: 'channel', data: {} });
  });

  it('tells documents apart by frame and time origin where the browser gives no documentId', async () => {
    const local = localArea();
    const store = createStore({ get: async () => ({}), set: async () => {}, remove: async () => {} }, () => {});
    const router = createRouter({ store, channels: createChannelBook(local), extensionOrigin: ORIGIN, stop: vi.fn(),
      ...quiet() });
    const sender = contentScript as Runtime.MessageSender;

    const first = fakePort(RELAY_PORT, sender);
    router.onConnect(first as unknown as Runtime.Port);
    first.emit({ type: 'report', data: { channel: CHANNEL, documentTime: 1000.5, events: [], dropped: {} } });

    const replies = [];
    for (const documentTime of [1000.5, 2000, undefined]) {
      const p = fakePort(RELAY_PORT, sender);
      router.onConnect(p as unknown as Runtime.Port);
      p.emit({ type: 'reattach', data: { documentTime } });
      await vi.waitFor(() => expect(p.postMessage).toHaveBeenCalled());
      replies.push(p.postMessage.mock.calls[0]?.[0]);
    }
    expect(replies).toEqual([
      { type: 'channel', data: { channel: CHANNEL } },
      { type: 'channel', data: {} }, // a later document in the same frame
      { type: 'channel', data: {} },
    ]);
  });
});
