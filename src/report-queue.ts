/**
 * The relay's queue of what it has to tell the background: the shim's events, what it dropped, whether the next
 * report must carry a snapshot, when that report may leave, and the reports that may have died unsaved with a
 * service worker. Pure: every call that needs the time is given it, so the tests need no clock.
 */
import { type DropReason, type Drops, type TrackInfo, addDrops } from './model';
import { type ChannelNames, LIMITS, type ShimEvent } from './page-world';
import type { RelayReport } from './protocol';

/** Events held while the background is unreachable; beyond this they are dropped and counted. */
export const MAX_PENDING_EVENTS = LIMITS.eventsPerPageMessage;
/**
 * A report leaves this long after the first event that needs one, and at most once per `REPORT_SPACING_MS`. Every
 * report costs the browser process work (the worker, the badge, a storage write) that competes with the page's own
 * capture calls: a page that opens and stops tracks in a loop sends four reports a second, not one per track, while
 * a single new track still shows within 50 ms. Answers to stop commands are not delayed by either.
 */
export const REPORT_DELAY_MS = 50;
export const REPORT_SPACING_MS = 250;
/**
 * The background writes its state up to 250 ms after a report (background/store.ts). A port that breaks within this
 * long of the last report may have taken reports down with the worker before they were saved: they are sent again,
 * then a snapshot. (Replayed events are idempotent in the reducer.) Later breaks (the worker stopping when idle, 30 s
 * after the last message) leave the state saved.
 */
export const UNSAVED_WINDOW_MS = 2000;

/** What goes with the first report of a batch, besides the events. */
export interface ReportExtras {
  snapshot?: TrackInfo[] | undefined;
  /** The shim's channel, until the background has it. */
  channel?: { names: ChannelNames; documentTime: number } | undefined;
}

export interface ReportQueue {
  /** Takes the shim's events; what does not fit is dropped and counted. */
  add(events: ShimEvent[]): void;
  /** Counts a page-world message that was dropped; the next report repairs the loss with a snapshot. */
  drop(reason: DropReason, count?: number): void;
  /** Asks for a snapshot in the next report (the record may be wrong: a restored or rewritten document). */
  requireSnapshot(): void;
  readonly needsSnapshot: boolean;
  /** Whether anything waits to be reported. */
  readonly hasWork: boolean;
  /** How long from `now` until the next report may leave. */
  delayFrom(now: number): number;
  /**
   * Everything pending, as the reports to send now, in order: at most `LIMITS.eventsPerMessage` events each (the
   * background rejects a longer one whole), the drops with the first, the snapshot with the last.
   */
  take(now: number, extras?: ReportExtras): RelayReport[];
  /**
   * The port broke at `now`. If that was within `UNSAVED_WINDOW_MS` of the last report, the events reported in that
   * window are pending again, ahead of the newer ones, a snapshot is asked for, and the answer is true: reconnect now.
   */
  portLost(now: number): boolean;
}

export function createReportQueue(): ReportQueue {
  let pending: ShimEvent[] = [];
  let dropped: Drops = {};
  let needsSnapshot = false;
  let lastReportAt = -Infinity;
  /** The events reported within the last `UNSAVED_WINDOW_MS`, oldest first, with when they left. */
  let unsaved: { at: number; events: ShimEvent[] }[] = [];

  /**
   * Keeps in `unsaved` only what may not be saved yet: the newest reports of the window, up to `MAX_PENDING_EVENTS`
   * events (a flooding page's log is bounded like its pending events; the snapshot after a replay puts it right).
   */
  function keepUnsaved(now: number): void {
    let events = 0;
    let first = unsaved.length;
    while (first > 0 && now - unsaved[first - 1]!.at < UNSAVED_WINDOW_MS && events < MAX_PENDING_EVENTS) {
      events += unsaved[--first]!.events.length;
    }
    unsaved = unsaved.slice(first);
  }

  return {
    add(events) {
      const room = Math.max(0, MAX_PENDING_EVENTS - pending.length);
      pending.push(...events.slice(0, room));
      if (events.length > room) this.drop('overflow', events.length - room);
    },
    drop(reason, count = 1) {
      dropped = addDrops(dropped, { [reason]: count });
      needsSnapshot = true;
    },
    requireSnapshot() { needsSnapshot = true; },
    get needsSnapshot() { return needsSnapshot; },
    get hasWork() { return pending.length > 0 || needsSnapshot; },
    delayFrom: (now) => Math.max(REPORT_DELAY_MS, lastReportAt + REPORT_SPACING_MS - now),
    take(now, { snapshot, channel } = {}) {
      const reports: RelayReport[] = [];
      for (let start = 0; start === 0 || start < pending.length; start += LIMITS.eventsPerMessage) {
        reports.push({ events: pending.slice(start, start + LIMITS.eventsPerMessage), dropped: start ? {} : dropped });
      }
      if (snapshot) reports[reports.length - 1]!.snapshot = snapshot;
      if (channel) Object.assign(reports[0]!, { channel: channel.names, documentTime: channel.documentTime });
      lastReportAt = now;
      if (pending.length) unsaved.push({ at: now, events: pending });
      keepUnsaved(now);
      pending = [];
      dropped = {};
      needsSnapshot = false;
      return reports;
    },
    portLost(now) {
      if (now - lastReportAt >= UNSAVED_WINDOW_MS) return false;
      keepUnsaved(now);
      pending = [...unsaved.flatMap((sent) => sent.events), ...pending].slice(-MAX_PENDING_EVENTS);
      unsaved = [];
      needsSnapshot = true;
      return true;
    },
  };
}
