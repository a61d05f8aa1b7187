/**
 * The settings in force, the person's (`storage.sync`) under an administrator's (`storage.managed`), read afresh on
 * demand. Chromium answers the first read of managed storage only once its policy loader has settled, seconds after
 * the browser starts, so the administrator's values are kept as last read and never hold up the person's own.
 * Defaults and checks are in src/settings.ts, shared with the extension pages.
 */
import type { Storage } from 'webextension-polyfill';
import { type EffectiveSettings, effectiveSettings } from '../src/settings';

export interface SettingsAreas {
  sync: Storage.StorageArea;
  /** Absent where the browser has none; its `get` rejects where no policy was ever set (Firefox). */
  managed?: Storage.StorageArea;
}

export function createSettingsReader({ sync, managed }: SettingsAreas) {
  let enforced: unknown = {};
  let reading: Promise<void> = Promise.resolve();
  const readManaged = () => (reading = (async () => {
    enforced = managed ? await managed.get().catch(() => ({})) : {};
  })());
  return {
    /** Reads the administrator's values (again); resolves once they are read. */
    readManaged,
    /** The settings as last read, without waiting for the administrator's: for what is drawn on every change. */
    async read(): Promise<EffectiveSettings> {
      const own = await sync.get('settings').then(({ settings }) => settings, () => undefined);
      return effectiveSettings(own, enforced);
    },
    /** The settings with the administrator's read: for acting on them (a stop), which may wait for that read. */
    async readForAction(): Promise<EffectiveSettings> {
      await reading;
      return this.read();
    },
  };
}
