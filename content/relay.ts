/**
 * ISOLATED world, declared before the shim. Learns the shim's secret channel names from its one bootstrap event,
 * validates every message from the page world, batches them, and reports to the background over one port per frame,
 * opened only once the frame has a track. Commands from the background reach the shim only through here.
 * After the port is lost (service-worker restart), the next report reconnects and starts with a full snapshot.
 */
import type { Browser, Runtime } from 'webextension-polyfill';
import {
  BOOTSTRAP_EVENT, type ChannelNames, LIMITS, type PageStopResult, RELAY_PORT, type ReattachRequest, type RelayReport,
  type ShimCommand, type ShimEvent, type ShimMessage, parseChannelNames, parseChannelReply, parseContentCommand,
  parseShimMessage,
} from '../src/protocol';
import { type DropReason, type Drops, type TrackInfo, addDrops } from '../src/model';
import { createBucket } from '../src/rate';

/** Events held while the background is unreachable; beyond this they are dropped and counted. */
const MAX_PENDING_EVENTS = 5000;
/**
 * A report leaves this long after the first event that needs one, and at most once per `REPORT_SPACING_MS`. Every
 * report costs the browser process work (the worker, the badge, a storage write) that competes with the page's own
 * capture calls: a page that opens and stops tracks in a loop sends four reports a second, not one per track, while
 * a single new track still shows within 50 ms. Answers to stop commands are not delayed by either.
 */
const REPORT_DELAY_MS = 50;
const REPORT_SPACING_MS = 250;
/**
 * The background writes its state up to 250 ms after a report (background/store.ts). A port that breaks within this
 * long of our last report may have taken reports down with the worker before they were saved: we reconnect at once
 * and send again what we reported in this window, then a snapshot. (Replayed events are idempotent in the reducer.)
 * Later breaks (the worker stopping when idle, 30 s after the last message) leave the state saved; the next report,
 * or the background's resync after its restart, reconnects then.
 */
const UNSAVED_WINDOW_MS = 2000;
/**
 * Page-world messages accepted per second, sustained, with bursts up to the bucket's size. The shim sends one per
 * task that touched tracks; a page past this is flooding. What is dropped is made good by a snapshot afterwards.
 */
const MESSAGES_PER_SECOND = 100;
const BURST = 200;

/**
 * The extension API, loaded when this frame first needs it. Most frames never hold a track, and evaluating the
 * polyfill, with the `chrome.runtime` bindings it touches, was most of what this script cost every page load.
 * Commands can only come for a frame the background has heard from, so their listener starts with the first port.
 * Throws in an orphaned relay (the extension was reloaded): every caller catches.
 */
let api: Browser | undefined;
function ext(): Browser {
  if (!api) {
    api = require('webextension-polyfill') as Browser;
    api.runtime.onMessage.addListener(onCommand);
    window.addEventListener('pageshow', onPageShow, true);
  }
  return api;
}

/**
 * A page restored from the back/forward cache lost its port when it was stored (the background took its tracks
 * away then): it reports afresh, with a snapshot. A stale port fails on use, and the retry reconnects.
 */
function onPageShow(event: PageTransitionEvent): void {
  if (!event.isTrusted || !event.persisted) return;
  needsSnapshot = true;
  scheduleFlush();
}

/**
 * A prerendered page is not the tab's page (its frame id is not even the tab's top frame's) until it is shown, and
 * may never be: it reports from its activation on. Capture itself is deferred in prerendering, but other tracks
 * (a canvas's) are not.
 */
let isWaitingForActivation = false;
function isPrerendering(): boolean {
  if (!(document as { prerendering?: boolean }).prerendering) return false;
  if (!isWaitingForActivation) {
    isWaitingForActivation = true;
    document.addEventListener('prerenderingchange', () => {
      isWaitingForActivation = false;
      flush();
    }, { once: true });
  }
  return true;
}

let channel: ChannelNames | undefined;
let port: Runtime.Port | undefined;
let isOrphaned = false;
/** Whether the background has this document's channel names, for a relay injected after an update. */
let isChannelShared = false;
let pending: ShimEvent[] = [];
let dropped: Drops = {};
const rate = createBucket(MESSAGES_PER_SECOND, BURST, performance.now());
/** Set when events were lost: the next report carries a full snapshot, which puts the record right again. */
let needsSnapshot = false;
let isFlushScheduled = false;
let lastReportAt = -Infinity;
/** The events reported within the last `UNSAVED_WINDOW_MS`, oldest first, with when they left. */
let unsaved: { at: number; events: ShimEvent[] }[] = [];
let lastReply: ShimMessage | undefined;

function detailOf(event: Event): unknown {
  return (event as CustomEvent<unknown>).detail;
}

function listen(names: ChannelNames | undefined): void {
  channel = names;
  if (channel) window.addEventListener(channel.toRelay, onShimMessage, true);
}

function onBootstrap(event: Event): void {
  window.removeEventListener(BOOTSTRAP_EVENT, onBootstrap, true);
  listen(parseChannelNames(detailOf(event)));
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
  port.onMessage.addListener((message: unknown) => {
    const reply = parseChannelReply(message);
    if (!reply || channel) return;
    if (!reply.channel) return port?.disconnect();
    listen(reply.channel);
    isChannelShared = true;
    needsSnapshot = true;
    flush();
  });
  port.postMessage({ type: 'reattach', documentTime: performance.timeOrigin } satisfies ReattachRequest);
}

/**
 * One live relay per document. The background injects relays into every open tab after an update, including
 * tabs whose declared relay is alive and well (the page loaded after the update began); those keep theirs. The mark lives in the isolated world, where the page cannot see or fake it.
 */
const ALIVE_MARK = `${RELAY_PORT}:alive`;
const world = globalThis as unknown as Record<string, (() => boolean) | undefined>;
const isAnotherRelayAlive = (() => {
  try {
    return world[ALIVE_MARK]?.() === true;
  } catch {
    return false; // a mark left by an unloaded extension's relay
  }
})();
/**
 * document.open() erases every event listener on the window, ours and the shim's included, and empties the
 * document, which this observer sees (the shim listens again when its own observer sees it). Whatever the shim said
 * in between is made good by a snapshot. The parser's first insertions land here too, and cost a callback.
 */
function onDocumentChildren(records: MutationRecord[]): void {
  if (!channel) return;
  window.addEventListener(channel.toRelay, onShimMessage, true);
  if (api) window.addEventListener('pageshow', onPageShow, true);
  if (records.some((record) => record.removedNodes.length > 0)) {
    needsSnapshot = true;
    scheduleFlush();
  }
}

if (!isAnotherRelayAlive) {
  world[ALIVE_MARK] = () => !isOrphaned && isContextAlive();
  window.addEventListener(BOOTSTRAP_EVENT, onBootstrap, true);
  new MutationObserver(onDocumentChildren).observe(document, { childList: true });
  if (document.readyState !== 'loading') {
    // Injected into an open page. Firefox injects a new shim right after us, in this same task, and it announces
    // itself only if no shim was there before (content/page/shim.ts): hear it now or never, since later a page script
    // could be the one announcing. Otherwise the page's shim is the old one, whose channel the background kept.
    setTimeout(() => window.removeEventListener(BOOTSTRAP_EVENT, onBootstrap, true), 0);
    reattach();
  }
}

function drop(reason: DropReason, count = 1): void {
  dropped = addDrops(dropped, { [reason]: count });
  needsSnapshot = true;
  scheduleFlush();
}

function onShimMessage(event: Event): void {
  // Counted before parsing: a flood costs us one comparison per message, not a JSON parse.
  // What the shim sends while answering us is our own request's answer: never rate-limited.
  if (!isAsking && !rate.take(performance.now())) return drop('rate');
  const message = parseShimMessage(detailOf(event));
  if (!message) {
    drop('malformed');
  } else if (message.t === 'events') {
    const room = Math.max(0, MAX_PENDING_EVENTS - pending.length);
    pending.push(...message.events.slice(0, room));
    if (message.events.length > room) drop('overflow', message.events.length - room);
  } else {
    lastReply = message;
    return;
  }
  scheduleFlush();
}

/** Sends a command to the shim; it answers synchronously, from inside `dispatchEvent`. */
let isAsking = false;

function ask(command: ShimCommand): ShimMessage | undefined {
  if (!channel) return undefined;
  lastReply = undefined;
  isAsking = true;
  try {
    window.dispatchEvent(new CustomEvent(channel.toShim, { detail: JSON.stringify(command) }));
  } finally {
    isAsking = false;
  }
  const reply = lastReply;
  lastReply = undefined;
  return reply;
}

function scheduleFlush(): void {
  if (isFlushScheduled) return;
  isFlushScheduled = true;
  const delay = Math.max(REPORT_DELAY_MS, lastReportAt + REPORT_SPACING_MS - performance.now());
  setTimeout(() => flush(), delay);
}

function takeSnapshot(): TrackInfo[] | undefined {
  const reply = ask({ t: 'snapshot' });
  return reply?.t === 'snapshot' ? reply.tracks : undefined;
}

function openPort(): Runtime.Port {
  const opened = ext().runtime.connect({ name: RELAY_PORT });
  opened.onDisconnect.addListener(() => {
    if (port !== opened) return;
    port = undefined;
    const now = performance.now();
    if (now - lastReportAt >= UNSAVED_WINDOW_MS) return;
    keepUnsaved(now);
    const replay = unsaved.flatMap((sent) => sent.events);
    unsaved = [];
    pending = [...replay, ...pending].slice(-MAX_PENDING_EVENTS);
    needsSnapshot = true;
    scheduleFlush();
  });
  return opened;
}

/**
 * Keeps in `unsaved` only what may not be saved yet: the newest reports of the last `UNSAVED_WINDOW_MS`, up to
 * `MAX_PENDING_EVENTS` events (a flooding page's log is bounded like its pending events; the snapshot that follows
 * a replay puts the live set right).
 */
function keepUnsaved(now: number): void {
  let events = 0;
  let first = unsaved.length;
  while (first > 0 && now - unsaved[first - 1]!.at < UNSAVED_WINDOW_MS && events < MAX_PENDING_EVENTS) {
    events += unsaved[--first]!.events.length;
  }
  unsaved = unsaved.slice(first);
}

function connect(): TrackInfo[] | undefined {
  port = openPort();
  return takeSnapshot();
}

/** Sends what is pending. Without a live port, reconnects first and leads with a snapshot of the frame. */
function flush(isResync = false): void {
  isFlushScheduled = false;
  if (isOrphaned || (!port && !pending.length && !needsSnapshot && !isResync)) return;
  if (!port && isPrerendering()) return;
  try {
    const snapshot = !port || isResync ? connect() : needsSnapshot ? takeSnapshot() : undefined;
    needsSnapshot = false;
    // A report carries at most LIMITS.eventsPerMessage events (the background rejects a longer one whole), and a
    // flooding page can leave more pending: they leave in order, in as many reports as it takes, the snapshot last.
    const reports: RelayReport[] = [];
    for (let start = 0; start === 0 || start < pending.length; start += LIMITS.eventsPerMessage) {
      reports.push({ type: 'report', events: pending.slice(start, start + LIMITS.eventsPerMessage), dropped: start ? {} : dropped });
    }
    if (snapshot) reports[reports.length - 1]!.snapshot = snapshot;
    if (channel && !isChannelShared) {
      reports[0]!.channel = channel;
      reports[0]!.documentTime = performance.timeOrigin;
    }
    for (const report of reports) port!.postMessage(report);
    lastReportAt = performance.now();
    if (pending.length) unsaved.push({ at: lastReportAt, events: pending });
    keepUnsaved(lastReportAt);
    pending = [];
    dropped = {};
    isChannelShared = !!channel;
  } catch {
    port = undefined;
    if (isContextAlive()) scheduleFlush();
    // Otherwise the extension was reloaded or removed: this relay is orphaned and stays silent.
    else isOrphaned = true;
  }
}

function isContextAlive(): boolean {
  try {
    return !!ext().runtime.id;
  } catch {
    return false;
  }
}

/** A counter, not crypto.randomUUID(): frames that are not secure contexts (data: in Chromium) lack that. */
let stopRequests = 0;

function stopTracks(ids: string[], dispatchEnded: boolean): { results: PageStopResult[] } {
  const reply = ask({ t: 'stop', requestId: `${++stopRequests}`, ids, dispatchEnded });
  flush();
  const answered = reply?.t === 'stopped' ? reply.results : [];
  const reason = channel ? 'the page gave no answer' : "Trackstop's page script is not running in this frame";
  return {
    results: ids.map((id) => answered.find((r) => r.id === id) ?? { id, outcome: 'failed', reason }),
  };
}

function onCommand(message: unknown, sender: Runtime.MessageSender): Promise<unknown> | undefined {
  if (sender.id !== api?.runtime.id || sender.tab) return undefined;
  const command = parseContentCommand(message);
  if (!command) return undefined;
  if (command.type === 'stopTracks') return Promise.resolve(stopTracks(command.data.ids, command.data.dispatchEnded));
  // A resync follows a service-worker restart, which already broke the old port.
  flush(true);
  return Promise.resolve();
}

