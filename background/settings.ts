/**
 * The settings in force, the person's (`storage.sync`) under an administrator's (`storage.managed`), read afresh on
 * demand. Chromium answers a read of managed storage only once its policy loader has settled, seconds after the
 * browser starts, and a read made by a worker that started before then may never be answered (seen in
 * test/e2e/hidden.test.ts): the administrator's values are kept as last read, asked for again until the browser
 * answers, and never hold up the person's own for long.
 *
 * Given the storage's change events, a stop does not ask for the person's settings again while nothing changed since
 * the last read: each read is a round trip through the browser process, which a page that floods keeps busy (up to
 * 137 ms of a 274 ms stop in test/bench/flood.test.ts).
 */
import type { Storage } from 'webextension-polyfill';
import { type EffectiveSettings, effectiveSettings } from '../src/settings';
import { type EffectiveSiteRules, effectiveSiteRules } from '../src/site-rules';

export interface SettingsAreas {
  sync: Storage.StorageArea;
  /** Absent where the browser has none; its `get` rejects where no policy was ever set (Firefox). */
  managed?: Storage.StorageArea;
  /** `storage.onChanged`: the person's settings, as last read, are kept until it says they changed. */
  onChanged?: Storage.Static['onChanged'];
}

/** How long one read of managed storage may take before it is asked again, and how many times. */
const MANAGED_WAIT_MS = 2000;
const MANAGED_TRIES = 10;

const after = (ms: number) => new Promise<undefined>((resolve) => setTimeout(resolve, ms, undefined));

export function createSettingsReader({ sync, managed, onChanged }: SettingsAreas) {
  let enforced: unknown = {};
  let reading: Promise<void> = Promise.resolve();
  /** The person's settings as last read, while no change came since that read began; only with `onChanged`. */
  let own: { value: unknown } | undefined;
  /** Counts the person's changes, so that a read that began before one is not kept. */
  let changes = 0;
  onChanged?.addListener((changed, area) => {
    if (area === 'sync' && 'settings' in changed) {
      changes++;
      own = undefined;
    }
  });
  async function askManaged(): Promise<void> {
    if (!managed) return;
    for (let i = 0; i < MANAGED_TRIES; i++) {
      const answer = await Promise.race([managed.get().catch(() => ({})), after(MANAGED_WAIT_MS)]);
      if (answer !== undefined) {
        enforced = answer;
        return;
      }
    }
  }
  const read = async (): Promise<EffectiveSettings> => {
    const began = changes;
    const value = await sync.get('settings').then(({ settings }) => {
      if (onChanged && began === changes) own = { value: settings };
      return settings;
    }, () => undefined);
    return effectiveSettings(value, enforced);
  };
  const enforcedSiteRules = () => (enforced as { siteRules?: unknown }).siteRules;
  return {
    /** Reads the administrator's values (again); resolves once they are read, or the browser never answered. */
    readManaged: () => (reading = askManaged()),
    /** The settings as last read, without waiting for the administrator's: for what is drawn on every change. */
    read,
    /**
     * The settings with the administrator's, waiting a moment for a read under way: for acting on them (a stop).
     */
    async readForAction(): Promise<EffectiveSettings> {
      await Promise.race([reading, after(MANAGED_WAIT_MS)]);
      return own ? effectiveSettings(own.value, enforced) : read();
    },
    /**
     * The rules per site in force (src/site-rules.ts), the administrator's as last read, and the sites they lock.
     */
    async readSiteRules(): Promise<EffectiveSiteRules> {
      const own = await sync.get('siteRules').then(({ siteRules }) => siteRules, () => undefined);
      return effectiveSiteRules(own, enforcedSiteRules());
    },
  };
}
