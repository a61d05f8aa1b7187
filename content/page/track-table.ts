/**
 * The shim's table of the tracks it has seen. Recording a track costs a WeakMap entry and a queue slot; everything
 * else waits for the batch report, at the end of the task or a little later, and is done only for tracks still
 * live then (pages that churn tracks, clone-use-stop, pay almost nothing). From its first report on, a track is held
 * by WeakRef only: a strong reference would itself keep a camera on in engines that collect unreachable live tracks.
 * The first track schedules the first timer, so a page without media pays nothing here.
 */
import type { Creator, EndedBy, Sink, SinkKind, TrackInfo, TrackKind } from '../../src/model';
import type { Message } from '../../src/messages';
import { LIMITS, type RelayPageApi, type ShimEvent } from '../../src/page-world';
import { resetStackBudget, settingsOf, stackOf } from './track-facts';
import {
  FinalizationRegistryCtor, MapCtor, MapDelete, MapGet, MapSet, WeakMapCtor, WeakMapGet, WeakMapSet, WeakRefCtor,
  WeakRefDeref, addListener, apply, bare, eventTarget, eventType, firstKeyOf, list, mapSize, now, registryRegister,
  setTimeoutNative, track as T, valuesOf,
} from './natives';

/**
 * The shim's own record of a track. Its field names are its own, never a report's: the build shortens them
 * (scripts/build.mjs, `mangleProps`), which keeps the shim that runs in every frame small.
 */
export interface Entry {
  creator: Creator;
  parent?: Entry | undefined;
  /** Set for captures; a clone shares its parent's; any other track is a source of its own. */
  source?: string | undefined;
  /** The constraints the page asked for, as JSON. */
  asked?: string | undefined;
  /** Where the page made the track. */
  trace?: Error | undefined;
  madeAt: number;
  /** Strong only until the first report (`BUSY_BATCH_SPACING_MS` at most); a WeakRef after that. */
  strong?: MediaStreamTrack | undefined;
  weak?: WeakRef<MediaStreamTrack> | undefined;
  /** Read at the first report. */
  trackId?: string | undefined;
  trackKind?: TrackKind | undefined;
  trackLabel?: string | undefined;
  isReported: boolean;
  endTime?: number | undefined;
  ender?: EndedBy | undefined;
  /** What consumes it, once anything has (content/page/sinks.ts): most tracks a page churns never get one. */
  feeding?: Feeding | undefined;
  /** Whether Trackstop's Pause disabled it (and the page has not set `enabled` since). */
  isPausedByUs: boolean;
}

export interface Feeding {
  feeds: Sink[];
  /** The sinks as text, to tell a change. */
  feedKey: string;
  /** Whether a change waits for the next batch. */
  isQueued: boolean;
  /** While nothing consumes it: since when. */
  idleFrom: number | undefined;
  /** Kinds of sink that consumed it and no longer do. */
  fedBefore: SinkKind[] | undefined;
}

type Op = { op: 'added' | 'changed' | 'ended'; entry: Entry };

/** Of the tracks both made and ended within one batch, only the newest are reported (the background keeps no more). */
const MAX_BRIEF_TRACKS_PER_BATCH = 200;
const MAX_REMEMBERED_ENDED = 200;
/**
 * The first change after a quiet spell is reported at the end of its task; while the page keeps making or ending
 * tracks, at most one batch leaves per this interval. Each batch wakes the relay's world and, measured in Chromium,
 * a getUserMedia()+stop() loop ran 6% slower with one batch per call than with batches spaced like this.
 */
const BUSY_BATCH_SPACING_MS = 100;

const byTrack = new WeakMapCtor<MediaStreamTrack, Entry>();
/** Reported live tracks by id: what a stop command can name. */
export const liveById = new MapCtor<string, Entry>();
const endedIds = new MapCtor<string, true>();
let queue = list<Op>();
/**
 * Tracks that ended before their first report ("brief"), newest last. Only the newest `MAX_BRIEF_TRACKS_PER_BATCH`
 * are reported, so only they keep their track for reading its id; older ones let go of it at once. Holding every
 * churned clone until the batch would keep thousands of them alive past the young-generation collection, and the
 * page would pay for their promotion.
 */
let brief = list<Entry>();
let isFlushScheduled = false;
let sharedIds = 0;
let lastFlushAt = -Infinity;
let send: (message: Message<RelayPageApi>) => void = () => {};

const collected = new FinalizationRegistryCtor<string>((id) => {
  const entry = apply(MapGet, liveById, [id]) as Entry | undefined;
  if (entry && !trackOf(entry)) end(entry, 'collected');
});

export const setSender = (sender: (message: Message<RelayPageApi>) => void) => { send = sender; };

/** Runs at the start of every batch: content/page/sinks.ts works out what feeds on what then. */
let beforeFlush = () => {};
export const setBeforeFlush = (hook: () => void) => { beforeFlush = hook; };

/** Reported tracks whose sinks changed since the last batch; a track not reported yet reports them when it is. */
let fedChanged = list<Entry>();
export function noteFed(entry: Entry, feeding: Feeding): void {
  if (!entry.isReported || feeding.isQueued) return;
  feeding.isQueued = true;
  fedChanged[fedChanged.length] = entry;
  requestFlush();
}

/** The reported tracks that are live. */
export const liveEntries = () => valuesOf(liveById);

/** The recorded entry of a track, or undefined (also for anything that is not a track). */
export const entryOf = (track: unknown) => apply(WeakMapGet, byTrack, [track]) as Entry | undefined;
export const trackOf = (entry: Entry) =>
  entry.strong ?? (entry.weak && (apply(WeakRefDeref, entry.weak, []) as MediaStreamTrack | undefined));

/**
 * Records a track the first time it is seen; later sightings return the first record. Called for every clone a page
 * makes, so the record is one literal of a fixed shape, every field its own (reading a missing one would ask
 * Object.prototype, where a page may have put a getter).
 */
export function record(
  track: MediaStreamTrack, creator: Creator, trace?: Error, parent?: Entry, source?: string, asked?: string,
): Entry {
  const known = entryOf(track);
  if (known) return known;
  const entry: Entry = {
    creator, parent, source, asked, trace, madeAt: now(), strong: track, weak: undefined, trackId: undefined,
    trackKind: undefined, trackLabel: undefined, isReported: false, endTime: undefined, ender: undefined,
    feeding: undefined, isPausedByUs: false,
  };
  apply(WeakMapSet, byTrack, [track, entry]);
  enqueue('added', entry);
  return entry;
}

/** Reads what a report needs while the strong reference still exists. */
function identify(entry: Entry): string {
  if (entry.trackId === undefined && entry.strong) {
    entry.trackId = apply(T.id, entry.strong, []) as string;
    entry.trackKind = apply(T.kind, entry.strong, []) as TrackKind;
    entry.trackLabel = apply(T.label, entry.strong, []) as string;
  }
  return entry.trackId ?? '';
}

/** A clone shares its parent's source; a device track the source of its kind and device; any other is its own. */
function sourceIdOf(entry: Entry): string {
  if (entry.source !== undefined) return entry.source;
  identify(entry);
  const deviceId = entry.creator === 'getUserMedia' && entry.strong ? settingsOf(entry.strong).deviceId : undefined;
  entry.source = entry.parent ? sourceIdOf(entry.parent)
    : deviceId ? `device:${entry.trackKind}:${deviceId}` : `track:${identify(entry)}`;
  return entry.source;
}

/** Starts watching a track still live at its first report. An `ended` queued before this shows in `readyState`. */
function startWatching(entry: Entry): boolean {
  const track = entry.strong;
  if (!track || apply(T.readyState, track, []) === 'ended') return false;
  let id = identify(entry);
  // Two live tracks can share an id: Chromium's element capture of a playing MediaStream returns new track objects
  // with the stream's track ids (observed; test/e2e/creators.test.ts and the frame matrix hold to it). Each is listed
  // and stopped on its own, the later one under a suffixed id.
  while (apply(MapGet, liveById, [id])) id = `${identify(entry)}#${++sharedIds}`;
  entry.trackId = id;
  apply(MapSet, liveById, [id, entry]);
  entry.weak = new WeakRefCtor(track);
  apply(registryRegister, collected, [track, entry.trackId]);
  for (let i = 0; i < WATCHED_EVENTS.length; i++) apply(addListener, track, [WATCHED_EVENTS[i], onTrackEvent]);
  return true;
}

const WATCHED_EVENTS = ['ended', 'mute', 'unmute'];

function onTrackEvent(event: Event): void {
  const track = apply(eventTarget, event, []) as MediaStreamTrack;
  const entry = entryOf(track);
  if (!entry) return;
  if (apply(eventType, event, []) !== 'ended') enqueue('changed', entry);
  // A page can dispatch `ended` on a live track of its own, which would hide a live camera: the state decides.
  else if (apply(T.readyState, track, []) === 'ended') end(entry, 'source');
}

/** A change the page made (its own `enabled`), or Trackstop's pause (`isPausedByUs`). */
export function noteChanged(track: unknown, isPausedByUs = false): void {
  const entry = entryOf(track);
  if (!entry) return;
  entry.isPausedByUs = isPausedByUs;
  enqueue('changed', entry);
}

const pauserOf = (entry: Entry) => (entry.isPausedByUs ? 'extension' : 'page');

export function end(entry: Entry, by: EndedBy): void {
  if (markEnded(entry, by)) enqueue('ended', entry);
}

function markEnded(entry: Entry, by: EndedBy): boolean {
  if (entry.ender) return false;
  entry.endTime = now();
  entry.ender = by;
  if (!entry.isReported) {
    brief[brief.length] = entry;
    if (brief.length >= 2 * MAX_BRIEF_TRACKS_PER_BATCH) {
      const older = brief.length - MAX_BRIEF_TRACKS_PER_BATCH;
      const newer = list<Entry>();
      for (let i = 0; i < brief.length; i++) {
        if (i < older) brief[i]!.strong = undefined;
        else newer[newer.length] = brief[i]!;
      }
      brief = newer;
    }
    return true;
  }
  apply(MapDelete, liveById, [entry.trackId]);
  // Only reported tracks can be named by a stop, so only they need an "already ended" answer.
  apply(MapSet, endedIds, [entry.trackId, true]);
  if (mapSize(endedIds) > MAX_REMEMBERED_ENDED) apply(MapDelete, endedIds, [firstKeyOf(endedIds)]);
  return true;
}

export const wasEnded = (id: string) => apply(MapGet, endedIds, [id]) === true;

function enqueue(op: Op['op'], entry: Entry): void {
  queue[queue.length] = { op, entry };
  requestFlush();
}

/** Schedules a batch, if none is: for a change that is not about one track, such as a sink coming or going. */
export function requestFlush(): void {
  if (isFlushScheduled) return;
  isFlushScheduled = true;
  const wait = lastFlushAt + BUSY_BATCH_SPACING_MS - now();
  setTimeoutNative(flush, wait > 0 ? wait : 0);
}

export function infoOf(entry: Entry): TrackInfo {
  const track = trackOf(entry);
  const isLive = !entry.ender && !!track;
  // Bare: the optional fields below are added by assignment, which would reach a setter on Object.prototype.
  const info: TrackInfo = bare({
    id: identify(entry), kind: entry.trackKind ?? 'video', label: entry.trackLabel ?? '', creator: entry.creator,
    sourceId: sourceIdOf(entry), readyState: isLive ? 'live' : 'ended',
    muted: track ? apply(T.muted, track, []) as boolean : false,
    enabled: track ? apply(T.enabled, track, []) as boolean : false,
    createdAt: entry.madeAt,
  });
  if (!info.enabled) info.pausedBy = pauserOf(entry);
  if (entry.parent) info.parentId = identify(entry.parent);
  if (entry.asked) info.constraints = entry.asked;
  // Stacks of ended tracks are not kept (see src/state.ts), so they are not formatted either.
  if (entry.trace && isLive) info.stack = stackOf(entry.trace, LIMITS.stack);
  if (track && isLive) info.settings = settingsOf(track);
  const feeding = entry.feeding;
  if (isLive) {
    info.sinks = feeding ? feeding.feeds : list();
    if (!info.sinks.length) info.idleSince = feeding?.idleFrom ?? entry.madeAt;
    if (feeding?.fedBefore) info.formerSinks = feeding.fedBefore;
  }
  if (entry.ender) { info.endedAt = entry.endTime; info.endedBy = entry.ender; }
  return info;
}

/** Sends everything queued. Runs after changes (see `BUSY_BATCH_SPACING_MS`), and before every answer to the relay. */
export function flush(): void {
  isFlushScheduled = false;
  lastFlushAt = now();
  resetStackBudget();
  beforeFlush();
  const ops = queue;
  queue = list();
  const events = list<ShimEvent>();
  for (let i = 0; i < ops.length; i++) {
    const { op, entry } = ops[i]!;
    if (op === 'added') {
      if (entry.ender) continue; // ended before this batch: a brief track, reported below
      if (startWatching(entry)) {
        entry.isReported = true;
        events[events.length] = { type: 'added', track: infoOf(entry) };
      } else {
        markEnded(entry, entry.strong ? 'source' : 'collected');
      }
    } else if (op === 'changed') {
      const track = entry.isReported && !entry.ender && trackOf(entry);
      if (!track) continue;
      const muted = apply(T.muted, track, []) as boolean;
      const enabled = apply(T.enabled, track, []) as boolean;
      const event: ShimEvent = bare({ type: 'changed', id: entry.trackId!, muted, enabled });
      if (!enabled) event.pausedBy = pauserOf(entry);
      events[events.length] = event;
    } else if (entry.isReported) {
      events[events.length] = { type: 'ended', id: entry.trackId!, at: entry.endTime!, by: entry.ender! };
    }
  }
  const ended = brief;
  brief = list();
  const firstReported = ended.length > MAX_BRIEF_TRACKS_PER_BATCH ? ended.length - MAX_BRIEF_TRACKS_PER_BATCH : 0;
  for (let i = firstReported; i < ended.length; i++) {
    const entry = ended[i]!;
    if (entry.strong || entry.trackId !== undefined) events[events.length] = { type: 'added', track: infoOf(entry) };
  }
  const fed = fedChanged;
  fedChanged = list();
  for (let i = 0; i < fed.length; i++) {
    const entry = fed[i]!;
    const feeding = entry.feeding!;
    feeding.isQueued = false;
    if (entry.ender) continue;
    const sinks = feeding.feeds;
    const event: ShimEvent = bare({ type: 'sinks', id: entry.trackId!, at: now(), sinks });
    if (!sinks.length) event.idleSince = feeding.idleFrom ?? entry.madeAt;
    if (feeding.fedBefore) event.formerSinks = feeding.fedBefore;
    events[events.length] = event;
  }
  for (let i = 0; i < ops.length; i++) ops[i]!.entry.strong = undefined;
  // One message, however many events: the relay holds up to LIMITS.eventsPerPageMessage and reports them in parts.
  if (events.length) send({ type: 'events', data: events });
}
