/**
 * The wrappers through which the shim sees what consumes a track (content/page/sinks.ts): an element's `srcObject`,
 * a sender's `replaceTrack` and a connection's senders, recorders, Web Audio source nodes, track processors and
 * ImageCapture. Each runs the native first and never lets Trackstop's bookkeeping throw.
 */
import {
  apply, getOwnPropertyDescriptor, list, numbering, proto, whenSettled, win,
} from './natives';
import { refresh, watch } from './sinks';
import { withoutOwnFrames } from './track-facts';
import { setBeforeFlush } from './track-table';
import { type Around, wrapConstructor, wrapMethod, wrapSetter } from './wrap';

const connectionNumber = numbering();
const pcProto = proto('RTCPeerConnection');
const getSenders = pcProto && (getOwnPropertyDescriptor(pcProto, 'getSenders')?.value as (() => unknown[]) | undefined);

/** Runs the native, then watches what `sinkOf` names as a sink. Never lets Trackstop's bookkeeping throw. */
const thenWatch = (watchResult: (result: unknown, self: unknown, args: unknown[]) => void): Around =>
  (native, self, args) => {
    const result = apply(native, self, args);
    try {
      watchResult(result, self, args);
    } catch {
      // The page's call succeeded; Trackstop just sees one sink fewer.
    }
    return result;
  };

const connectionName = (pc: object) => `peer connection ${connectionNumber(pc)}`;

/** Watches every sender of a connection: called after the calls that add one (content/page/creators.ts). */
export function watchSenders(pc: object): void {
  try {
    const senders = getSenders ? (apply(getSenders, pc, []) as object[]) : list<object>();
    for (let i = 0; i < senders.length; i++) watch('peer', senders[i]!, connectionName(pc), undefined, pc);
  } catch {
    // Not a connection: nothing to watch.
  }
}

/** An own data property of an options object the page passed (the native reads it the same way). */
const optionOf = (options: unknown, key: string) => {
  const desc = typeof options === 'object' && options !== null ? getOwnPropertyDescriptor(options, key) : undefined;
  return desc && 'value' in desc ? desc.value : undefined;
};

export function wrapSinks(): void {
  setBeforeFlush(refresh);
  wrapSetter(proto('HTMLMediaElement'), 'srcObject', thenWatch((_, element) => watch('element', element as object,
    '')));
  wrapMethod(proto('RTCRtpSender'), 'replaceTrack', (native, sender, args) => {
    const result = apply(native, sender, args);
    // The sender's track changes when the promise resolves, not before. A rejection loses the wrapper's frames, as a
    // capture call's does: the native's TypeError for a wrong receiver is made while the wrapper is on the stack.
    whenSettled(result, () => watch('peer', sender as object, 'a peer connection'), withoutOwnFrames);
    return result;
  });
  wrapConstructor(win, 'MediaRecorder', (recorder) => watch('recorder', recorder, 'MediaRecorder'));
  const audioProto = proto('AudioContext');
  wrapMethod(audioProto, 'createMediaStreamSource', thenWatch((node) => watch('webaudio', node as object,
    'Web Audio')));
  wrapMethod(audioProto, 'createMediaStreamTrackSource',
    thenWatch((node, _, args) => watch('webaudio', node as object, 'Web Audio', args[0])));
  wrapConstructor(win, 'MediaStreamAudioSourceNode', (node) => watch('webaudio', node, 'Web Audio'));
  wrapConstructor(win, 'MediaStreamTrackAudioSourceNode', (node, args) =>
    watch('webaudio', node, 'Web Audio', optionOf(args[1], 'mediaStreamTrack')));
  wrapConstructor(win, 'MediaStreamTrackProcessor', (processor, args) =>
    watch('processor', processor, 'MediaStreamTrackProcessor', optionOf(args[0], 'track')));
  wrapConstructor(win, 'ImageCapture', (capture) => watch('imagecapture', capture, 'ImageCapture'));
}
