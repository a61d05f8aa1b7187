/**
 * The person's settings, their defaults and limits, and the one way to read them from what storage holds: a value of
 * the wrong type or out of range is ignored in favour of the default, never passed on. The person's own values live
 * in `storage.sync` (the `settings` item); an administrator's, in `storage.managed` (one key per setting, see
 * background/managed-schema.json), win over them and are shown locked.
 */

export interface Settings {
  /** After a forced stop, dispatch `ended` on the track, as a revoked permission does, so the page's UI notices. */
  dispatchEndedOnStop: boolean;
  /** A live track that feeds nothing for this long is flagged as a leak (src/leaks.ts). */
  leakDelayMs: number;
  /** A camera or microphone in a tab hidden for this long is flagged as a leak; 0 turns the rule off. */
  hiddenLeakMs: number;
  /** How many recently ended tracks each tab shows (and its report holds), at most `MAX_KEPT_ENDED`. */
  keepEnded: number;
  /** Stops the camera and microphone tracks of a tab hidden for this long; 0 turns it off. */
  autoStopHiddenMs: number;
  /** After a keyboard shortcut's stop, also say so in a system notification (besides the badge). */
  notifyOnShortcut: boolean;
  /**
   * A system notification when a tab that is not in front starts a camera, microphone or screen capture, or resumes
   * a track the person paused (background/alerts.ts).
   */
  alertOnBackgroundCapture: boolean;
}

export type SettingName = keyof Settings;

/** The most ended tracks the background keeps per tab (src/state.ts keeps exactly this many). */
export const MAX_KEPT_ENDED = 200;

export const DEFAULT_SETTINGS: Settings = {
  dispatchEndedOnStop: true, leakDelayMs: 5000, hiddenLeakMs: 0, keepEnded: 50, autoStopHiddenMs: 0,
  notifyOnShortcut: false, alertOnBackgroundCapture: false,
};

/** A day: more than any delay a person means. */
export const MAX_DELAY_MS = 86_400_000;

const isDelay = (x: unknown): x is number =>
  typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= MAX_DELAY_MS;
const isBoolean = (x: unknown): x is boolean => typeof x === 'boolean';

const IS_VALID: { [K in SettingName]: (x: unknown) => boolean } = {
  dispatchEndedOnStop: isBoolean,
  leakDelayMs: isDelay,
  hiddenLeakMs: isDelay,
  keepEnded: (x) => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= MAX_KEPT_ENDED,
  autoStopHiddenMs: isDelay,
  notifyOnShortcut: isBoolean,
  alertOnBackgroundCapture: isBoolean,
};

export const SETTING_NAMES = Object.keys(IS_VALID) as SettingName[];

const recordOf = (x: unknown): Record<string, unknown> =>
  (typeof x === 'object' && x !== null && !Array.isArray(x) ? x as Record<string, unknown> : {});

/** The valid settings in `stored`, by name; anything else is left out. */
function validIn(stored: unknown): Partial<Settings> {
  const s = recordOf(stored);
  const valid: Record<string, unknown> = {};
  for (const name of SETTING_NAMES) if (IS_VALID[name](s[name])) valid[name] = s[name];
  return valid as Partial<Settings>;
}

/** The settings in `stored` (the `settings` item of storage), each one that is missing or invalid at its default. */
export const settingsFrom = (stored: unknown): Settings => ({ ...DEFAULT_SETTINGS, ...validIn(stored) });

/** The settings in force, and which of them an administrator set (the person cannot change those). */
export interface EffectiveSettings {
  settings: Settings;
  locked: SettingName[];
}

/** The person's settings (`synced`) overridden by an administrator's (`managed`, one key per setting). */
export function effectiveSettings(synced: unknown, managed: unknown): EffectiveSettings {
  const enforced = validIn(managed);
  return {
    settings: { ...settingsFrom(synced), ...enforced },
    locked: SETTING_NAMES.filter((name) => name in enforced),
  };
}
