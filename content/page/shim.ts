/**
 * MAIN world, document_start, every frame. Wraps the functions that create media tracks, on their prototypes,
 * records every track they return, and answers the relay's stop and snapshot commands.
 * Installing the wrappers is all a page that never touches media pays: no messages, no timers, no DOM work.
 *
 * The threat model, in short (whole: content/page/guard.ts). This world is the page's: whatever the shim reads from
 * its realm after a page script ran may be the page's, so it reads only what it captured at its start (natives.ts).
 * That start is safe only in a realm no page script reached first. A same-origin parent, opener or sibling can reach
 * a frame's or window's initial about:blank, whose Window and realm are kept for the document it navigates to, and a
 * frame without scripts never runs this shim at all: the shim of the realm that reaches such a realm instruments it
 * first (guard.ts), and a run the browser starts there later stands down (scripts/build.mjs). Every object both
 * worlds touch before the page's first script (the window, the document, events, the door's names after an update)
 * could be a page's in such a realm: the line never crosses one there, and the door's names are secret.
 */
import type { Handlers } from '../../src/messages';
import type { HoldState, ShimApi } from '../../src/page-world';
import { displaySourceId } from '../../src/source-id';
import { type Send, openChannel } from './channel';
import {
  apply, given, isDocumentLoading, linesOf, proto, stackText, streamGetTracks, track as T,
  whenSettled, win, withCallback,
} from './natives';
import { guardReachableRealms } from './guard';
import { heldCapture, heldLegacyCapture, isHoldOn, setHold, setRefusalReporter } from './hold';
import { captureStack, constraintsOf, withoutOwnFrames } from './track-facts';
import { forceStop, pause, snapshot } from './commands';
import { wrapOtherCreators } from './creators';
import { wrapSinks } from './sink-wrappers';
import { entryOf } from './entries';
import { end, noteChanged, record, setSender } from './track-table';
import { disguiseToString, wrapConstructor, wrapMethod, wrapSetter } from './wrap';

type Creator = 'getUserMedia' | 'getDisplayMedia';
let captureCalls = 0;

const tracksOf = (stream: MediaStream) => apply(streamGetTracks, stream, []) as MediaStreamTrack[];

/**
 * Records the tracks of a stream a capture call returned. Never throws: it runs inside the page's promise chain or
 * before the page's own callback, where an exception of ours would be seen by the page.
 */
function recordCapture(
  stream: unknown, creator: Creator, constraints: string | undefined, stack: Error | undefined,
): void {
  try {
    const tracks = tracksOf(stream as MediaStream); // throws for anything but a stream
    const call = ++captureCalls;
    for (let i = 0; i < tracks.length; i++) {
      const track = tracks[i]!;
      // Each display capture is its own source. Device tracks share one per kind and device, which the track table
      // works out when it reports them, off the path between the capture and the page's own code.
      const kind = apply(T.kind, track, []) as string;
      const sourceId = creator === 'getDisplayMedia' ? displaySourceId(call, kind) : undefined;
      record(track, creator, stack, undefined, sourceId, constraints);
    }
  } catch {
    // A track Trackstop failed to record is still the page's to use; the popup cannot list it.
  }
}

/** A wrapper for promise-returning capture calls: the page gets the very promise the native returned. */
function aroundCapture(creator: Creator) {
  const call = (native: (...args: unknown[]) => unknown, self: unknown, args: unknown[], stack: Error | undefined) => {
    const result = apply(native, self, args);
    const constraints = constraintsOf(args[0]);
    // Our reaction is registered first, so the tracks are recorded, and an error made while the wrapper was on the
    // stack loses the wrapper's frames, before the page's own code sees either.
    whenSettled(result, (s) => recordCapture(s, creator, constraints, stack), withoutOwnFrames);
    return result;
  };
  return (native: (...args: unknown[]) => unknown, self: unknown, args: unknown[]) => {
    const stack = captureStack();
    if (!isHoldOn()) return call(native, self, args, stack);
    return heldCapture(creator === 'getDisplayMedia', args, () => call(native, self, args, stack));
  };
}

/** Legacy callback form: `navigator.getUserMedia(constraints, onSuccess, onError)`. */
function aroundLegacyCapture(native: (...args: unknown[]) => unknown, self: unknown, args: unknown[]) {
  const stack = captureStack();
  const withRecording = (onSuccess: (this: unknown, ...args: unknown[]) => unknown) =>
    function (this: unknown, stream: unknown) {
      recordCapture(stream, 'getUserMedia', constraintsOf(args[0]), stack);
      return apply(onSuccess, this, [stream]);
    };
  const call = () => apply(native, self, withCallback(args, 1, withRecording));
  return isHoldOn() ? heldLegacyCapture(args, call) : call();
}

function aroundTrackClone(native: (...args: unknown[]) => unknown, self: unknown, args: unknown[]) {
  const copy = apply(native, self, args) as MediaStreamTrack;
  const parent = entryOf(self) ?? record(self as MediaStreamTrack, 'adopted');
  record(copy, 'clone', captureStack(), parent);
  return copy;
}

function aroundTrackStop(native: (...args: unknown[]) => unknown, self: unknown, args: unknown[]) {
  const result = apply(native, self, args);
  const entry = entryOf(self);
  if (entry) end(entry, 'page');
  return result;
}

function aroundStreamClone(native: (...args: unknown[]) => unknown, self: unknown, args: unknown[]) {
  const copy = apply(native, self, args) as MediaStream;
  const originals = tracksOf(self as MediaStream);
  const copies = tracksOf(copy);
  const stack = captureStack();
  // The spec clones the track set in order, so the i-th copy is the clone of the i-th original.
  for (let i = 0; i < copies.length; i++) {
    const original = originals[i];
    const parent = original && (entryOf(original) ?? record(original, 'adopted'));
    record(copies[i]!, parent ? 'clone' : 'adopted', stack, parent);
  }
  return copy;
}

function adoptStreamTracks(stream: object): void {
  const stack = captureStack();
  const tracks = tracksOf(stream as MediaStream);
  for (let i = 0; i < tracks.length; i++) if (!entryOf(tracks[i])) record(tracks[i]!, 'adopted', stack);
}

/** The relay's commands about tracks and holds, each answered at once on the channel. */
const commands = {
  __proto__: null,
  hold: (state: HoldState) => setHold(state),
  snapshot: (_: unknown, send: Send) => send({ type: 'snapshot', data: snapshot() }),
  stop: ({ ids, dispatchEnded }: { ids: string[]; dispatchEnded: boolean }, send: Send) =>
    send({ type: 'answered', data: { results: forceStop(ids, dispatchEnded) } }),
  pause: ({ ids, isPaused }: { ids: string[]; isPaused: boolean }, send: Send) =>
    send({ type: 'answered', data: { results: pause(ids, isPaused) } }),
} as Pick<Handlers<ShimApi, Send>, 'stop' | 'pause' | 'snapshot' | 'hold'>;

/**
 * Firefox injects declared scripts into open pages when Trackstop is installed or updated. If a shim from before
 * the update still wraps the page's functions, wrapping them again would record every track twice: this one stands
 * down, and the new relay takes over the old shim's channel (content/create-relay.ts; observed, and held to it in
 * test/e2e/update.test.ts, which finds the page's functions the same objects as before). A wrapper shows as extra
 * frames in the stack of the error a native throws for a wrong receiver, compared with a native no shim wraps. (Only in
 * Firefox: in Chromium the wrappers take their frames out of such errors, but Chromium never injects a second shim.)
 */
function isWrappedAlready(): boolean {
  const depth = (native: unknown) => {
    try {
      apply(native as () => void, undefined, []);
    } catch (error) {
      return linesOf(stackText(error as Error)).length;
    }
    return 0;
  };
  return depth(T.clone) > depth(streamGetTracks);
}

function install(): void {
  const send = openChannel(commands);
  setSender(send);
  setRefusalReporter((counts) => send({ type: 'refused', data: counts }));
  disguiseToString();
  wrapMethod(proto('MediaDevices'), 'getUserMedia', aroundCapture('getUserMedia'));
  wrapMethod(proto('MediaDevices'), 'getDisplayMedia', aroundCapture('getDisplayMedia'));
  wrapMethod(proto('Navigator'), 'getUserMedia', aroundLegacyCapture);
  wrapMethod(proto('Navigator'), 'webkitGetUserMedia', aroundLegacyCapture);
  wrapMethod(proto('Navigator'), 'mozGetUserMedia', aroundLegacyCapture);
  wrapMethod(proto('MediaStreamTrack'), 'clone', aroundTrackClone);
  wrapMethod(proto('MediaStreamTrack'), 'stop', aroundTrackStop);
  // Chrome's capture tracks override clone() on their own prototype (https://w3c.github.io/mediacapture-region/).
  wrapMethod(proto('BrowserCaptureMediaStreamTrack'), 'clone', aroundTrackClone);
  wrapSetter(proto('MediaStreamTrack'), 'enabled', (native, self, args) => {
    const result = apply(native, self, args);
    noteChanged(self);
    return result;
  });
  wrapMethod(proto('MediaStream'), 'clone', aroundStreamClone);
  wrapConstructor(win, 'MediaStream', adoptStreamTracks);
  wrapOtherCreators();
  wrapSinks();
  guardReachableRealms();
}

// A run a guardian started (content/page/guard.ts) instruments a realm no shim has touched.
if (given || isDocumentLoading() || !isWrappedAlready()) install();
