/**
 * The shim's table of the tracks it has seen: what happened to them since the last batch, and the batch itself.
 * Recording a track costs a registry entry (content/page/entries.ts) and a queue slot; everything else waits for the
 * batch (content/page/batch-timing.ts), and is done only for tracks still live then (pages that churn tracks,
 * clone-use-stop, pay almost nothing). Records are put in words by content/page/track-info.ts; ended tracks are
 * remembered by content/page/ended-tracks.ts.
 */
import type { Creator, EndedBy } from '../../src/model';
import type { Message } from '../../src/messages';
import type { RelayPageApi, ShimEvent } from '../../src/page-world';
import { batchStarted, scheduleBatch } from './batch-timing';
import { noteBrief, rememberEnded, takeBrief } from './ended-tracks';
import { type Entry, type Feeding, entryOf, listLive, liveEntry, newEntry, trackOf, unlist } from './entries';
import { FinalizationRegistryCtor, addListener, apply, eventTarget, eventType, list, now, registryRegister,
  track as T } from './natives';
import { changedEvent, identify, infoOf, sinksEvent } from './track-info';
import { resetStackBudget } from './track-facts';

type Op = { op_: 'added' | 'changed' | 'ended'; entry_: Entry };

let queue = list<Op>();
/** Reported tracks whose sinks changed since the last batch; a track not reported yet reports them when it is. */
let fedChanged = list<Entry>();

/** Where batches go, and what runs before each: set once by the shim's startup (content/page/shim.ts, sinks.ts). */
let send: (message: Message<RelayPageApi>) => void = () => {};
let beforeFlush = () => {};
export const setSender = (sender: (message: Message<RelayPageApi>) => void) => { send = sender; };
/** Runs at the start of every batch: content/page/sinks.ts works out what feeds on what then. */
export const setBeforeFlush = (hook: () => void) => { beforeFlush = hook; };

const collected = new FinalizationRegistryCtor<string>((id) => {
  const entry = liveEntry(id);
  if (entry && !trackOf(entry)) end(entry, 'collected');
});

/** Records a track the first time it is seen; later sightings return the first record. */
export function record(
  track: MediaStreamTrack, creator: Creator, trace?: Error, parent?: Entry, source?: string, asked?: string,
): Entry {
  const known = entryOf(track);
  if (known) return known;
  const entry = newEntry(track, creator, trace, parent, source, asked);
  enqueue('added', entry);
  return entry;
}

/** A reported track's sinks changed (content/page/sinks.ts). */
export function noteFed(entry: Entry, feeding: Feeding): void {
  if (!entry.isReported_ || feeding.isQueued_) return;
  feeding.isQueued_ = true;
  fedChanged[fedChanged.length] = entry;
  requestFlush();
}

/** A change the page made (its own `enabled`), or Trackstop's pause (`isPausedByUs`). */
export function noteChanged(track: unknown, isPausedByUs = false): void {
  const entry = entryOf(track);
  if (!entry) return;
  entry.isPausedByUs_ = isPausedByUs;
  enqueue('changed', entry);
}

export function end(entry: Entry, by: EndedBy): void {
  if (markEnded(entry, by)) enqueue('ended', entry);
}

function markEnded(entry: Entry, by: EndedBy): boolean {
  if (entry.ender_) return false;
  entry.endTime_ = now();
  entry.ender_ = by;
  if (!entry.isReported_) {
    noteBrief(entry);
  } else {
    unlist(entry);
    rememberEnded(entry.trackId_!);
  }
  return true;
}

/** Starts watching a track still live at its first report. An `ended` queued before this shows in `readyState`. */
function startWatching(entry: Entry): boolean {
  const track = entry.strong_;
  if (!track || apply(T.readyState, track, []) === 'ended') return false;
  const id = listLive(entry, track, identify(entry));
  apply(registryRegister, collected, [track, id]);
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

function enqueue(op: Op['op_'], entry: Entry): void {
  queue[queue.length] = { op_: op, entry_: entry };
  requestFlush();
}

/** Schedules a batch, if none is: for a change that is not about one track, such as a sink coming or going. */
export const requestFlush = () => scheduleBatch(flush);

/** The event one queued op makes, if any; a track's first report starts watching it. */
function eventOf({ op_: op, entry_: entry }: Op): ShimEvent | undefined {
  if (op === 'added') {
    if (entry.ender_) return undefined; // ended before this batch: a brief track, reported with them
    if (!startWatching(entry)) return void markEnded(entry, entry.strong_ ? 'source' : 'collected');
    entry.isReported_ = true;
    return { type: 'added', track: infoOf(entry) };
  }
  if (op === 'changed') {
    const track = entry.isReported_ && !entry.ender_ && trackOf(entry);
    return track ? changedEvent(entry, track) : undefined;
  }
  return entry.isReported_ ? { type: 'ended', id: entry.trackId_!, at: entry.endTime_!, by: entry.ender_! } : undefined;
}

/** Sends everything queued. Runs after changes (content/page/batch-timing.ts), and before every answer to the relay. */
export function flush(): void {
  batchStarted();
  resetStackBudget();
  beforeFlush();
  const ops = queue;
  queue = list();
  const events = list<ShimEvent>();
  for (let i = 0; i < ops.length; i++) {
    const event = eventOf(ops[i]!);
    if (event) events[events.length] = event;
  }
  const brief = takeBrief();
  for (let i = 0; i < brief.length; i++) {
    const entry = brief[i]!;
    if (entry.strong_ || entry.trackId_ !== undefined) events[events.length] = { type: 'added', track: infoOf(entry) };
  }
  const fed = fedChanged;
  fedChanged = list();
  for (let i = 0; i < fed.length; i++) {
    const feeding = fed[i]!.feeding_!;
    feeding.isQueued_ = false;
    if (!fed[i]!.ender_) events[events.length] = sinksEvent(fed[i]!, feeding);
  }
  for (let i = 0; i < ops.length; i++) ops[i]!.entry_.strong_ = undefined;
  // One message, however many events: the relay holds up to LIMITS.eventsPerPageMessage and reports them in parts.
  if (events.length) send({ type: 'events', data: events });
}
