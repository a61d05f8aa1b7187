/**
 * Every message into the background passes here. The sender is checked before the type: content scripts may only
 * report over a relay port (background/relay-ports.ts); requests and UI ports are accepted from extension pages
 * only. Each channel has one validator and one set of handlers (src/messages.ts).
 */
import type { Runtime } from 'webextension-polyfill';
import type { ControlResult, ControlTarget, HoldKind, TabId } from '../src/model';
import { type Handlers, handle } from '../src/messages';
import { RELAY_PORT, UI_PORT } from '../src/page-world';
import { type BackgroundApi, type WatchApi, parseBackgroundRequest, parseWatchMessage } from '../src/protocol';
import { tabView } from '../src/state';
import type { ChannelBook } from './channels';
import { type VerdictFor, serveRelayPort } from './relay-ports';
import { frameOf, isExtensionPage } from './senders';
import type { Store } from './store';

export interface RouterDeps {
  store: Store;
  channels?: ChannelBook;
  extensionOrigin: string;
  stop(target: ControlTarget): Promise<ControlResult[]>;
  pause(target: ControlTarget, isPaused: boolean): Promise<ControlResult[]>;
  watch(port: Runtime.Port, tabId: TabId): void;
  watchAll(port: Runtime.Port): void;
  hold(target: ControlTarget, kinds?: HoldKind[]): Promise<ControlResult[]>;
  release(tabId: TabId): Promise<void>;
  verdictFor?: VerdictFor;
}

export function createRouter(deps: RouterDeps) {
  const { store, channels, extensionOrigin, stop, pause, watch, watchAll, hold, release, verdictFor } = deps;
  const requests: Handlers<BackgroundApi> = {
    async getState({ tabId }) {
      await store.ready;
      return tabView(store.state, tabId);
    },
    stop: (target) => stop(target),
    pause: ({ target, isPaused }) => pause(target, isPaused),
    hold: ({ target, kinds }) => hold(target, kinds),
    release: ({ tabId }) => release(tabId),
  };
  const watches: Handlers<WatchApi, Runtime.Port> = {
    watch: ({ tabId }, port) => void store.ready.then(() => watch(port, tabId)),
    watchAll: (_, port) => void store.ready.then(() => watchAll(port)),
  };

  return {
    onMessage(message: unknown, sender: Runtime.MessageSender): Promise<unknown> | undefined {
      if (!isExtensionPage(sender, extensionOrigin)) return undefined;
      const request = parseBackgroundRequest(message);
      if (!request) return Promise.reject(new Error('Trackstop: malformed request'));
      return Promise.resolve(handle(requests, request, undefined));
    },
    onConnect(port: Runtime.Port): void {
      const sender = port.sender;
      if (!sender) return port.disconnect();
      const from = port.name === RELAY_PORT ? frameOf(sender, extensionOrigin) : undefined;
      if (from) return serveRelayPort(port, from, store, channels, verdictFor);
      if (port.name !== UI_PORT || !isExtensionPage(sender, extensionOrigin)) return port.disconnect();
      port.onMessage.addListener((message: unknown) => {
        const watchMessage = parseWatchMessage(message);
        if (watchMessage) handle(watches, watchMessage, port);
      });
    },
  };
}
