/**
 * Reading facts about a track for a report: settings, the creation stack without the shim's own frames, and the
 * requested constraints as capped JSON. Each is defensive: a page's odd arguments never make the shim throw.
 */
import type { TrackSettings } from '../src/model';
import { LIMITS } from '../src/page-world';
import { ErrorCtor, apply, stringify, track as T } from './natives';

const SETTING_KEYS = ['deviceId', 'groupId', 'width', 'height', 'frameRate', 'displaySurface'] as const;

export function settingsOf(track: MediaStreamTrack): TrackSettings {
  const settings: TrackSettings = {};
  try {
    const all = apply(T.getSettings, track, []) as Record<string, unknown>;
    for (const key of SETTING_KEYS) {
      const value = all[key];
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
export const captureStack = (): Error | undefined => (stacksThisBatch++ < MAX_STACKS_PER_BATCH ? new ErrorCtor() : undefined);

/** The URL of the shim's own script, so its frames can be cut from stacks. Read at first use: it costs a stack. */
let ownFile: string | undefined | null = null;
function ownFileOf(): string | undefined {
  if (ownFile === null) {
    const match = /((?:[a-z-]+):\/\/[^\s)]+?):\d+:\d+/.exec(String(new ErrorCtor().stack).split('\n').slice(1).join('\n'));
    ownFile = match?.[1];
  }
  return ownFile;
}

export function stackOf(error: Error, max: number): string {
  const lines = String(error.stack ?? '').split('\n');
  const own = ownFileOf();
  const kept = lines.filter((line, i) => (i > 0 || !/^Error\b/.test(line)) && line && !(own && line.includes(own)));
  return kept.join('\n').slice(0, max);
}

/** What the page asked for, as JSON, or a note that it could not be read. */
export function constraintsOf(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  try {
    return String(stringify(value)).slice(0, LIMITS.constraints);
  } catch {
    return '(unreadable)';
  }
}
