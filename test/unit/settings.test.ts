import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, MAX_KEPT_ENDED, effectiveSettings, settingsFrom } from '../../src/settings';

describe('settingsFrom', () => {
  it.each([
    [undefined, DEFAULT_SETTINGS],
    ['junk', DEFAULT_SETTINGS],
    [[1, 2], DEFAULT_SETTINGS],
    [{ leakDelayMs: 2000 }, { ...DEFAULT_SETTINGS, leakDelayMs: 2000 }],
    [{ leakDelayMs: -1, hiddenLeakMs: 1.5, dispatchEndedOnStop: 'no' }, DEFAULT_SETTINGS],
    [{ hiddenLeakMs: 60_000, dispatchEndedOnStop: false }, { ...DEFAULT_SETTINGS, hiddenLeakMs: 60_000,
      dispatchEndedOnStop: false }],
    [{ keepEnded: 10, autoStopHiddenMs: 60_000, notifyOnShortcut: true },
      { ...DEFAULT_SETTINGS, keepEnded: 10, autoStopHiddenMs: 60_000, notifyOnShortcut: true }],
    [{ keepEnded: MAX_KEPT_ENDED + 1, autoStopHiddenMs: -1, notifyOnShortcut: 'yes' }, DEFAULT_SETTINGS],
    [{ alertOnBackgroundCapture: true }, { ...DEFAULT_SETTINGS, alertOnBackgroundCapture: true }],
    [{ alertOnBackgroundCapture: 1 }, DEFAULT_SETTINGS],
  ])('reads %j as %j', (stored, expected) => {
    expect(settingsFrom(stored)).toEqual(expected);
  });
});

it('keeps alerts off until the person turns them on', () => {
  expect(DEFAULT_SETTINGS.alertOnBackgroundCapture).toBe(false);
});

describe('effectiveSettings', () => {
  it('lets an administrator\'s valid values win, and locks exactly those', () => {
    const read = effectiveSettings({ dispatchEndedOnStop: true, leakDelayMs: 1000 },
      { dispatchEndedOnStop: false, keepEnded: 'many', unknown: 1 });
    expect(read.settings).toEqual({ ...DEFAULT_SETTINGS, dispatchEndedOnStop: false, leakDelayMs: 1000 });
    expect(read.locked).toEqual(['dispatchEndedOnStop']);
  });

  it('locks nothing without a policy', () => {
    expect(effectiveSettings(undefined, {})).toEqual({ settings: DEFAULT_SETTINGS, locked: [] });
  });
});
