/**
 * Reading facts about a track for a report: settings, the creation stack without the shim's own frames, and the
 * requested constraints as capped JSON. Each is defensive: a page's odd arguments never make the shim throw.
 */
import type { TrackSettings } from '../../src/model';
import { LIMITS } from '../../src/page-world';
import {
  ErrorCtor, apply, bare, getOwnPropertyDescriptor, hasOwn, indexOf, linesOf, regExpExec, slice, stackText, stringify,
  track as T,
} from './natives';

const SETTING_KEYS = ['deviceId', 'groupId', 'width', 'height', 'frameRate', 'displaySurface'] as const;

export function settingsOf(track: MediaStreamTrack): TrackSettings {
  const settings: TrackSettings = bare({});
  try {
    const all = apply(T.getSettings, track, []) as Record<string, unknown>;
    for (let i = 0; i < SETTING_KEYS.length; i++) {
      const key = SETTING_KEYS[i]!;
      const value = hasOwn(all, key) ? all[key] : undefined;
      if (typeof value === 'string' || typeof value === 'number') (settings as Record<string, unknown>)[key] = value;
    }
  } catch {
    // A track from an engine without getSettings() still gets reported, with no settings.
  }
  return settings;
}

/**
 * Stacks are captured for at most this many tracks per batch. Capturing one costs more than a track clone itself
 * (measured in Chromium: +12% on a clone()+stop() loop), and a page that makes more tracks than this between two
 * batches is churning them; the first ones show where the churn comes from.
 */
const MAX_STACKS_PER_BATCH = 32;
let stacksThisBatch = 0;

/** Called when a batch is reported. */
export const resetStackBudget = () => { stacksThisBatch = 0; };

/** The stack where the page called a creator, or undefined past the per-task budget. Formatted only if reported. */
export const captureStack = (): Error | undefined =>
  (stacksThisBatch++ < MAX_STACKS_PER_BATCH ? new ErrorCtor() : undefined);

/** The URL of the shim's own script, so its frames can be cut from stacks. Read at first use: it costs a stack. */
let ownFile: string | undefined | null = null;
const SCRIPT_URL = /((?:[a-z-]+):\/\/[^\s)]+?):\d+:\d+/;
const ERROR_HEADER = /^Error\b/;
function ownFileOf(): string | undefined {
  if (ownFile === null) {
    // The first line is V8's "Error" header or, in Firefox, this very function's frame: the caller's names the file.
    const text = stackText(new ErrorCtor());
    const match = apply(regExpExec, SCRIPT_URL, [slice(text, indexOf(text, '\n') + 1)]) as RegExpExecArray | null;
    ownFile = match ? match[1] : undefined;
  }
  return ownFile;
}

/** The lines of a stack without the shim's own frames, and without the first line if `isHeaderDropped`. */
function withoutOwnLines(text: string, isHeaderDropped: boolean): string {
  const lines = linesOf(text);
  const own = ownFileOf();
  let kept = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if ((i === 0 && isHeaderDropped) || (i > 0 && !line) || (own && indexOf(line, own) >= 0)) continue;
    kept = i > 0 && kept ? `${kept}\n${line}` : line;
  }
  return kept;
}

export function stackOf(error: Error, max: number): string {
  const text = stackText(error);
  return slice(withoutOwnLines(text, !!apply(regExpExec, ERROR_HEADER, [text])), 0, max);
}

/**
 * Takes the wrapper's own frames out of an error thrown through it, so that a page reading the stack of, say, a
 * wrong-receiver TypeError sees what it would see without Trackstop. V8 only: there `stack` is an own accessor of
 * the error, whose setter keeps it so. (Firefox keeps `stack` on Error.prototype, where setting it would add an own
 * property a page could see; there the frames stay, and the Firefox update path relies on them, content/page/shim.ts.)
 * A page that installed `Error.prepareStackTrace` would see this read; its errors are left alone.
 */
export function withoutOwnFrames(error: unknown): unknown {
  try {
    if (typeof error !== 'object' || error === null) return error;
    if (getOwnPropertyDescriptor(ErrorCtor, 'prepareStackTrace')) return error;
    const stack = getOwnPropertyDescriptor(error, 'stack');
    if (!stack?.get || !stack.set) return error;
    const text = apply(stack.get, error, []);
    const own = ownFileOf();
    if (typeof text !== 'string' || !own || indexOf(text, own) < 0) return error;
    apply(stack.set, error, [withoutOwnLines(text, false)]);
  } catch {
    // A stack the shim cannot read is one it leaves as it is.
  }
  return error;
}

/** What the page asked for, as JSON, or a note that it could not be read. */
export function constraintsOf(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  try {
    return slice(`${stringify(value)}`, 0, LIMITS.constraints);
  } catch {
    return '(unreadable)';
  }
}
