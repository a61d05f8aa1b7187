/**
 * The settings in force, the person's (`storage.sync`) under an administrator's (`storage.managed`), read afresh on
 * demand. Chromium answers a read of managed storage only once its policy loader has settled, seconds after the
 * browser starts, and a read made by a worker that started before then may never be answered (seen in
 * test/e2e/hidden.test.ts): the administrator's values are kept as last read, asked for again until the browser
 * answers, and never hold up the person's own for long.
 */
import type { Storage } from 'webextension-polyfill';
import { type EffectiveSettings, effectiveSettings } from '../src/settings';
import {
  EMPTY_RULE, type EffectiveSiteRules, type SiteRule, effectiveSiteRules, siteRulesFrom, storedRule, storedRules,
} from '../src/site-rules';

export interface SettingsAreas {
  sync: Storage.StorageArea;
  /** Absent where the browser has none; its `get` rejects where no policy was ever set (Firefox). */
  managed?: Storage.StorageArea;
}

/** How long one read of managed storage may take before it is asked again, and how many times. */
const MANAGED_WAIT_MS = 2000;
const MANAGED_TRIES = 10;

const after = (ms: number) => new Promise<undefined>((resolve) => setTimeout(resolve, ms, undefined));

export function createSettingsReader({ sync, managed }: SettingsAreas) {
  let enforced: unknown = {};
  let reading: Promise<void> = Promise.resolve();
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
    const own = await sync.get('settings').then(({ settings }) => settings, () => undefined);
    return effectiveSettings(own, enforced);
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
      return read();
    },
    /**
     * The rules per site in force (src/site-rules.ts), the administrator's as last read, and the sites they lock.
     * Holds take `heldBySiteRule(rules, tab.url)` of it.
     */
    async readSiteRules(): Promise<EffectiveSiteRules> {
      const own = await sync.get('siteRules').then(({ siteRules }) => siteRules, () => undefined);
      return effectiveSiteRules(own, enforcedSiteRules());
    },
    /** Changes the person's own rule for `site` (not one an administrator set; that one wins anyway). */
    async changeSiteRule(site: string, change: (rule: SiteRule) => SiteRule): Promise<void> {
      const { siteRules } = await sync.get('siteRules');
      const own = siteRulesFrom(siteRules);
      const next = change(own[site] ?? EMPTY_RULE);
      await sync.set({ siteRules: { ...storedRules(own), [site]: storedRule(next) } });
    },
  };
}
