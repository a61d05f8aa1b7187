/**
 * The relay (ISOLATED world; content/relay.ts starts it). Validates every message from the page world, queues the
 * shim's events (src/report-queue.ts) and reports them to the background over one port per frame, opened only once
 * the frame has a track. Commands from the background reach the shim only through here. After the port is lost (a
 * service-worker restart), the next report reconnects and carries a full snapshot.
 */
import { type Handlers, type Message, type Ret, handle } from '../src/messages';
import type { TrackInfo, Visibility } from '../src/model';
import { RELAY_PORT, type RelayPageApi, type ShimApi } from '../src/page-world';
import {
  type BackgroundPortApi, type ContentApi, type RelayPortApi, parseContentCommand, parseRelayPageMessage,
  parseRelayPortMessage,
} from '../src/protocol';
import { createBucket } from '../src/rate';
import { createReportQueue } from '../src/report-queue';
import { isDeferredUntilActivated } from './activation';
import type { ShimLink } from './shim-link';

/** The part of the extension's runtime the relay uses; Chromium's `chrome.runtime` and Firefox's are alike here. */
export interface RelayRuntime {
  readonly id: string | undefined;
  connect(info: { name: string }): RelayPort;
  onMessage: {
    addListener(listener: (message: unknown, sender: Sender, reply: (response: unknown) => void) => void): void;
  };
}
type Sender = { id?: string; tab?: unknown };
export interface RelayPort {
  postMessage(message: Message<BackgroundPortApi>): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
  disconnect(): void;
}

export interface RelayDeps {
  /**
   * The runtime, asked for at first use: most frames never hold a track, and reaching the extension bindings was most
   * of what this script cost a page load. Throws, or has no `id`, in an orphaned relay (the extension was reloaded).
   */
  runtime: () => RelayRuntime;
  window: Window;
  /** Milliseconds, monotonic. */
  clock: () => number;
  /**
   * Whether this relay was injected into an open page (after an update) rather than declared: then it missed the
   * shim's bootstrap and takes the old shim's channel over.
   */
  wasInjected: boolean;
  /** The line to the shim, listening since the relay's first instant. */
  link: ShimLink;
}

/**
 * Page-world messages accepted per second, sustained, with bursts up to the bucket's size. The shim sends one per
 * task that touched tracks; a page past this is flooding. What is dropped is made good by a snapshot afterwards.
 */
const MESSAGES_PER_SECOND = 100;
const BURST = 200;

export interface Relay {
  /** False once the extension that made this relay was reloaded or removed. */
  isAlive(): boolean;
  /** A message the shim sent on the line: the detail as it came. */
  receive(detail: unknown): void;
  /** The frame's record is wrong (a hosted realm's line went to its own relay): the next report carries a snapshot. */
  requireSnapshot(): void;
}

export function createRelay({ runtime, window: win, clock, wasInjected, link }: RelayDeps): Relay {
  const queue = createReportQueue();
  const rate = createBucket(MESSAGES_PER_SECOND, BURST, -Infinity); // full, without asking the clock at startup
  let api: RelayRuntime | undefined;
  let port: RelayPort | undefined;
  let isOrphaned = false;
  /** Whether the background has this document's channel names, for a relay injected after an update. */
  let isChannelShared = false;
  let isFlushScheduled = false;
  /**
   * The top document's visibility, for the leak rule on devices held in hidden tabs (src/leaks.ts): read once the
   * background has heard from this frame, sent with the next report after it changes and after every reconnect.
   */
  let visibility: Visibility | undefined;
  let isVisibilityNew = false;
  /** True while the shim answers a command: its answer is ours, never rate-limited. */
  let isAsking = false;
  let answer: Message<RelayPageApi> | undefined;
  const isPrerendering = () => isDeferredUntilActivated(win.document, () => flush());

  // Every shim the link holds answers a command: this frame's and those it hosts (content/shim-link.ts).
  const fromShim: Handlers<RelayPageApi> = {
    events: (events) => { queue.add(events); scheduleFlush(); },
    snapshot: (tracks) => {
      answer = { type: 'snapshot', data: answer?.type === 'snapshot' ? [...answer.data, ...tracks] : tracks };
    },
    answered: (data) => {
      const earlier = answer?.type === 'answered' ? answer.data.results : [];
      answer = { type: 'answered', data: { ...data, results: [...earlier, ...data.results] } };
    },
  };
  function receive(detail: unknown): void {
    // Counted before parsing: a flood costs one comparison per message, not a JSON parse.
    if (!isAsking && !rate.take(clock())) return void drop('rate');
    const message = parseRelayPageMessage(detail);
    if (message) handle(fromShim, message, undefined);
    else drop('malformed');
  }

  function drop(reason: 'rate' | 'malformed'): void {
    queue.drop(reason);
    scheduleFlush();
  }

  /** Asks the shim; it answers synchronously, from inside `dispatchEvent`. */
  function ask(command: Message<ShimApi>): Message<RelayPageApi> | undefined {
    answer = undefined;
    isAsking = true;
    try {
      link.send(command);
    } finally {
      isAsking = false;
    }
    return answer;
  }

  function takeSnapshot(): TrackInfo[] | undefined {
    const reply = ask({ type: 'snapshot', data: {} });
    return reply?.type === 'snapshot' ? reply.data : undefined;
  }

  /** The runtime, with the listeners that only a frame the background has heard from needs. */
  function ext(): RelayRuntime {
    if (!api) {
      api = runtime();
      api.onMessage.addListener(onCommand);
      hearPageShow();
    }
    return api;
  }

  /**
   * `document.open()` erases the window's listeners and empties the document: an observer of the document's children
   * listens again (adding the same listener is a no-op while it is still there).
   * https://html.spec.whatwg.org/multipage/dynamic-markup-insertion.html#document-open-steps
   */
  function hearPageShow(): void {
    const isTop = win.top === win;
    if (isTop) noteVisibility();
    const listen = () => {
      win.addEventListener('pageshow', onPageShow, true);
      if (isTop) win.document.addEventListener('visibilitychange', onVisibilityChange);
    };
    listen();
    new MutationObserver(listen).observe(win.document, { childList: true });
  }

  function noteVisibility(): void {
    // Wall time, not the monotonic clock: the background measures how long the tab has been hidden with its own
    // Date.now() (src/leaks.ts, background/auto-stop.ts).
    visibility = { hidden: win.document.visibilityState === 'hidden', since: Date.now() };
    isVisibilityNew = true;
  }

  function onVisibilityChange(event: Event): void {
    if (!event.isTrusted || (win.document.visibilityState === 'hidden') === visibility?.hidden) return;
    noteVisibility();
    scheduleFlush();
  }

  function isContextAlive(): boolean {
    try {
      return !!ext().id;
    } catch {
      return false;
    }
  }

  function openPort(): RelayPort {
    const opened = ext().connect({ name: RELAY_PORT });
    opened.onDisconnect.addListener(() => {
      if (port !== opened) return;
      port = undefined;
      if (queue.portLost(clock())) scheduleFlush();
    });
    return opened;
  }

  function scheduleFlush(): void {
    if (isFlushScheduled) return;
    isFlushScheduled = true;
    setTimeout(() => flush(), queue.delayFrom(clock()));
  }

  /** Sends what is queued. Without a live port, reconnects first and leads with a snapshot of the frame. */
  function flush(isResync = false): void {
    isFlushScheduled = false;
    if (isOrphaned || (!port && !queue.hasWork && !isResync && !isVisibilityNew)) return;
    if (!port && isPrerendering()) return;
    try {
      const reconnects = !port || isResync;
      if (reconnects) port = openPort();
      const snapshot = reconnects || queue.needsSnapshot ? takeSnapshot() : undefined;
      const names = link.openDoor();
      const channel = names && !isChannelShared ? { names, documentTime: performance.timeOrigin } : undefined;
      const reports = queue.take(clock(), { snapshot, channel });
      if (visibility && (reconnects || isVisibilityNew)) reports[0]!.visibility = visibility;
      isVisibilityNew = false;
      for (const report of reports) port!.postMessage({ type: 'report', data: report });
      isChannelShared = !!names;
    } catch {
      port = undefined;
      if (isContextAlive()) scheduleFlush();
      else isOrphaned = true; // the extension was reloaded or removed: this relay stays silent
    }
  }

  /**
   * A page restored from the back/forward cache lost its port when it was stored (the background took its tracks
   * away then): it reports afresh, with a snapshot. A stale port fails on use, and the retry reconnects.
   */
  function onPageShow(event: PageTransitionEvent): void {
    if (!event.isTrusted || !event.persisted) return;
    queue.requireSnapshot();
    scheduleFlush();
  }

  /** Asks the shim to stop or pause tracks, reports what changed at once, and answers for every track asked about. */
  function control(ids: string[], command: Message<ShimApi>): Ret<ContentApi['stopTracks']> {
    const reply = ask(command);
    flush();
    const answered = reply?.type === 'answered' ? reply.data.results : [];
    const reason = link.isLinked ? 'the page gave no answer' : "Trackstop's page script is not running in this frame";
    // A shim that never had the track says `gone`; the one that has it says what came of it.
    const resultOf = (id: string) =>
      answered.find((r) => r.id === id && r.outcome !== 'gone') ?? answered.find((r) => r.id === id);
    return { results: ids.map((id) => resultOf(id) ?? { id, outcome: 'failed', reason }) };
  }

  const fromBackground: Handlers<ContentApi> = {
    stopTracks: ({ ids, dispatchEnded }) =>
      control(ids, { type: 'stop', data: { ids, dispatchEnded } }),
    pauseTracks: ({ ids, isPaused }) =>
      control(ids, { type: 'pause', data: { ids, isPaused } }),
    resync: () => flush(true), // after a service-worker restart, which already broke the old port
  };

  /** Answers synchronously (`reply` before returning), which both browsers accept without a polyfill. */
  function onCommand(message: unknown, sender: Sender, reply: (response: unknown) => void): void {
    if (sender.id !== api?.id || sender.tab) return;
    const command = parseContentCommand(message);
    if (command) reply(handle(fromBackground, command, undefined) ?? null);
  }

  /**
   * Declared, the relay starts before the document has parsed and hears the shim's bootstrap. Injected later into an
   * open tab (after an update; Chrome re-injects nothing itself), it missed the bootstrap: it asks the background for
   * its document's channel, which the previous relay registered, takes it over and reports a full snapshot. The
   * orphaned previous relay finds its extension context gone and stays silent.
   */
  function reattach(): void {
    try {
      port = openPort();
    } catch {
      return;
    }
    const fromPort: Handlers<RelayPortApi> = {
      channel({ channel }) {
        if (link.isLinked) return;
        if (!channel) return port?.disconnect();
        link.adopt(channel);
        if (!link.isLinked) return port?.disconnect(); // a shim from before this protocol, or none
        isChannelShared = true;
        queue.requireSnapshot();
        flush();
      },
    };
    port.onMessage.addListener((message) => {
      const parsed = parseRelayPortMessage(message);
      if (parsed) handle(fromPort, parsed, undefined);
    });
    port.postMessage({ type: 'reattach', data: { documentTime: performance.timeOrigin } });
  }

  // Injected into an open page: the page's shim is the old one, whose channel the background kept. No announcement is
  // heard (content/shim-link.ts): a page script could be the one announcing.
  if (wasInjected) reattach();
  return {
    isAlive: () => !isOrphaned && isContextAlive(), receive,
    requireSnapshot() { queue.requireSnapshot(); scheduleFlush(); },
  };
}
