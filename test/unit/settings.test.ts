import { describe, expect, it } from 'vitest';
import type { Storage } from 'webextension-polyfill';
import { createSettingsReader } from '../../background/settings';
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

describe('createSettingsReader', () => {
  /** storage.sync holding `settings`, counting reads, and storage.onChanged to tell of a change. */
  function storage(settings: object) {
    let reads = 0;
    const listeners: ((changes: object, area: string) => void)[] = [];
    const sync = { get: async () => { reads++; return { settings }; } } as unknown as Storage.StorageArea;
    const onChanged = { addListener: (l: (typeof listeners)[number]) => listeners.push(l) } as unknown as
      Storage.Static['onChanged'];
    return { sync, onChanged, reads: () => reads, change(next: object) {
      settings = next;
      for (const l of listeners) l({ settings: { newValue: next } }, 'sync');
    } };
  }

  it('gives a stop the person\'s settings as last read, and reads them again after a change', async () => {
    const s = storage({ dispatchEndedOnStop: false });
    const reader = createSettingsReader({ sync: s.sync, onChanged: s.onChanged });
    expect((await reader.readForAction()).settings.dispatchEndedOnStop).toBe(false);
    expect((await reader.readForAction()).settings.dispatchEndedOnStop).toBe(false);
    expect(s.reads()).toBe(1);
    s.change({ dispatchEndedOnStop: true });
    expect((await reader.readForAction()).settings.dispatchEndedOnStop).toBe(true);
    expect(s.reads()).toBe(2);
  });

  it('keeps nothing read before a change that came while it was read, nor anything without change events', async () => {
    const s = storage({ keepEnded: 10 });
    const reader = createSettingsReader({ sync: s.sync, onChanged: s.onChanged });
    const reading = reader.read();
    s.change({ keepEnded: 20 });
    await reading;
    expect((await reader.readForAction()).settings.keepEnded).toBe(20);
    const unwatched = storage({ keepEnded: 10 });
    const plain = createSettingsReader({ sync: unwatched.sync });
    await plain.readForAction();
    await plain.readForAction();
    expect(unwatched.reads()).toBe(2);
  });
});
