/**
 * How the shim puts an entry into words of the protocol (src/page-world.ts): the track record of an `added` event or
 * a snapshot, and the `changed` and `sinks` events. Reads what it needs from the track the first time, while the
 * entry still holds it strongly.
 */
import type { TrackInfo, TrackKind } from '../../src/model';
import { LIMITS, type ShimEvent } from '../../src/page-world';
import { deviceSourceId, trackSourceId } from '../../src/source-id';
import { apply, bare, list, now, track as T } from './natives';
import { type Entry, type Feeding, trackOf } from './entries';
import { settingsOf, stackOf } from './track-facts';

/** Reads the track's id, kind and label while the strong reference still exists; returns the id. */
export function identify(entry: Entry): string {
  if (entry.trackId_ === undefined && entry.strong_) {
    entry.trackId_ = apply(T.id, entry.strong_, []) as string;
    entry.trackKind_ = apply(T.kind, entry.strong_, []) as TrackKind;
    entry.trackLabel_ = apply(T.label, entry.strong_, []) as string;
  }
  return entry.trackId_ ?? '';
}

/** A clone shares its parent's source; a device track the source of its kind and device; any other is its own. */
function sourceIdOf(entry: Entry): string {
  if (entry.source_ !== undefined) return entry.source_;
  identify(entry);
  const deviceId = entry.creator === 'getUserMedia' && entry.strong_ ? settingsOf(entry.strong_).deviceId : undefined;
  entry.source_ = entry.parent_ ? sourceIdOf(entry.parent_)
    : deviceId ? deviceSourceId(entry.trackKind_ ?? 'video', deviceId) : trackSourceId(identify(entry));
  return entry.source_;
}

const pauserOf = (entry: Entry) => (entry.isPausedByUs_ ? 'extension' : 'page');

export function infoOf(entry: Entry): TrackInfo {
  const track = trackOf(entry);
  const isLive = !entry.ender_ && !!track;
  // Bare: the optional fields below are added by assignment, which would reach a setter on Object.prototype.
  const info: TrackInfo = bare({
    id: identify(entry), kind: entry.trackKind_ ?? 'video', label: entry.trackLabel_ ?? '', creator: entry.creator,
    sourceId: sourceIdOf(entry), readyState: isLive ? 'live' : 'ended',
    muted: track ? apply(T.muted, track, []) as boolean : false,
    enabled: track ? apply(T.enabled, track, []) as boolean : false,
    createdAt: entry.madeAt_,
  });
  if (!info.enabled) info.pausedBy = pauserOf(entry);
  if (entry.parent_) info.parentId = identify(entry.parent_);
  if (entry.asked_) info.constraints = entry.asked_;
  // Stacks of ended tracks are not kept (see src/state.ts), so they are not formatted either.
  if (entry.trace_ && isLive) info.stack = stackOf(entry.trace_, LIMITS.stack);
  if (track && isLive) info.settings = settingsOf(track);
  const feeding = entry.feeding_;
  if (isLive) {
    info.sinks = feeding ? feeding.feeds_ : list();
    if (!info.sinks.length) info.idleSince = feeding?.idleFrom_ ?? entry.madeAt_;
    if (feeding?.fedBefore_) info.formerSinks = feeding.fedBefore_;
  }
  if (entry.ender_) { info.endedAt = entry.endTime_; info.endedBy = entry.ender_; }
  return info;
}

/** A reported live track's `muted` and `enabled`, and who paused it. */
export function changedEvent(entry: Entry, track: MediaStreamTrack): ShimEvent {
  const muted = apply(T.muted, track, []) as boolean;
  const enabled = apply(T.enabled, track, []) as boolean;
  const event: ShimEvent = bare({ type: 'changed', id: entry.trackId_!, muted, enabled });
  if (!enabled) event.pausedBy = pauserOf(entry);
  return event;
}

/** A reported live track's sinks, now. */
export function sinksEvent(entry: Entry, feeding: Feeding): ShimEvent {
  const sinks = feeding.feeds_;
  const event: ShimEvent = bare({ type: 'sinks', id: entry.trackId_!, at: now(), sinks });
  if (!sinks.length) event.idleSince = feeding.idleFrom_ ?? entry.madeAt_;
  if (feeding.fedBefore_) event.formerSinks = feeding.fedBefore_;
  return event;
}
