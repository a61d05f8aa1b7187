/**
 * The person's settings and their defaults, and the one way to read them from what storage holds: a value of the
 * wrong type or out of range is ignored in favour of the default, never passed on.
 */

export interface Settings {
  /** After a forced stop, dispatch `ended` on the track, as a revoked permission does, so the page's UI notices. */
  dispatchEndedOnStop: boolean;
  /** A live track that feeds nothing for this long is flagged as a leak (src/leaks.ts). */
  leakDelayMs: number;
  /** A camera or microphone in a tab hidden for this long is flagged as a leak; 0 turns the rule off. */
  hiddenLeakMs: number;
}

export const DEFAULT_SETTINGS: Settings = { dispatchEndedOnStop: true, leakDelayMs: 5000, hiddenLeakMs: 0 };

/** A day: more than any leak delay a person means. */
const MAX_DELAY_MS = 86_400_000;

const isDelay = (x: unknown): x is number =>
  typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= MAX_DELAY_MS;

/** The settings in `stored` (the `settings` item of storage), each one that is missing or invalid at its default. */
export function settingsFrom(stored: unknown): Settings {
  const s = typeof stored === 'object' && stored !== null ? (stored as Partial<Record<keyof Settings, unknown>>) : {};
  return {
    dispatchEndedOnStop: typeof s.dispatchEndedOnStop === 'boolean'
      ? s.dispatchEndedOnStop : DEFAULT_SETTINGS.dispatchEndedOnStop,
    leakDelayMs: isDelay(s.leakDelayMs) ? s.leakDelayMs : DEFAULT_SETTINGS.leakDelayMs,
    hiddenLeakMs: isDelay(s.hiddenLeakMs) ? s.hiddenLeakMs : DEFAULT_SETTINGS.hiddenLeakMs,
  };
}
