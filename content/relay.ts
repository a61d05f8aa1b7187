/**
 * ISOLATED world, declared before the shim. Learns the shim's secret channel names from its one bootstrap event,
 * validates every message from the page world, batches them, and reports to the background over one port per frame,
 * opened only once the frame has a track. Commands from the background reach the shim only through here.
 * After the port is lost (service-worker restart), the next report reconnects and starts with a full snapshot.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import {
  BOOTSTRAP_EVENT, type ChannelNames, type PageStopResult, RELAY_PORT, type RelayReport, type ShimCommand,
  type ShimEvent, type ShimMessage, parseChannelNames, parseContentCommand, parseShimMessage,
} from '../src/protocol';
import type { TrackInfo } from '../src/model';

/** Events held while the background is unreachable; beyond this they are dropped and counted. */
const MAX_PENDING_EVENTS = 5000;
/**
 * Reports leave at most this often. Every report costs the browser process work (the worker, storage, the badge)
 * that competes with the page's own capture calls; a page that opens and stops tracks in a loop sends one report
 * per interval instead of one per track. Answers to stop commands are not delayed by it.
 */
const REPORT_INTERVAL_MS = 50;

let channel: ChannelNames | undefined;
let port: Runtime.Port | undefined;
let isOrphaned = false;
let pending: ShimEvent[] = [];
let dropped = 0;
let isFlushScheduled = false;
let lastReply: ShimMessage | undefined;

function detailOf(event: Event): unknown {
  return (event as CustomEvent<unknown>).detail;
}

function onBootstrap(event: Event): void {
  window.removeEventListener(BOOTSTRAP_EVENT, onBootstrap, true);
  channel = parseChannelNames(detailOf(event));
  if (channel) window.addEventListener(channel.toRelay, onShimMessage, true);
}
window.addEventListener(BOOTSTRAP_EVENT, onBootstrap, true);

function onShimMessage(event: Event): void {
  const message = parseShimMessage(detailOf(event));
  if (!message) {
    dropped++;
  } else if (message.t === 'events') {
    const room = MAX_PENDING_EVENTS - pending.length;
    pending.push(...message.events.slice(0, Math.max(0, room)));
    dropped += Math.max(0, message.events.length - room);
  } else {
    lastReply = message;
    return;
  }
  scheduleFlush();
}

/** Sends a command to the shim; it answers synchronously, from inside `dispatchEvent`. */
function ask(command: ShimCommand): ShimMessage | undefined {
  if (!channel) return undefined;
  lastReply = undefined;
  window.dispatchEvent(new CustomEvent(channel.toShim, { detail: JSON.stringify(command) }));
  const reply = lastReply;
  lastReply = undefined;
  return reply;
}

function scheduleFlush(): void {
  if (isFlushScheduled) return;
  isFlushScheduled = true;
  setTimeout(() => flush(), REPORT_INTERVAL_MS);
}

function connect(): TrackInfo[] | undefined {
  port = browser.runtime.connect({ name: RELAY_PORT });
  port.onDisconnect.addListener(() => { port = undefined; });
  const reply = ask({ t: 'snapshot' });
  return reply?.t === 'snapshot' ? reply.tracks : undefined;
}

/** Sends what is pending. Without a live port, reconnects first and leads with a snapshot of the frame. */
function flush(isResync = false): void {
  isFlushScheduled = false;
  if (isOrphaned || (!port && !pending.length && !isResync)) return;
  try {
    const snapshot = !port || isResync ? connect() : undefined;
    const report: RelayReport = { type: 'report', events: pending, dropped };
    if (snapshot) report.snapshot = snapshot;
    port!.postMessage(report);
    pending = [];
    dropped = 0;
  } catch {
    port = undefined;
    if (isContextAlive()) scheduleFlush();
    // Otherwise the extension was reloaded or removed: this relay is orphaned and stays silent.
    else isOrphaned = true;
  }
}

function isContextAlive(): boolean {
  try {
    return !!browser.runtime.id;
  } catch {
    return false;
  }
}

function stopTracks(ids: string[], dispatchEnded: boolean): { results: PageStopResult[] } {
  const reply = ask({ t: 'stop', requestId: crypto.randomUUID(), ids, dispatchEnded });
  flush();
  const answered = reply?.t === 'stopped' ? reply.results : [];
  const reason = channel ? 'the page gave no answer' : "Trackstop's page script is not running in this frame";
  return {
    results: ids.map((id) => answered.find((r) => r.id === id) ?? { id, outcome: 'failed', reason }),
  };
}

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  if (sender.id !== browser.runtime.id || sender.tab) return undefined;
  const command = parseContentCommand(message);
  if (!command) return undefined;
  if (command.type === 'stopTracks') return Promise.resolve(stopTracks(command.data.ids, command.data.dispatchEnded));
  // A resync follows a service-worker restart, which already broke the old port.
  flush(true);
  return Promise.resolve();
});
