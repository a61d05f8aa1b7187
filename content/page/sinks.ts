/**
 * What consumes each track: media elements, RTCRtpSenders, MediaRecorders, Web Audio source nodes, track processors
 * and ImageCapture. The shim remembers each consumer the page makes or points at a track (by WeakRef: watching must
 * not keep an element or a recorder alive) and, at every batch and once a second while any consumer exists, works
 * out which tracks each one feeds from now: an element only while it is in the document, a sender only while its
 * connection is open, a recorder only while it records. A page that never attaches a track pays for the wrappers
 * (content/page/sink-wrappers.ts, which tells this module of every consumer).
 */
import type { Sink, SinkKind } from '../../src/model';
import { LIMITS } from '../../src/page-world';
import {
  MapCtor, MapGet, MapSet, WeakMapCtor, WeakMapGet, WeakMapSet, WeakRefCtor, WeakRefDeref, apply, bare, getterOf,
  indexOf, list, now, setTimeoutNative, slice, streamGetTracks, track as T,
} from './natives';
import { type Entry, entryOf, liveEntries } from './entries';
import { noteFed, requestFlush } from './track-table';

interface Consumer {
  sinkKind_: SinkKind;
  ref_: WeakRef<object>;
  /** The one track it was made for (Web Audio's track source, a processor, ImageCapture). */
  fixed_?: WeakRef<MediaStreamTrack> | undefined;
  /** A sender's connection, where the shim saw it made. */
  conn_?: object | undefined;
  sinkLabel_: string;
}

/** How often consumers are looked at while any exists: elements leave the document and calls end without a call. */
const POLL_MS = 1000;

const consumers = list<Consumer>();
const consumerOf = new WeakMapCtor<object, Consumer>();
let isPolling = false;

// Captured now: a page may replace the getters later.
const srcObject = getterOf('HTMLMediaElement', 'srcObject');
const isConnected = getterOf('Node', 'isConnected');
const localName = getterOf('Element', 'localName');
const elementId = getterOf('Element', 'id');
const className = getterOf('Element', 'className');
const senderTrack = getterOf('RTCRtpSender', 'track');
const signalingState = getterOf('RTCPeerConnection', 'signalingState');
const recorderStream = getterOf('MediaRecorder', 'stream');
const recorderState = getterOf('MediaRecorder', 'state');
const nodeContext = getterOf('AudioNode', 'context');
const contextState = getterOf('BaseAudioContext', 'state');
const sourceNodeStream = getterOf('MediaStreamAudioSourceNode', 'mediaStream');
const imageCaptureTrack = getterOf('ImageCapture', 'track');

const read = (getter: ((this: unknown) => unknown) | undefined, self: unknown) =>
  (getter ? apply(getter, self, []) : undefined);

/** Starts watching `owner` as a sink; later calls for the same owner only refresh. */
export function watch(sinkKind: SinkKind, owner: object, label: string, fixed?: unknown, conn?: object): void {
  let consumer = apply(WeakMapGet, consumerOf, [owner]) as Consumer | undefined;
  if (!consumer) {
    consumer = { sinkKind_: sinkKind, ref_: new WeakRefCtor(owner), fixed_: undefined, conn_: conn, sinkLabel_: label };
    apply(WeakMapSet, consumerOf, [owner, consumer]);
    consumers[consumers.length] = consumer;
  }
  if (fixed && entryOf(fixed)) consumer.fixed_ = new WeakRefCtor(fixed as MediaStreamTrack);
  if (conn) consumer.conn_ = conn;
  requestFlush();
  if (!isPolling) { isPolling = true; setTimeoutNative(poll, POLL_MS); }
}

function poll(): void {
  refresh();
  if (consumers.length) setTimeoutNative(poll, POLL_MS);
  else isPolling = false;
}

function tracksOf(stream: unknown): MediaStreamTrack[] {
  try {
    return apply(streamGetTracks, stream, []) as MediaStreamTrack[];
  } catch {
    return list(); // null, or a MediaSource or Blob (Firefox's srcObject takes those too)
  }
}

/** `video#self`, `audio.remote`, `video`: what a developer would search the page's markup for. */
function elementName(element: object): string {
  const tag = read(localName, element) as string;
  const id = read(elementId, element) as string;
  if (id) return slice(`${tag}#${id}`, 0, LIMITS.sinkName);
  const classes = read(className, element);
  if (typeof classes !== 'string' || !classes) return tag;
  const space = indexOf(classes, ' ');
  return slice(`${tag}.${space < 0 ? classes : slice(classes, 0, space)}`, 0, LIMITS.sinkName);
}

/** The tracks a consumer feeds from now: none while it cannot consume. */
function fedBy(consumer: Consumer, owner: object): MediaStreamTrack[] {
  const fixed = consumer.fixed_ && (apply(WeakRefDeref, consumer.fixed_, []) as MediaStreamTrack | undefined);
  switch (consumer.sinkKind_) {
    case 'element':
      return read(isConnected, owner) ? tracksOf(read(srcObject, owner)) : list();
    case 'peer': {
      if (consumer.conn_ && read(signalingState, consumer.conn_) === 'closed') return list();
      const track = read(senderTrack, owner) as MediaStreamTrack | null;
      return track ? one(track) : list();
    }
    case 'recorder':
      return read(recorderState, owner) === 'inactive' ? list() : tracksOf(read(recorderStream, owner));
    case 'webaudio': {
      if (read(contextState, read(nodeContext, owner)) === 'closed') return list();
      if (fixed) return one(fixed);
      const audio = list<MediaStreamTrack>();
      const tracks = tracksOf(read(sourceNodeStream, owner));
      for (let i = 0; i < tracks.length; i++) if (apply(T.kind, tracks[i],
        []) === 'audio') audio[audio.length] = tracks[i]!;
      return audio;
    }
    default:
      return fixed ? one(fixed) : consumer.sinkKind_ === 'imagecapture' ? one(read(imageCaptureTrack, owner)) : list();
  }
}

const one = (track: unknown) => {
  const tracks = list<MediaStreamTrack>();
  if (track) tracks[0] = track as MediaStreamTrack;
  return tracks;
};

/** Works out every watched track's sinks afresh; a reported track whose sinks changed is reported again. */
export function refresh(): void {
  const fed = new MapCtor<Entry, Sink[]>();
  const fedEntries = list<Entry>();
  let kept = 0;
  for (let i = 0; i < consumers.length; i++) {
    const consumer = consumers[i]!;
    const owner = apply(WeakRefDeref, consumer.ref_, []) as object | undefined;
    if (!owner) continue; // collected: it consumes nothing any more
    consumers[kept++] = consumer;
    let tracks: MediaStreamTrack[];
    let name: string;
    try {
      tracks = fedBy(consumer, owner);
      name = consumer.sinkKind_ === 'element' ? elementName(owner) : consumer.sinkLabel_;
    } catch {
      continue; // an object that is not what its wrapper took it for feeds nothing
    }
    for (let j = 0; j < tracks.length; j++) {
      const entry = entryOf(tracks[j]);
      if (!entry) continue;
      let sinks = apply(MapGet, fed, [entry]) as Sink[] | undefined;
      if (!sinks) {
        apply(MapSet, fed, [entry, (sinks = list())]);
        fedEntries[fedEntries.length] = entry;
      }
      if (sinks.length < LIMITS.sinks) sinks[sinks.length] = bare({ kind: consumer.sinkKind_, name });
    }
  }
  consumers.length = kept;
  const live = liveEntries();
  for (let i = 0; i < live.length; i++) {
    const entry = live[i]!;
    if (entry.feeding_ && !apply(MapGet, fed, [entry])) setFeeds(entry, list());
  }
  for (let i = 0; i < fedEntries.length; i++) setFeeds(fedEntries[i]!, apply(MapGet, fed, [fedEntries[i]]) as Sink[]);
}

/** Sets an entry's sinks; a kind that left joins its former sinks. */
function setFeeds(entry: Entry, sinks: Sink[]): void {
  let key = '';
  for (let i = 0; i < sinks.length; i++) key = `${key}${sinks[i]!.kind}:${sinks[i]!.name}\n`;
  const feeding = entry.feeding_;
  if (key === (feeding ? feeding.feedKey_ : '')) return;
  if (!feeding) {
    noteFed(entry, entry.feeding_ = { feeds_: sinks, feedKey_: key, isQueued_: false, idleFrom_: undefined,
      fedBefore_: undefined });
    return;
  }
  const before = feeding.feeds_;
  for (let i = 0; i < before.length; i++) {
    let isKept = false;
    for (let j = 0; j < sinks.length; j++) if (sinks[j]!.kind === before[i]!.kind) isKept = true;
    const kinds = feeding.fedBefore_ ?? (feeding.fedBefore_ = list());
    let isKnown = false;
    for (let j = 0; j < kinds.length; j++) if (kinds[j] === before[i]!.kind) isKnown = true;
    if (!isKept && !isKnown) kinds[kinds.length] = before[i]!.kind;
  }
  feeding.feeds_ = sinks;
  feeding.feedKey_ = key;
  feeding.idleFrom_ = sinks.length ? undefined : feeding.idleFrom_ ?? now();
  noteFed(entry, feeding);
}
