/**
 * The shim's answers to the relay's commands: a snapshot of everything live; Trackstop's forced stop, which calls the
 * native `stop()` captured at startup, reads `readyState` back and, unless told not to, dispatches `ended` on the
 * track as a revoked permission would, so the page's own UI notices; and pause, which sets `enabled` through the
 * native setter and reads it back.
 */
import type { TrackInfo } from '../../src/model';
import { LIMITS, type PageControlResult } from '../../src/page-world';
import { EventCtor, apply, dispatch, list, track as T } from './natives';
import { wasEnded } from './ended-tracks';
import { type Entry, liveEntries, liveEntry, trackOf } from './entries';
import { end, flush, noteChanged } from './track-table';
import { infoOf } from './track-info';

/** Everything live now, after flushing what came before it. */
export function snapshot(): TrackInfo[] {
  flush();
  const known = liveEntries();
  for (let i = 0; i < known.length; i++) if (!trackOf(known[i]!)) end(known[i]!, 'collected');
  flush();
  const live = liveEntries();
  const infos = list<TrackInfo>();
  // The relay takes no longer snapshot, and the background keeps no more live tracks per tab.
  for (let i = 0; i < live.length && i < LIMITS.tracksPerSnapshot; i++) infos[i] = infoOf(live[i]!);
  return infos;
}

type Act = (entry: Entry, track: MediaStreamTrack) => PageControlResult;

/** Runs `act` on each live track named, and says for each what came of it. */
function onEach(ids: string[], act: Act): PageControlResult[] {
  flush(); // Tracks made in this very task become stoppable by id.
  const results = list<PageControlResult>();
  for (let i = 0; i < ids.length; i++) results[i] = onOne(ids[i]!, act);
  flush();
  return results;
}

function onOne(id: string, act: Act): PageControlResult {
  const entry = liveEntry(id);
  const track = entry && trackOf(entry);
  if (entry && track) return act(entry, track);
  if (entry) end(entry, 'collected');
  if (wasEnded(id)) return { id, outcome: 'already-ended' };
  return { id, outcome: 'gone', reason: entry ? 'collected' : 'no such track in the page' };
}

export const forceStop = (ids: string[], dispatchEnded: boolean) =>
  onEach(ids, (entry, track) => stopOne(entry, track, dispatchEnded));

export const pause = (ids: string[], isPaused: boolean) => onEach(ids, (entry, track) => {
  const failed = change(entry, track, T.setEnabled, [!isPaused], 'enabled', T.enabled, !isPaused);
  if (failed) return failed;
  noteChanged(track, isPaused);
  return { id: entry.trackId_!, outcome: isPaused ? 'paused' : 'resumed' };
});

function stopOne(entry: Entry, track: MediaStreamTrack, dispatchEnded: boolean): PageControlResult {
  const failed = change(entry, track, T.stop, [], 'stop()', T.readyState, 'ended');
  if (failed) return failed;
  end(entry, 'extension');
  // A page handler that throws is reported by the browser as the page's own error; it does not reach us.
  if (dispatchEnded) apply(dispatch, track, [new EventCtor('ended')]);
  return { id: entry.trackId_!, outcome: 'ended' };
}

/**
 * Calls a native on a live track and reads `property` back, expecting `wanted`: the shared part of a stop and a
 * pause. Returns the outcome if it is not what was asked (ended before, threw, did not take), else nothing.
 */
function change(
  entry: Entry, track: MediaStreamTrack, native: (...args: never[]) => unknown, args: unknown[], name: string,
  property: () => unknown, wanted: unknown,
): PageControlResult | undefined {
  const id = entry.trackId_!;
  if (apply(T.readyState, track, []) === 'ended') {
    end(entry, 'source');
    return { id, outcome: 'already-ended' };
  }
  try {
    apply(native, track, args);
  } catch (error) {
    return { id, outcome: 'failed', reason: `${name} threw: ${describe(error)}` };
  }
  return apply(property, track, []) === wanted ? undefined : { id, outcome: 'failed', reason: `${name} did not take` };
}

/** An error's text, or a plain one if a page made its `toString` throw. */
function describe(error: unknown): string {
  try {
    return `${error}`;
  } catch {
    return 'an error';
  }
}
