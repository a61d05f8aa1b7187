/**
 * The relay (ISOLATED world; content/relay.ts starts it). Validates every message from the page world, queues the
 * shim's events (src/report-queue.ts) and reports them to the background over one port per frame, opened only once
 * the frame has a track. Commands from the background reach the shim only through here. After the port is lost (a
 * service-worker restart), the next report reconnects and carries a full snapshot. Wiring only, over its parts:
 * the port session (port-session.ts), what the page says (page-events.ts), asking the shim (shim-answers.ts) and
 * reattaching after an update (reattach.ts); it uses nothing it was not given (relay-deps.ts).
 */
import { type Handlers, type Message, type Ret, handle } from '../src/messages';
import type { HoldKind } from '../src/model';
import type { RelayPageApi, ShimApi } from '../src/page-world';
import {
  type ContentApi, type RelayPortApi, parseContentCommand, parseRelayPageMessage, parseRelayPortMessage,
} from '../src/protocol';
import { deniedMessage } from './denied-message';
import { createBucket } from '../src/rate';
import { createReportQueue } from '../src/report-queue';
import { isDeferredUntilActivated } from './activation';
import { type PageEvents, hearPage } from './page-events';
import { createPortSession } from './port-session';
import { reattach } from './reattach';
import type { RelayDeps, RelayRuntime, Sender } from './relay-deps';
import { createAsker, resultsFor } from './shim-answers';

export type { RelayDeps, RelayPort, RelayRuntime } from './relay-deps';

/**
 * Page-world messages accepted per second, sustained, with bursts up to the bucket's size. The shim sends one per
 * task that touched tracks; a page past this is flooding. What is dropped is made good by a snapshot afterwards.
 */
export const MESSAGES_PER_SECOND = 100;
export const BURST = 200;

export interface Relay {
  /** False once the extension that made this relay was reloaded or removed. */
  isAlive(): boolean;
  /**
   * What this document holds (stop and hold), for its shims now and any it hosts later. Pending (the gate): asks the
   * background, and the shims keep capture requests waiting until it answers.
   */
  hold(state: { kinds: HoldKind[]; isPending: boolean }): void;
  /** A message the shim sent on the line: the detail as it came. */
  receive(detail: unknown): void;
  /** The frame's record is wrong (a hosted realm's line went to its own relay): the next report carries a snapshot. */
  requireSnapshot(): void;
}

export function createRelay(deps: RelayDeps): Relay {
  const { runtime, window: win, clock, timers, timeOrigin, wasInjected, link } = deps;
  const queue = createReportQueue();
  const rate = createBucket(MESSAGES_PER_SECOND, BURST, -Infinity); // full, without asking the clock at startup
  const asker = createAsker(link);
  let api: RelayRuntime | undefined;
  let page: PageEvents | undefined;
  let isOrphaned = false;
  /** Whether the background has this document's channel names, for a relay injected after an update. */
  let isChannelShared = false;
  let isFlushScheduled = false;

  /** Whether this document waits for the background's word on its hold (the gate). */
  let isAwaitingHold = false;
  const session = createPortSession((info) => ext().connect(info), () => {
    if (queue.portLost(clock())) scheduleFlush();
    if (isAwaitingHold) askHold(); // the worker restarted before it answered
  });
  const isPrerendering = () => isDeferredUntilActivated(win.document, () => flush());

  // Every shim the link holds answers a command: this frame's and those it hosts (content/shim-link.ts).
  const fromShim: Handlers<RelayPageApi> = {
    events: (events) => { queue.add(events); scheduleFlush(); },
    snapshot: (data) => asker.hear({ type: 'snapshot', data }),
    answered: (data) => asker.hear({ type: 'answered', data }),
    refused: (counts) => void tell({ type: 'refused', data: counts }),
  };
  function receive(detail: unknown): void {
    // Counted before parsing: a flood costs one comparison per message, not a JSON parse.
    if (!asker.isAsking && !rate.take(clock())) return void drop('rate');
    const message = parseRelayPageMessage(detail);
    if (message) handle(fromShim, message, undefined);
    else drop('malformed');
  }

  function drop(reason: 'rate' | 'malformed'): void {
    queue.drop(reason);
    scheduleFlush();
  }

  function takeSnapshot() {
    const reply = asker.ask({ type: 'snapshot', data: {} });
    return reply?.type === 'snapshot' ? reply.data : undefined;
  }

  /** The runtime, with the listeners that only a frame the background has heard from needs. */
  function ext(): RelayRuntime {
    if (!api) {
      api = runtime();
      api.onMessage.addListener(onCommand);
      page = hearPage({
        ...deps, onVisibilityChange: scheduleFlush,
        // A page restored from the back/forward cache lost its port when it was stored (the background took its
        // tracks away then): it reports afresh, with a snapshot. A stale port fails on use, and the retry reconnects.
        onRestored: requireSnapshot,
      });
    }
    return api;
  }

  function isContextAlive(): boolean {
    try {
      return !!ext().id;
    } catch {
      return false;
    }
  }

  function scheduleFlush(): void {
    if (isFlushScheduled) return;
    isFlushScheduled = true;
    timers.setTimeout(() => flush(), queue.delayFrom(clock()));
  }

  function requireSnapshot(): void {
    queue.requireSnapshot();
    scheduleFlush();
  }

  /** Sends what is queued. Without a live port, reconnects first and leads with a snapshot of the frame. */
  function flush(isResync = false): void {
    isFlushScheduled = false;
    if (isOrphaned || (!session.port && !queue.hasWork && !isResync && !page?.isVisibilityNew)) return;
    if (!session.port && isPrerendering()) return;
    try {
      const reconnects = !session.port || isResync;
      const port = reconnects ? session.open() : session.port!;
      const snapshot = reconnects || queue.needsSnapshot ? takeSnapshot() : undefined;
      const names = link.openDoor();
      const channel = names && !isChannelShared ? { names, documentTime: timeOrigin } : undefined;
      const reports = queue.take(clock(), { snapshot, channel });
      const visibility = page?.takeVisibility(reconnects);
      if (visibility) reports[0]!.visibility = visibility;
      for (const report of reports) port.postMessage({ type: 'report', data: report });
      isChannelShared = !!names;
    } catch {
      session.forget();
      if (isContextAlive()) scheduleFlush();
      else isOrphaned = true; // the extension was reloaded or removed: this relay stays silent
    }
  }

  const fromPort: Handlers<RelayPortApi> = {
    hold: ({ kinds }) => { if (isAwaitingHold) hold({ kinds, isPending: false }); },
    channel: () => {}, // only ever the answer to a reattach (content/reattach.ts)
  };
  const listening = new WeakSet<object>();
  /** The current port, opened if there is none, with this relay's listener for the background's answers. */
  function portNow() {
    const port = session.port ?? session.open();
    if (!listening.has(port)) {
      listening.add(port);
      port.onMessage.addListener((message) => {
        const parsed = parseRelayPortMessage(message);
        if (parsed) handle(fromPort, parsed, undefined);
      });
    }
    return port;
  }

  /** Says something to the background that is not a report; lost if the extension is gone. */
  function tell(message: Parameters<ReturnType<typeof portNow>['postMessage']>[0]): boolean {
    try {
      portNow().postMessage(message);
      return true;
    } catch {
      session.forget();
      return false;
    }
  }

  function askHold(): void {
    // An orphaned relay has nobody to ask: nothing it knows of is held, and the page must not wait forever.
    if (!tell({ type: 'holdOf', data: {} })) hold({ kinds: [], isPending: false });
  }

  function hold(state: { kinds: HoldKind[]; isPending: boolean }): void {
    isAwaitingHold = state.isPending;
    link.hold({ type: 'hold', data: { ...state, message: deniedMessage() } });
    if (state.isPending) askHold();
  }

  /** Asks the shim to stop or pause tracks, reports what changed at once, and answers for every track asked about. */
  function control(ids: string[], command: Message<ShimApi>): Ret<ContentApi['stopTracks']> {
    const reply = asker.ask(command);
    flush();
    const reason = link.isLinked ? 'the page gave no answer' : "Trackstop's page script is not running in this frame";
    return resultsFor(ids, reply?.type === 'answered' ? reply.data.results : [], reason);
  }

  const fromBackground: Handlers<ContentApi> = {
    stopTracks: ({ ids, dispatchEnded }) => control(ids, { type: 'stop', data: { ids, dispatchEnded } }),
    pauseTracks: ({ ids, isPaused }) => control(ids, { type: 'pause', data: { ids, isPaused } }),
    resync: () => flush(true), // after a service-worker restart, which already broke the old port
  };

  /** Answers synchronously (`reply` before returning), which both browsers accept without a polyfill. */
  function onCommand(message: unknown, sender: Sender, reply: (response: unknown) => void): void {
    if (sender.id !== api?.id || sender.tab) return;
    const command = parseContentCommand(message);
    if (command) reply(handle(fromBackground, command, undefined) ?? null);
  }

  // Injected into an open page: the page's shim is the old one, whose channel the background kept.
  if (wasInjected) {
    try {
      reattach({
        port: session.open(), link, timeOrigin, giveUp: () => session.port?.disconnect(),
        onAdopted() {
          isChannelShared = true;
          queue.requireSnapshot();
          flush();
        },
      });
    } catch {
      // An orphaned relay: nothing to reattach to.
    }
  }
  return { isAlive: () => !isOrphaned && isContextAlive(), receive, requireSnapshot, hold };
}
