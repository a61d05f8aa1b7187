/**
 * The shim's registry of tracks: one entry per track object it has seen (a WeakMap, so the registry keeps no track
 * alive), and the reported live ones by id, which is all a stop command can name. From its first report on, an
 * entry holds its track by WeakRef only: a strong reference would itself keep a camera on in engines that collect
 * unreachable live tracks.
 *
 * Every field of the shim's own records (Entry, Feeding, and content/page/sinks.ts's Consumer) ends in `_`: no
 * report and no browser object has such a name, and the build shortens every property so named (scripts/build.mjs,
 * `mangleProps`), which keeps the shim that runs in every frame small.
 */
import type { Creator, EndedBy, Sink, SinkKind, TrackKind } from '../../src/model';
import {
  MapCtor, MapDelete, MapGet, MapSet, WeakMapCtor, WeakMapGet, WeakMapSet, WeakRefCtor, WeakRefDeref, apply, now,
  valuesOf,
} from './natives';

/** The shim's own record of a track. */
export interface Entry {
  /** Not shortened: it is also a report's field, and the build shortens a name everywhere or nowhere. */
  creator: Creator;
  parent_?: Entry | undefined;
  /** Set for captures; a clone shares its parent's; any other track is a source of its own. */
  source_?: string | undefined;
  /** The constraints the page asked for, as JSON. */
  asked_?: string | undefined;
  /** Where the page made the track. */
  trace_?: Error | undefined;
  madeAt_: number;
  /** Strong only until the first report (content/page/batch-timing.ts); a WeakRef after that. */
  strong_?: MediaStreamTrack | undefined;
  weak_?: WeakRef<MediaStreamTrack> | undefined;
  /** Read at the first report. */
  trackId_?: string | undefined;
  trackKind_?: TrackKind | undefined;
  trackLabel_?: string | undefined;
  isReported_: boolean;
  endTime_?: number | undefined;
  ender_?: EndedBy | undefined;
  /** What consumes it, once anything has (content/page/sinks.ts): most tracks a page churns never get one. */
  feeding_?: Feeding | undefined;
  /** Whether Trackstop's Pause disabled it (and the page has not set `enabled` since). */
  isPausedByUs_: boolean;
}

export interface Feeding {
  feeds_: Sink[];
  /** The sinks as text, to tell a change. */
  feedKey_: string;
  /** Whether a change waits for the next batch. */
  isQueued_: boolean;
  /** While nothing consumes it: since when. */
  idleFrom_: number | undefined;
  /** Kinds of sink that consumed it and no longer do. */
  fedBefore_: SinkKind[] | undefined;
}

const byTrack = new WeakMapCtor<MediaStreamTrack, Entry>();
/** Reported live tracks by id. */
const liveById = new MapCtor<string, Entry>();
let sharedIds = 0;

/** The recorded entry of a track, or undefined (also for anything that is not a track). */
export const entryOf = (track: unknown) => apply(WeakMapGet, byTrack, [track]) as Entry | undefined;
export const trackOf = (entry: Entry) =>
  entry.strong_ ?? (entry.weak_ && (apply(WeakRefDeref, entry.weak_, []) as MediaStreamTrack | undefined));

/** The reported live track under `id`, if any. */
export const liveEntry = (id: string) => apply(MapGet, liveById, [id]) as Entry | undefined;
/** The reported tracks that are live, in the order they were reported. */
export const liveEntries = () => valuesOf(liveById);

/**
 * A new entry for a track not seen before. Called for every clone a page makes, so the record is one literal of a
 * fixed shape, every field its own (reading a missing one would ask Object.prototype, where a page may have put a
 * getter).
 */
export function newEntry(
  track: MediaStreamTrack, creator: Creator, trace?: Error, parent?: Entry, source?: string, asked?: string,
): Entry {
  const entry: Entry = {
    creator, parent_: parent, source_: source, asked_: asked, trace_: trace, madeAt_: now(), strong_: track,
    weak_: undefined, trackId_: undefined, trackKind_: undefined, trackLabel_: undefined, isReported_: false,
    endTime_: undefined, ender_: undefined, feeding_: undefined, isPausedByUs_: false,
  };
  apply(WeakMapSet, byTrack, [track, entry]);
  return entry;
}

/**
 * Lists a track at its first report under its id, from now on by WeakRef. Two live tracks can share an id: Chromium's
 * element capture of a playing MediaStream returns new track objects with the stream's track ids (observed;
 * test/e2e/creators.test.ts and the frame matrix hold to it). Each is listed and stopped on its own, the later one
 * under a suffixed id. Returns the id.
 */
export function listLive(entry: Entry, track: MediaStreamTrack, trackId: string): string {
  let id = trackId;
  while (liveEntry(id)) id = `${trackId}#${++sharedIds}`;
  entry.trackId_ = id;
  apply(MapSet, liveById, [id, entry]);
  entry.weak_ = new WeakRefCtor(track);
  return id;
}

export const unlist = (entry: Entry) => apply(MapDelete, liveById, [entry.trackId_]);
