/**
 * The person's settings, in `storage.local`, with their defaults. Read on demand: the worker keeps no copy.
 */
import type { Storage } from 'webextension-polyfill';

export interface Settings {
  /** After a forced stop, dispatch `ended` on the track, as a revoked permission does, so the page's UI notices. */
  dispatchEndedOnStop: boolean;
}

export const DEFAULT_SETTINGS: Settings = { dispatchEndedOnStop: true };

export async function readSettings(area: Storage.StorageArea): Promise<Settings> {
  const { settings } = await area.get('settings').catch(() => ({ settings: undefined }));
  const stored = typeof settings === 'object' && settings !== null ? (settings as Partial<Settings>) : {};
  return {
    dispatchEndedOnStop: typeof stored.dispatchEndedOnStop === 'boolean'
      ? stored.dispatchEndedOnStop : DEFAULT_SETTINGS.dispatchEndedOnStop,
  };
}
