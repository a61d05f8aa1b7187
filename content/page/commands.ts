/**
 * The shim's answers to the relay's two commands: a snapshot of everything live, and Trackstop's forced stop, which
 * calls the native `stop()` captured at startup, reads `readyState` back and, unless told not to, dispatches `ended`
 * on the track as a revoked permission would, so the page's own UI notices.
 */
import type { TrackInfo } from '../../src/model';
import { LIMITS, type PageStopResult } from '../../src/page-world';
import { EventCtor, MapGet, apply, dispatch, list, track as T, valuesOf } from './natives';
import { type Entry, end, flush, infoOf, liveById, trackOf, wasEnded } from './track-table';

/** Everything live now, after flushing what came before it. */
export function snapshot(): TrackInfo[] {
  flush();
  const known = valuesOf(liveById);
  for (let i = 0; i < known.length; i++) if (!trackOf(known[i]!)) end(known[i]!, 'collected');
  flush();
  const live = valuesOf(liveById);
  const infos = list<TrackInfo>();
  // The relay takes no longer snapshot, and the background keeps no more live tracks per tab.
  for (let i = 0; i < live.length && i < LIMITS.tracksPerSnapshot; i++) infos[i] = infoOf(live[i]!);
  return infos;
}

export function forceStop(ids: string[], dispatchEnded: boolean): PageStopResult[] {
  flush(); // Tracks made in this very task become stoppable by id.
  const results = list<PageStopResult>();
  for (let i = 0; i < ids.length; i++) results[i] = stopById(ids[i]!, dispatchEnded);
  flush();
  return results;
}

function stopById(id: string, dispatchEnded: boolean): PageStopResult {
  const entry = apply(MapGet, liveById, [id]) as Entry | undefined;
  const track = entry && trackOf(entry);
  if (entry && track) return stopOne(entry, track, dispatchEnded);
  if (entry) end(entry, 'collected');
  if (wasEnded(id)) return { id, outcome: 'already-ended' };
  return { id, outcome: 'gone', reason: entry ? 'collected' : 'no such track in the page' };
}

function stopOne(entry: Entry, track: MediaStreamTrack, dispatchEnded: boolean): PageStopResult {
  const id = entry.trackId!;
  if (apply(T.readyState, track, []) === 'ended') {
    end(entry, 'source');
    return { id, outcome: 'already-ended' };
  }
  try {
    apply(T.stop, track, []);
  } catch (error) {
    return { id, outcome: 'failed', reason: `stop() threw: ${describe(error)}` };
  }
  if (apply(T.readyState, track, []) !== 'ended') return { id, outcome: 'failed', reason: 'still live after stop()' };
  end(entry, 'extension');
  // A page handler that throws is reported by the browser as the page's own error; it does not reach us.
  if (dispatchEnded) apply(dispatch, track, [new EventCtor('ended')]);
  return { id, outcome: 'ended' };
}

/** An error's text, or a plain one if a page made its `toString` throw. */
function describe(error: unknown): string {
  try {
    return `${error}`;
  } catch {
    return 'an error';
  }
}
