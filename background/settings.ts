/**
 * Reads the settings in force on demand, the person's (`storage.sync`) under an administrator's (`storage.managed`):
 * the worker keeps no copy it depends on. Defaults and checks are in src/settings.ts, shared with the extension pages.
 */
import type { Storage } from 'webextension-polyfill';
import { type EffectiveSettings, effectiveSettings } from '../src/settings';

export interface SettingsAreas {
  sync: Storage.StorageArea;
  /** Absent where the browser has none; its `get` rejects where no policy was ever set (Firefox). */
  managed?: Storage.StorageArea;
}

export async function readSettings({ sync, managed }: SettingsAreas): Promise<EffectiveSettings> {
  const [own, enforced] = await Promise.all([
    sync.get('settings').then(({ settings }) => settings, () => undefined),
    managed ? managed.get(null).catch(() => ({})) : {},
  ]);
  return effectiveSettings(own, enforced);
}
