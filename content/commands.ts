/**
 * The shim's answers to the relay's two commands: a snapshot of everything live, and Trackstop's forced stop, which
 * calls the native `stop()` captured at startup, reads `readyState` back and, unless told not to, dispatches `ended`
 * on the track as a revoked permission would, so the page's own UI notices.
 */
import type { TrackInfo } from '../src/model';
import type { PageStopResult } from '../src/page-world';
import { EventCtor, MapCtor, apply, dispatch, track as T } from './natives';
import { type Entry, end, flush, infoOf, liveById, trackOf, wasEnded } from './track-table';

const MapGet = MapCtor.prototype.get;
const MapValues = MapCtor.prototype.values;
const liveEntries = () => [...(apply(MapValues, liveById, []) as IterableIterator<Entry>)];

/** Everything live now, after flushing what came before it. */
export function snapshot(): TrackInfo[] {
  flush();
  for (const entry of liveEntries()) if (!trackOf(entry)) end(entry, 'collected');
  flush();
  return liveEntries().map(infoOf);
}

export function forceStop(ids: string[], dispatchEnded: boolean): PageStopResult[] {
  flush(); // Tracks made in this very task become stoppable by id.
  const results = ids.map((id): PageStopResult => {
    const entry = apply(MapGet, liveById, [id]) as Entry | undefined;
    const track = entry && trackOf(entry);
    if (entry && track) return stopOne(entry, track, dispatchEnded);
    if (entry) end(entry, 'collected');
    if (wasEnded(id)) return { id, outcome: 'already-ended' };
    return { id, outcome: 'gone', reason: entry ? 'collected' : 'no such track in the page' };
  });
  flush();
  return results;
}

function stopOne(entry: Entry, track: MediaStreamTrack, dispatchEnded: boolean): PageStopResult {
  const id = entry.id!;
  if (apply(T.readyState, track, []) === 'ended') {
    end(entry, 'source');
    return { id, outcome: 'already-ended' };
  }
  try {
    apply(T.stop, track, []);
  } catch (error) {
    return { id, outcome: 'failed', reason: `stop() threw: ${String(error)}` };
  }
  if (apply(T.readyState, track, []) !== 'ended') return { id, outcome: 'failed', reason: 'still live after stop()' };
  end(entry, 'extension');
  // A page handler that throws is reported by the browser as the page's own error; it does not reach us.
  if (dispatchEnded) apply(dispatch, track, [new EventCtor('ended')]);
  return { id, outcome: 'ended' };
}
