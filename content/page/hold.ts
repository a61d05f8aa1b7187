/**
 * Stop and hold, in the page. While the relay says a kind of device is held, a request for it is refused the way a
 * denied permission refuses it: a `NotAllowedError` with the browser's own message, through the promise or the
 * legacy error callback, a task later, and the device is never opened. A document of a site the background may hold
 * (a held tab's site and frames, a site's rule) starts *pending*: the relay says so before the page's first script
 * (the gate, background/holds.ts), and a capture request waits for the verdict before it reaches the native.
 *
 * While nothing is held or pending, none of this reads anything of the page: a request goes to the native exactly as
 * before, so an unheld page pays one comparison per request, and a release restores the page's own behaviour.
 * The hold sits in the wrappers on the prototypes, which every caller reaches: a page that replaced
 * `MediaDevices.prototype.getUserMedia` with its own function still calls Trackstop's underneath.
 */
import type { HoldKind } from '../../src/model';
import type { HoldState } from '../../src/page-world';
import { DOMExceptionCtor, PromiseCtor, apply, construct, list, setTimeoutNative, whenSettled } from './natives';

const CAMERA = 1;
const MICROPHONE = 2;
const SCREEN = 4;
const BITS: Record<HoldKind, number> = { camera: CAMERA, microphone: MICROPHONE, screen: SCREEN };

let held = 0;
let message = '';
/** Requests that came while pending, resumed in order when the verdict comes. */
let waiting: Array<() => void> | undefined;
/** Refusals not yet reported, by kind bit; reported at most every REPORT_SPACING_MS. */
let refused = [0, 0, 0];
let isReportScheduled = false;
let report: (counts: Partial<Record<HoldKind, number>>) => void = () => {};

/** A page refused 1,000 times a second costs the relay and the background four messages a second. */
const REPORT_SPACING_MS = 250;

export const setRefusalReporter = (reporter: typeof report) => { report = reporter; };

/** Whether any hold or gate is on: the one thing an unheld page's request asks. */
export const isHoldOn = () => held !== 0 || waiting !== undefined;

/** The relay's word: what is held now, or that the verdict is still to come. */
export function setHold(state: HoldState): void {
  let bits = 0;
  for (let i = 0; i < state.kinds.length; i++) bits |= BITS[state.kinds[i]!];
  held = bits;
  message = state.message;
  if (state.isPending) {
    waiting ??= list();
    return;
  }
  const resumed = waiting;
  waiting = undefined;
  if (resumed) for (let i = 0; i < resumed.length; i++) resumed[i]!();
}

/**
 * What a capture call asks for, as held bits. `getUserMedia` reads the constraints' `audio` and `video` as the native
 * will; a value that is present and not `false` asks for that device.
 */
function bitsOf(isDisplay: boolean, constraints: unknown): number {
  if (isDisplay) return SCREEN;
  if (typeof constraints !== 'object' || constraints === null) return 0;
  const { audio, video } = constraints as { audio?: unknown; video?: unknown };
  const asks = (value: unknown) => value !== undefined && value !== false;
  return (asks(audio) ? MICROPHONE : 0) | (asks(video) ? CAMERA : 0);
}

/** As bitsOf, or 0 where a page's getter throws: the native then reads it too, and rejects as it would have. */
function askedBits(isDisplay: boolean, constraints: unknown): number {
  try {
    return bitsOf(isDisplay, constraints);
  } catch {
    return 0;
  }
}

function refusal(bits: number): DOMException | undefined {
  for (let i = 0; i < 3; i++) if (bits & (1 << i)) refused[i]!++;
  scheduleReport();
  return DOMExceptionCtor && construct(DOMExceptionCtor, [message, 'NotAllowedError']) as DOMException;
}

function scheduleReport(): void {
  if (isReportScheduled) return;
  isReportScheduled = true;
  setTimeoutNative(() => {
    isReportScheduled = false;
    const counts = refused;
    refused = [0, 0, 0];
    report({ camera: counts[0]!, microphone: counts[1]!, screen: counts[2]! });
  }, REPORT_SPACING_MS);
}

/** Whether a request asking for `bits` goes to the native at once: nothing of it is held, and no verdict is awaited. */
const isFree = (bits: number) => !(bits & held) && (!waiting || !bits);

/**
 * Once the verdict is in (now, or when it comes): `refuse` a task later with a denied permission's error if what
 * `bits` asks for is held, else `go`.
 */
function decide(bits: number, go: () => void, refuse: (error: unknown) => void): void {
  const run = () => {
    if (!(bits & held)) return go();
    const error = refusal(bits & held);
    setTimeoutNative(() => refuse(error), 0);
  };
  if (waiting) waiting[waiting.length] = run;
  else run();
}

/** A promise-returning capture call under a hold or a gate: refused, sent on once the verdict comes, or sent now. */
export function heldCapture(isDisplay: boolean, args: unknown[], call: () => unknown): unknown {
  const bits = askedBits(isDisplay, args[0]);
  if (isFree(bits)) return call();
  return new PromiseCtor((resolve, reject) => decide(bits, () => {
    try {
      whenSettled(call(), resolve, reject);
    } catch (error) {
      reject(error);
    }
  }, reject));
}

/** The legacy form, `navigator.getUserMedia(constraints, onSuccess, onError)`: the error goes to the callback. */
export function heldLegacyCapture(args: unknown[], call: () => unknown): unknown {
  const bits = askedBits(false, args[0]);
  if (isFree(bits)) return call();
  const onError = args[2];
  decide(bits, () => void call(), (error) => {
    if (typeof onError === 'function') apply(onError, undefined, [error]);
  });
  return undefined;
}
