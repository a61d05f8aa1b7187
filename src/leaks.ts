/**
 * Which live tracks look leaked, and why: a pure function of a track's record, the tab's other records and the
 * time, so the popup, the DevTools panel and the JSON report say the same thing, and tests pin every rule. A flag is
 * a rule code and its figures; src/leak-text.ts puts it in words.
 *
 * The shim reports what consumes each track and since when nothing has (`sinks`, `idleSince`, `formerSinks` in
 * src/model.ts); nothing here is guessed from the UI's side.
 */
import { isDeviceCapture } from './capture';
import { type SinkKind, type TrackRecord, trackKey } from './model';
import type { Settings } from './settings';

export const LEAK_RULES = ['idle', 'call-ended', 'orphan', 'hidden'] as const;
export type LeakRule = (typeof LEAK_RULES)[number];

export interface LeakFlag {
  rule: LeakRule;
  /** `idle`: for how long nothing has consumed the track; `hidden`: for how long the tab has been hidden. */
  forMs?: number;
  /** `hidden`: the device held. */
  device?: 'camera' | 'microphone';
}

export interface LeakContext {
  /** Whether the track's original (for a clone) is still live. */
  isParentLive: boolean;
  /** Since when the tab has been hidden, if it is. */
  hiddenSince?: number | undefined;
}

export type LeakSettings = Pick<Settings, 'leakDelayMs' | 'hiddenLeakMs'>;

/** Sinks whose going away means a call or a recording ended. */
const CALL_SINKS: readonly SinkKind[] = ['peer', 'recorder'];

/**
 * Remote tracks hold no device and are made by the connection, often before any media arrives (a receive-only
 * transceiver's track): one that is shown nowhere is not the page's leak.
 */
const holdsNothing = (track: TrackRecord) => track.creator === 'remote';

export function leakFlags(track: TrackRecord, context: LeakContext, now: number, settings: LeakSettings): LeakFlag[] {
  if (track.readyState !== 'live') return [];
  const flags: LeakFlag[] = [];
  const isIdle = !track.sinks?.length;
  const idleFor = now - (track.idleSince ?? track.createdAt);
  // A gap shorter than the delay is a connection being replaced or an element being swapped, not a leak.
  if (isIdle && !holdsNothing(track) && idleFor >= settings.leakDelayMs) {
    if (track.formerSinks?.some((kind) => CALL_SINKS.includes(kind))) {
      flags.push({ rule: 'call-ended' });
    } else {
      flags.push({ rule: 'idle', forMs: idleFor });
    }
  }
  if (track.creator === 'clone' && !context.isParentLive) flags.push({ rule: 'orphan' });
  const hiddenFor = context.hiddenSince === undefined ? 0 : now - context.hiddenSince;
  if (settings.hiddenLeakMs > 0 && hiddenFor >= settings.hiddenLeakMs && isDeviceCapture(track)) {
    flags.push({ rule: 'hidden', forMs: hiddenFor, device: track.kind === 'audio' ? 'microphone' : 'camera' });
  }
  return flags;
}

export interface TabLeaks {
  /** By `trackKey(frameId, id)`; only flagged tracks are present. */
  byTrack: ReadonlyMap<string, LeakFlag[]>;
  count: number;
}

/** The flags of every live track of a tab. */
export function leaksOf(
  live: readonly TrackRecord[], hiddenSince: number | undefined, now: number, settings: LeakSettings,
): TabLeaks {
  const liveKeys = new Set(live.map((t) => trackKey(t.frameId, t.id)));
  const byTrack = new Map<string, LeakFlag[]>();
  for (const track of live) {
    const isParentLive = track.parentId !== undefined && liveKeys.has(trackKey(track.frameId, track.parentId));
    const flags = leakFlags(track, { isParentLive, hiddenSince }, now, settings);
    if (flags.length) byTrack.set(trackKey(track.frameId, track.id), flags);
  }
  return { byTrack, count: byTrack.size };
}

/**
 * How long until a time-based flag may first show for any of these tracks, or undefined if none can: the
 * background's badge waits this long before it looks again.
 */
export function nextLeakIn(
  live: readonly TrackRecord[], hiddenSince: number | undefined, now: number, settings: LeakSettings,
): number | undefined {
  let soonest: number | undefined;
  const consider = (at: number) => {
    if (at > now && (soonest === undefined || at - now < soonest)) soonest = at - now;
  };
  for (const track of live) {
    const idleSince = track.idleSince ?? track.createdAt;
    if (!track.sinks?.length && !holdsNothing(track)) consider(idleSince + settings.leakDelayMs);
    if (settings.hiddenLeakMs > 0 && hiddenSince !== undefined && isDeviceCapture(track)) {
      consider(hiddenSince + settings.hiddenLeakMs);
    }
  }
  return soonest;
}
