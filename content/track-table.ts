/**
 * The shim's table of the tracks it has seen. Holds each track by WeakRef only (a strong reference would itself keep
 * a camera on in engines that collect unreachable live tracks). Changes are queued and reported to the relay in one
 * batch per task; the first track schedules the first timer, so a page without media pays nothing here.
 */
import type { Creator, EndedBy, TrackInfo, TrackKind } from '../src/model';
import { LIMITS, type PageStopResult, type ShimEvent, type ShimMessage } from '../src/protocol';
import { settingsOf, stackOf } from './track-facts';
import {
  EventCtor, FinalizationRegistryCtor, MapCtor, WeakRefCtor, WeakRefDeref, addListener, apply, dispatch, eventTarget,
  eventType, now, registryRegister, setTimeoutNative, track as T,
} from './natives';

interface Entry {
  id: string;
  ref: WeakRef<MediaStreamTrack>;
  kind: TrackKind;
  label: string;
  creator: Creator;
  parentId?: string;
  sourceId: string;
  createdAt: number;
  constraints?: string;
  /** Formatted only when reported: most tracks made in a burst end before that, and never need it. */
  stack?: Error;
  isReported: boolean;
  endedAt?: number;
  endedBy?: EndedBy;
}

export interface Origin {
  creator: Creator;
  parentId?: string;
  sourceId?: string;
  constraints?: string;
  stack?: Error;
}

type Op = { op: 'added' | 'changed' | 'ended'; entry: Entry };

/** Of the tracks both made and ended within one batch, only the newest are reported (the background keeps no more). */
const MAX_BRIEF_TRACKS_PER_BATCH = 200;
const MAX_REMEMBERED_ENDED = 200;

const MapGet = MapCtor.prototype.get;
const MapSet = MapCtor.prototype.set;
const MapDelete = MapCtor.prototype.delete;
const MapValues = MapCtor.prototype.values;
const MapKeys = MapCtor.prototype.keys;
const live = new MapCtor<string, Entry>();
const endedIds = new MapCtor<string, true>();
let queue: Op[] = [];
let isFlushScheduled = false;
let send: (message: ShimMessage) => void = () => {};

const collected = new FinalizationRegistryCtor<string>((id) => {
  const entry = apply(MapGet, live, [id]) as Entry | undefined;
  if (entry && !apply(WeakRefDeref, entry.ref, [])) end(entry, 'collected');
});

export const setSender = (sender: (message: ShimMessage) => void) => { send = sender; };

const idOf = (track: MediaStreamTrack) => apply(T.id, track, []) as string;
export const entryOf = (track: MediaStreamTrack) => apply(MapGet, live, [idOf(track)]) as Entry | undefined;

/** Records a track the first time it is seen; later sightings return the first record. */
export function record(track: MediaStreamTrack, origin: Origin): Entry {
  const id = idOf(track);
  const known = apply(MapGet, live, [id]) as Entry | undefined;
  if (known) return known;
  const kind = apply(T.kind, track, []) as TrackKind;
  const entry: Entry = {
    id, kind, ref: new WeakRefCtor(track), label: apply(T.label, track, []), creator: origin.creator,
    parentId: origin.parentId, sourceId: origin.sourceId ?? `track:${id}`, createdAt: now(),
    constraints: origin.constraints, stack: origin.stack, isReported: false,
  };
  if (apply(T.readyState, track, []) === 'ended') {
    entry.endedAt = entry.createdAt;
    entry.endedBy = 'page';
    enqueue('ended', entry);
    return entry;
  }
  apply(MapSet, live, [id, entry]);
  enqueue('added', entry);
  return entry;
}

/**
 * Starts watching a track that is still live when its first report goes out. Deferred to then because pages that
 * churn tracks (clone, use, stop within one task) would otherwise pay for listeners on tracks that never need them.
 * An `ended` event queued before this ran is caught by reading `readyState` here.
 */
function watch(entry: Entry, track: MediaStreamTrack): boolean {
  if (apply(T.readyState, track, []) === 'ended') return false;
  apply(registryRegister, collected, [track, entry.id]);
  for (const type of ['ended', 'mute', 'unmute']) apply(addListener, track, [type, onTrackEvent]);
  return true;
}

function onTrackEvent(event: Event): void {
  const entry = entryOf(apply(eventTarget, event, []));
  if (!entry) return;
  if (apply(eventType, event, []) === 'ended') end(entry, 'source');
  else enqueue('changed', entry);
}

export function noteChanged(track: MediaStreamTrack): void {
  const entry = entryOf(track);
  if (entry) enqueue('changed', entry);
}

export function end(entry: Entry, by: EndedBy): void {
  if (markEnded(entry, by)) enqueue('ended', entry);
}

function markEnded(entry: Entry, by: EndedBy): boolean {
  if (entry.endedBy) return false;
  entry.endedAt = now();
  entry.endedBy = by;
  apply(MapDelete, live, [entry.id]);
  // Only reported tracks can be the target of a stop, so only they need an "already ended" answer.
  if (entry.isReported) {
    apply(MapSet, endedIds, [entry.id, true]);
    if (endedIds.size > MAX_REMEMBERED_ENDED) apply(MapDelete, endedIds, [apply(MapKeys, endedIds, []).next().value]);
  }
  return true;
}

function enqueue(op: Op['op'], entry: Entry): void {
  queue[queue.length] = { op, entry };
  if (isFlushScheduled) return;
  isFlushScheduled = true;
  setTimeoutNative(flush, 0);
}

function infoOf(entry: Entry): TrackInfo {
  const track = apply(WeakRefDeref, entry.ref, []) as MediaStreamTrack | undefined;
  const isLive = !entry.endedBy && !!track;
  const info: TrackInfo = {
    id: entry.id, kind: entry.kind, label: entry.label, creator: entry.creator, sourceId: entry.sourceId,
    readyState: isLive ? 'live' : 'ended',
    muted: track ? apply(T.muted, track, []) : false,
    enabled: track ? apply(T.enabled, track, []) : false,
    createdAt: entry.createdAt,
  };
  if (entry.parentId) info.parentId = entry.parentId;
  if (entry.constraints) info.constraints = entry.constraints;
  // Stacks of ended tracks are not kept (see src/state.ts), so they are not formatted either.
  if (entry.stack && isLive) info.stack = stackOf(entry.stack, LIMITS.stack);
  if (track && isLive) info.settings = settingsOf(track);
  if (entry.endedBy) { info.endedAt = entry.endedAt; info.endedBy = entry.endedBy; }
  return info;
}

/** Sends everything queued. Runs once per task with changes, and before every answer to the relay. */
export function flush(): void {
  isFlushScheduled = false;
  const ops = queue;
  queue = [];
  const events: ShimEvent[] = [];
  const brief: Entry[] = [];
  for (const { op, entry } of ops) {
    if (op === 'added' && !entry.endedBy) {
      const track = apply(WeakRefDeref, entry.ref, []) as MediaStreamTrack | undefined;
      if (!track || !watch(entry, track)) {
        markEnded(entry, track ? 'source' : 'collected');
        brief[brief.length] = entry;
        continue;
      }
      entry.isReported = true;
      events[events.length] = { e: 'added', track: infoOf(entry) };
    } else if (op === 'changed' && entry.isReported && !entry.endedBy) {
      const track = apply(WeakRefDeref, entry.ref, []) as MediaStreamTrack | undefined;
      if (track) events[events.length] = { e: 'changed', id: entry.id, muted: apply(T.muted, track, []), enabled: apply(T.enabled, track, []) };
    } else if (op === 'ended' && entry.isReported) {
      events[events.length] = { e: 'ended', id: entry.id, at: entry.endedAt!, by: entry.endedBy! };
    } else if (op === 'ended') {
      brief[brief.length] = entry;
    }
  }
  for (let i = Math.max(0, brief.length - MAX_BRIEF_TRACKS_PER_BATCH); i < brief.length; i++) {
    events[events.length] = { e: 'added', track: infoOf(brief[i]!) };
  }
  for (let i = 0; i < events.length; i += LIMITS.eventsPerMessage) {
    send({ t: 'events', events: events.slice(i, i + LIMITS.eventsPerMessage) });
  }
}

/** Everything live now, after flushing what came before it. */
export function snapshot(): TrackInfo[] {
  for (const entry of [...apply(MapValues, live, [])] as Entry[]) {
    if (!apply(WeakRefDeref, entry.ref, [])) end(entry, 'collected');
  }
  flush();
  const tracks: TrackInfo[] = [];
  for (const entry of [...apply(MapValues, live, [])] as Entry[]) {
    entry.isReported = true;
    tracks[tracks.length] = infoOf(entry);
  }
  return tracks;
}

/** Trackstop's forced stop: the native `stop()`, then `readyState` read back; optionally an `ended` event. */
export function forceStop(ids: string[], dispatchEnded: boolean): PageStopResult[] {
  const results: PageStopResult[] = [];
  for (const id of ids) {
    const entry = apply(MapGet, live, [id]) as Entry | undefined;
    const track = entry && (apply(WeakRefDeref, entry.ref, []) as MediaStreamTrack | undefined);
    if (!entry || !track) {
      const isEnded = apply(MapGet, endedIds, [id]);
      results[results.length] = isEnded ? { id, outcome: 'already-ended' } : { id, outcome: 'gone', reason: entry ? 'collected' : 'no such track in the page' };
      if (entry) end(entry, 'collected');
      continue;
    }
    results[results.length] = stopOne(entry, track, dispatchEnded);
  }
  flush();
  return results;
}

function stopOne(entry: Entry, track: MediaStreamTrack, dispatchEnded: boolean): PageStopResult {
  if (apply(T.readyState, track, []) === 'ended') {
    end(entry, 'source');
    return { id: entry.id, outcome: 'already-ended' };
  }
  try {
    apply(T.stop, track, []);
  } catch (error) {
    return { id: entry.id, outcome: 'failed', reason: `stop() threw: ${String(error)}` };
  }
  if (apply(T.readyState, track, []) !== 'ended') {
    return { id: entry.id, outcome: 'failed', reason: 'still live after stop()' };
  }
  end(entry, 'extension');
  // As a revoked permission would: the page's own UI learns the track is gone. A page handler that throws is its own.
  if (dispatchEnded) apply(dispatch, track, [new EventCtor('ended')]);
  return { id: entry.id, outcome: 'ended' };
}
