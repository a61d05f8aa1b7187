/**
 * The track creators beyond capture and cloning: canvas and element capture, Web Audio destinations, remote WebRTC
 * tracks, generated tracks, and tracks added to a stream. Each gets its source: one canvas, one element, one
 * destination node, one remote transceiver, one generator.
 */
import type { Creator } from '../../src/model';
import { type OwnerOrigin, ownerSourceId } from '../../src/source-id';
import {
  apply, numbering, getOwnPropertyDescriptor, getterOf, proto, streamGetTracks, whenSettled,
  win, withCallback,
} from './natives';
import { captureStack, withoutOwnFrames } from './track-facts';
import { watchSenders } from './sink-wrappers';
import { entryOf } from './entries';
import { record } from './track-table';
import { wrapConstructor, wrapMethod } from './wrap';

type Native = (...args: unknown[]) => unknown;

const sourceNumber = numbering();

/** One source id per object (canvas, element, node, transceiver), stable for as long as the object lives. */
const sourceOf = (owner: object, origin: OwnerOrigin) => ownerSourceId(origin, sourceNumber(owner));

function recordStream(stream: unknown, creator: Creator, sourceId: string): void {
  try {
    const tracks = apply(streamGetTracks, stream, []) as MediaStreamTrack[];
    for (let i = 0; i < tracks.length; i++) record(tracks[i]!, creator, captureStack(), undefined, sourceId);
  } catch {
    // Not a stream after all: nothing to record, and nothing the page should notice.
  }
}

/** `canvas.captureStream()`, `video.captureStream()`: the returned stream's tracks, one source per element. */
const aroundCaptureStream = (creator: Creator, origin: OwnerOrigin) =>
  (native: Native, self: unknown, args: unknown[]) => {
    const stream = apply(native, self, args);
    recordStream(stream, creator, sourceOf(self as object, origin));
    return stream;
  };

// Read with the getters captured now: a page may replace the ones on the prototypes later.
const receiverTrack = getterOf('RTCRtpReceiver', 'track');
const transceiverReceiver = getterOf('RTCRtpTransceiver', 'receiver');
const destinationStream = getterOf('MediaStreamAudioDestinationNode', 'stream');
const generatorTrack = getterOf('VideoTrackGenerator', 'track');

function recordReceivers(pc: RTCPeerConnection, getReceivers: Native): void {
  try {
    const receivers = apply(getReceivers, pc, []) as RTCRtpReceiver[];
    for (let i = 0; i < receivers.length; i++) recordRemote(receivers[i]!);
  } catch {
    // A closed connection has nothing to add.
  }
}

function recordRemote(receiver: unknown): void {
  try {
    const track = apply(receiverTrack!, receiver, []) as MediaStreamTrack | null;
    if (!track || entryOf(track)) return;
    record(track, 'remote', captureStack(), undefined, sourceOf(receiver as object, 'remote'));
  } catch {
    // Not a receiver: nothing to record.
  }
}

export function wrapOtherCreators(): void {
  wrapCaptureStreams();
  wrapWebAudio();
  wrapPeerConnections();
  wrapGenerators();
  wrapMethod(proto('MediaStream'), 'addTrack', (native, self, args) => {
    const result = apply(native, self, args);
    // The native took it, so it is a track.
    const track = args[0] as MediaStreamTrack;
    if (!entryOf(track)) record(track, 'adopted', captureStack());
    return result;
  });
}

function wrapCaptureStreams(): void {
  wrapMethod(proto('HTMLCanvasElement'), 'captureStream', aroundCaptureStream('canvas', 'canvas'));
  wrapMethod(proto('HTMLMediaElement'), 'captureStream', aroundCaptureStream('element', 'element'));
  wrapMethod(proto('HTMLMediaElement'), 'mozCaptureStream', aroundCaptureStream('element', 'element'));
  wrapMethod(proto('HTMLMediaElement'), 'mozCaptureStreamUntilEnded', aroundCaptureStream('element', 'element'));
}

function wrapWebAudio(): void {
  const adoptDestination = (node: object) => {
    if (destinationStream) recordStream(apply(destinationStream, node, []), 'webaudio', sourceOf(node, 'webaudio'));
  };
  wrapMethod(proto('AudioContext'), 'createMediaStreamDestination', (native, self, args) => {
    const node = apply(native, self, args) as object;
    adoptDestination(node);
    return node;
  });
  wrapConstructor(win, 'MediaStreamAudioDestinationNode', adoptDestination);
}

/**
 * Remote tracks exist as soon as their transceiver does: addTransceiver, addTrack, addStream and setRemoteDescription
 * may each add one. https://w3c.github.io/webrtc-pc/#dom-rtcpeerconnection-addtransceiver
 */
function wrapPeerConnections(): void {
  const pcProto = proto('RTCPeerConnection') as RTCPeerConnection | undefined;
  const getReceivers = pcProto && (getOwnPropertyDescriptor(pcProto, 'getReceivers')?.value as Native | undefined);
  if (!getReceivers || !receiverTrack || !transceiverReceiver) return;
  const recordAll = (pc: unknown) => recordReceivers(pc as RTCPeerConnection, getReceivers);
  wrapMethod(pcProto, 'addTransceiver', (native, self, args) => {
    const transceiver = apply(native, self, args) as RTCRtpTransceiver;
    recordRemote(apply(transceiverReceiver, transceiver, []));
    watchSenders(self as object);
    return transceiver;
  });
  // Adding a track (or, in Chromium, a whole stream) makes a transceiver, whose receiver has a track at once, and
  // whose sender sends the track.
  const recordAfter = (native: Native, self: unknown, args: unknown[]) => {
    const result = apply(native, self, args);
    recordAll(self);
    watchSenders(self as object);
    return result;
  };
  wrapMethod(pcProto, 'addTrack', recordAfter);
  wrapMethod(pcProto, 'addStream', recordAfter);
  wrapMethod(pcProto, 'setRemoteDescription', (native, self, args) => {
    // The legacy callback form (webrtc-adapter 0.x still uses it) returns a promise that is already resolved: the
    // receivers exist when the success callback runs.
    const result = apply(native, self, withCallback(args, 1, (onSuccess) => function (this: unknown) {
      recordAll(self);
      return apply(onSuccess, this, []);
    }));
    whenSettled(result, () => recordAll(self), withoutOwnFrames);
    return result;
  });
}

/** A generator is itself a track (Chrome's MediaStreamTrackGenerator) or holds one (VideoTrackGenerator). */
function wrapGenerators(): void {
  wrapConstructor(win, 'MediaStreamTrackGenerator', (generator) =>
    record(generator as MediaStreamTrack, 'generator', undefined, undefined, sourceOf(generator, 'generator')));
  wrapConstructor(win, 'VideoTrackGenerator', (generator) => {
    const track = generatorTrack && (apply(generatorTrack, generator, []) as MediaStreamTrack | undefined);
    if (track) record(track, 'generator', undefined, undefined, sourceOf(generator, 'generator'));
  });
}
