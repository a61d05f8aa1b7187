/**
 * Every message into the background passes here. The sender is checked before the type: content scripts may only
 * report over a relay port (their tab and frame are taken from the port, never from the message); requests and UI
 * ports are accepted from extension pages only. Malformed reports are dropped and counted against their tab.
 */
import type { Runtime } from 'webextension-polyfill';
import { type FrameAddress, type FrameId, type StopResult, type StopTarget, type TabId, asFrameId, asTabId } from '../src/model';
import {
  type BackgroundApi, type ChannelReply, type Reply, RELAY_PORT, type Request, UI_PORT, parseBackgroundRequest,
  parseReattachRequest, parseRelayReport, parseWatchMessage,
} from '../src/protocol';
import { frameOriginText } from '../src/format';
import { tabView } from '../src/state';
import { createBucket } from '../src/rate';
import type { ChannelBook } from './channels';
import type { Store } from './store';

const REPORTS_PER_SECOND = 40;
const REPORT_BURST = 80;

type Handlers<Api> = { [K in keyof Api]: (data: Extract<Request<Api>, { type: K }>['data']) => Promise<Reply<Api, K>> };

export interface RouterDeps {
  store: Store;
  channels?: ChannelBook;
  extensionOrigin: string;
  stop(target: StopTarget): Promise<StopResult[]>;
  watch(port: Runtime.Port, tabId: TabId): void;
}

export function createRouter({ store, channels, extensionOrigin, stop, watch }: RouterDeps) {
  const handlers: Handlers<BackgroundApi> = {
    async getState({ tabId }) {
      await store.ready;
      return tabView(store.state, tabId);
    },
    stop,
  };

  const isExtensionPage = (sender: Runtime.MessageSender) => !!sender.url?.startsWith(extensionOrigin);

  function frameOf(sender: Runtime.MessageSender): FrameAddress | undefined {
    if (sender.tab?.id === undefined || sender.frameId === undefined || isExtensionPage(sender)) return undefined;
    const address: FrameAddress = {
      tabId: asTabId(sender.tab.id),
      frameId: asFrameId(sender.frameId),
      origin: frameOriginText((sender as { origin?: string }).origin ?? originOf(sender.url), sender.url),
    };
    const documentId = (sender as { documentId?: string }).documentId;
    if (documentId) address.documentId = documentId;
    return address;
  }

  /** Names one document for the channel book: its `documentId`, or its frame and time origin (Firefox). */
  function documentKey(from: FrameAddress, documentTime: number | undefined): string | undefined {
    if (from.documentId) return from.documentId;
    return documentTime === undefined ? undefined : `${from.tabId}:${from.frameId}:${documentTime}`;
  }

  function onRelayPort(port: Runtime.Port, from: FrameAddress): void {
    let remembered: string | undefined;
    // A relay reports at most every 50 ms (and once per stop); a port far past that is a compromised renderer.
    const rate = createBucket(REPORTS_PER_SECOND, REPORT_BURST, Date.now());
    let overRate = 0;
    port.onMessage.addListener((message: unknown) => {
      if (!rate.take(Date.now())) {
        // Counted, and put into the state at most once a second, so that the flood costs no storage writes.
        if (overRate++ === 0) {
          setTimeout(() => {
            void store.dispatch({ type: 'reported', from, events: [], dropped: { rate: overRate } });
            overRate = 0;
          }, 1000);
        }
        return;
      }
      const reattach = parseReattachRequest(message);
      if (reattach) return void answerReattach(port, documentKey(from, reattach.documentTime));
      const report = parseRelayReport(message);
      const key = report?.channel && documentKey(from, report.documentTime);
      if (key) void channels?.remember(remembered = key, report!.channel!);
      void store.dispatch(report
        ? { type: 'reported', from, events: report.events, snapshot: report.snapshot, dropped: report.dropped }
        : { type: 'reported', from, events: [], dropped: { malformed: 1 } });
    });
    port.onDisconnect.addListener(() => {
      if (remembered) void channels?.forget(remembered);
      void store.dispatch({ type: 'frameGone', tabId: from.tabId, frameId: from.frameId as FrameId, documentId: from.documentId });
    });
  }

  /** A relay injected after an update asks for its own document's channel; it gets that one or nothing. */
  async function answerReattach(port: Runtime.Port, key: string | undefined): Promise<void> {
    const channel = key ? await channels?.lookup(key) : undefined;
    const reply: ChannelReply = channel ? { type: 'channel', channel } : { type: 'channel' };
    try {
      port.postMessage(reply);
    } catch {
      // The frame went away meanwhile.
    }
  }

  function onUiPort(port: Runtime.Port): void {
    port.onMessage.addListener((message: unknown) => {
      const watchMessage = parseWatchMessage(message);
      if (watchMessage) void store.ready.then(() => watch(port, watchMessage.tabId));
    });
  }

  return {
    onMessage(message: unknown, sender: Runtime.MessageSender): Promise<unknown> | undefined {
      if (!isExtensionPage(sender)) return undefined;
      const request = parseBackgroundRequest(message);
      if (!request) return Promise.reject(new Error('Trackstop: malformed request'));
      return (handlers[request.type] as (data: unknown) => Promise<unknown>)(request.data);
    },
    onConnect(port: Runtime.Port): void {
      const sender = port.sender;
      if (!sender) return port.disconnect();
      const from = port.name === RELAY_PORT ? frameOf(sender) : undefined;
      if (from) return onRelayPort(port, from);
      if (port.name === UI_PORT && isExtensionPage(sender)) return onUiPort(port);
      port.disconnect();
    },
  };
}

function originOf(url: string | undefined): string {
  try {
    return url ? new URL(url).origin : 'null';
  } catch {
    return 'null';
  }
}
