/**
 * Reads the person's settings from `storage.local` on demand: the worker keeps no copy. Defaults and checks are in
 * src/settings.ts, shared with the extension pages.
 */
import type { Storage } from 'webextension-polyfill';
import { type Settings, settingsFrom } from '../src/settings';

export async function readSettings(area: Storage.StorageArea): Promise<Settings> {
  const { settings } = await area.get('settings').catch(() => ({ settings: undefined }));
  return settingsFrom(settings);
}
