/**
 * What the shim remembers of ended tracks: the ids of reported ones, for an "already ended" answer to a stop, and the
 * tracks that ended before their first report ("brief"), of which a batch reports only the newest. Both bounded.
 */
import {
  MapCtor, MapDelete, MapGet, MapSet, apply, firstKeyOf, list, mapSize,
} from './natives';
import type { Entry } from './entries';

/** Of the tracks both made and ended within one batch, only the newest are reported (the background keeps no more). */
export const MAX_BRIEF_TRACKS_PER_BATCH = 200;
export const MAX_REMEMBERED_ENDED = 200;

const endedIds = new MapCtor<string, true>();
/**
 * Brief tracks, newest last. Only the newest `MAX_BRIEF_TRACKS_PER_BATCH` are reported, so only they keep their track
 * for reading its id; older ones let go of it at once. Holding every churned clone until the batch would keep
 * thousands of them alive past the young-generation collection, and the page would pay for their promotion.
 */
let brief = list<Entry>();

/** Remembers a reported track's end: only reported tracks can be named by a stop. */
export function rememberEnded(id: string): void {
  apply(MapSet, endedIds, [id, true]);
  if (mapSize(endedIds) > MAX_REMEMBERED_ENDED) apply(MapDelete, endedIds, [firstKeyOf(endedIds)]);
}

export const wasEnded = (id: string) => apply(MapGet, endedIds, [id]) === true;

/** Notes a track that ended before its first report. */
export function noteBrief(entry: Entry): void {
  brief[brief.length] = entry;
  if (brief.length < 2 * MAX_BRIEF_TRACKS_PER_BATCH) return;
  const older = brief.length - MAX_BRIEF_TRACKS_PER_BATCH;
  const newer = list<Entry>();
  for (let i = 0; i < brief.length; i++) {
    if (i < older) brief[i]!.strong_ = undefined;
    else newer[newer.length] = brief[i]!;
  }
  brief = newer;
}

/** The brief tracks this batch reports, oldest first, and forgets them all. */
export function takeBrief(): Entry[] {
  const ended = brief;
  brief = list();
  const first = ended.length > MAX_BRIEF_TRACKS_PER_BATCH ? ended.length - MAX_BRIEF_TRACKS_PER_BATCH : 0;
  const reported = list<Entry>();
  for (let i = first; i < ended.length; i++) reported[reported.length] = ended[i]!;
  return reported;
}
