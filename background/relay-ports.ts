/**
 * One relay port per frame with tracks: its reports go into the store, its `reattach` gets its own document's channel
 * or none, and its disconnect ends the frame's tracks. The frame comes from the port, never from a message. A port
 * that sends far faster than any relay does is a compromised renderer: the excess is counted, not handled.
 */
import type { Runtime } from 'webextension-polyfill';
import type { FrameAddress, HoldKind } from '../src/model';
import { type Handlers, type Message, handle } from '../src/messages';
import { type BackgroundPortApi, type RelayPortApi, parseBackgroundPortMessage } from '../src/protocol';
import { createBucket } from '../src/rate';
import type { ChannelBook } from './channels';
import { documentKey } from './senders';
import type { Store } from './store';

/** A relay reports at most every 50 ms (and once per stop). */
const REPORTS_PER_SECOND = 40;
const REPORT_BURST = 80;

/** What a gated document's tab holds (background/holds.ts). */
export type VerdictFor = (from: FrameAddress) => Promise<HoldKind[]>;

export function serveRelayPort(
  port: Runtime.Port, from: FrameAddress, store: Store, channels?: ChannelBook, verdictFor?: VerdictFor,
): void {
  /** This document's key in the channel book, once its relay has shared the channel. */
  let remembered: string | undefined;
  const reply = (message: Message<RelayPortApi>) => {
    try {
      port.postMessage(message);
    } catch {
      // The frame went away meanwhile.
    }
  };
  const handlers: Handlers<BackgroundPortApi> = {
    report(report) {
      const key = report.channel && documentKey(from, report.documentTime);
      if (key) void channels?.remember(remembered = key, report.channel!);
      const { events, snapshot, dropped, visibility } = report;
      void store.dispatch({ type: 'reported', from, events, snapshot, dropped, visibility });
    },
    async reattach({ documentTime }) {
      const key = documentKey(from, documentTime);
      const channel = key ? await channels?.lookup(key) : undefined;
      reply({ type: 'channel', data: channel ? { channel } : {} });
    },
    async holdOf() {
      reply({ type: 'hold', data: { kinds: verdictFor ? await verdictFor(from) : [] } });
    },
    refused(counts) {
      void store.dispatch({ type: 'refused', tabId: from.tabId, counts });
    },
  };
  const countDrop = overRateCounter(store, from);
  const rate = createBucket(REPORTS_PER_SECOND, REPORT_BURST, Date.now());
  port.onMessage.addListener((raw: unknown) => {
    if (!rate.take(Date.now())) return countDrop('rate');
    const message = parseBackgroundPortMessage(raw);
    if (message) void handle(handlers, message, undefined);
    else void store.dispatch({ type: 'reported', from, events: [], dropped: { malformed: 1 } });
  });
  port.onDisconnect.addListener(() => {
    if (remembered) void channels?.forget(remembered);
    void store.dispatch({ type: 'frameGone', tabId: from.tabId, frameId: from.frameId, documentId: from.documentId });
  });
}

/** Counts messages over the rate, and puts the count into the state at most once a second: a flood costs no writes. */
function overRateCounter(store: Store, from: FrameAddress): (reason: 'rate') => void {
  let count = 0;
  return () => {
    if (count++ > 0) return;
    setTimeout(() => {
      void store.dispatch({ type: 'reported', from, events: [], dropped: { rate: count } });
      count = 0;
    }, 1000);
  };
}
