/**
 * Stop and hold: the background owns the holds, the pages only apply them (content/page/hold.ts). A hold is per tab
 * and per site (the top document's hostname), kept in the state (src/state.ts `holds`, so it outlives the worker),
 * and ends when the person releases it, the tab's top document leaves the site, or the tab closes.
 *
 * The hold must be in place before the first script of the tab's next document, and pages that are not held must not
 * wait for it. So there are two ways in:
 * - into documents that exist: a function run in every frame's isolated world (`scripting.executeScript`) hands the
 *   relay the held kinds, which it passes to its shims at once; a hold is pushed before its stop, so a page that asks
 *   again on `ended` is refused.
 * - into documents to come: the gate (content/gate.ts), registered with `scripting.registerContentScripts` for the
 *   held tabs' sites, their frames' hosts, and the sites a rule holds. It runs before the page's first script and
 *   makes the document pending: its capture requests wait for the verdict (`verdictFor`), which its relay asks for
 *   over its port. Every other site never runs the gate.
 */
import type { Scripting } from 'webextension-polyfill';
import {
  type ControlResult, type ControlTarget, type FrameAddress, type HoldKind, type TabId, trackKey,
} from '../src/model';
import { holdKindOf } from '../src/capture';
import { planControl } from '../src/control-plan';
import { addressOf, originOf } from '../src/origin';
import { HOLD_ENTRY } from '../src/page-world';
import { siteOf as hostOf } from '../src/site-rules';
import type { State } from '../src/state';
import type { Store } from './store';

export interface HoldsDeps {
  store: Store;
  /** The URL of a tab's top document (`tabs.get`), or undefined if the tab is gone. */
  urlOf(tabId: TabId): Promise<string | undefined>;
  scripting: Pick<Scripting.Static, 'executeScript' | 'getRegisteredContentScripts' | 'registerContentScripts'
    | 'updateContentScripts' | 'unregisterContentScripts'>;
  stop(target: ControlTarget): Promise<ControlResult[]>;
  /** What a site's rule always holds (the options page's rules per site). */
  ruleHolds(site: string): HoldKind[];
  /** Every site a rule holds something on. */
  ruleSites(): string[];
}

export const GATE_ID = 'trackstop-gate';

/**
 * The site a hold is bound to: the host of an http(s) page, as a site's rule names it (src/site-rules.ts); for any
 * other, its origin, or where that is opaque (a file, `data:`), the address without query and fragment.
 */
export const siteOf = (url: string | undefined): string | undefined =>
  hostOf(url) ?? originOf(url) ?? (url && URL.canParse(url) ? addressOf(url) : undefined);

/** The match pattern for every page of a host, any scheme the gate can run on, any port. */
const patternOf = (host: string) => (/^[a-z0-9.[\]:-]+$/i.test(host) ? `*://${host}/*` : undefined);

/** Runs in a frame's isolated world: hands the relay what its tab holds. Self-contained (it is serialized). */
function applyHold(entry: string, kinds: HoldKind[]): void {
  const apply = (globalThis as unknown as Record<string, unknown>)[entry];
  if (typeof apply === 'function') apply({ kinds, isPending: false });
}

export function createHolds(deps: HoldsDeps) {
  const { store, scripting } = deps;
  let syncing: Promise<void> = Promise.resolve();
  /** The hosts the gate was last registered for, space-separated. */
  let synced = '';

  /** The kinds of device a stop of `target` ends, by tab. */
  function kindsStopped(state: State, target: ControlTarget): Map<TabId, HoldKind[]> {
    const byTab = new Map<TabId, Set<HoldKind>>();
    for (const plan of planControl(state, target)) {
      for (const id of plan.trackIds) {
        const record = state.tabs[plan.tabId]?.live[trackKey(plan.frameId, id)];
        const kind = record && holdKindOf(record);
        if (!kind) continue;
        const kinds = byTab.get(plan.tabId) ?? new Set();
        byTab.set(plan.tabId, kinds.add(kind));
      }
    }
    return new Map([...byTab].map(([tabId, kinds]) => [tabId, [...kinds]]));
  }

  /** What a tab holds now: its own hold, and its site's rule. */
  const heldIn = (state: State, tabId: TabId, site: string | undefined): HoldKind[] => {
    const hold = state.holds?.[tabId];
    return [...new Set([...hold && hold.site === site ? hold.kinds : [], ...site ? deps.ruleHolds(site) : []])];
  };

  /** Hands every frame of the tab what it holds now; frames without a relay are left out. */
  async function push(tabId: TabId): Promise<void> {
    const site = siteOf(await deps.urlOf(tabId));
    const kinds = heldIn(store.state, tabId, site);
    await scripting.executeScript({
      target: { tabId, allFrames: true }, func: applyHold, args: [HOLD_ENTRY, kinds],
    }).catch(() => { /* a page where scripts cannot run: nothing captures there */ });
  }

  /** The hosts the gate runs on: each held tab's site and its frames' hosts, and every site a rule holds. */
  function gateHosts(state: State): string[] {
    const hosts = new Set(deps.ruleSites());
    for (const [tabId, hold] of Object.entries(state.holds ?? {})) {
      hosts.add(hold.site);
      const tab = state.tabs[tabId];
      for (const record of tab ? [...Object.values(tab.live), ...tab.ended] : []) {
        const host = siteOf(record.origin);
        if (host) hosts.add(host);
      }
    }
    return [...hosts].sort();
  }

  /** Registers the gate for exactly the hosts that need it; one change at a time. */
  function syncGate(): Promise<void> {
    syncing = syncing.then(async () => {
      const hosts = gateHosts(store.state);
      synced = hosts.join(' ');
      const matches = hosts.map(patternOf).filter((p): p is string => !!p);
      const [current] = await scripting.getRegisteredContentScripts({ ids: [GATE_ID] });
      if (!matches.length) {
        if (current) await scripting.unregisterContentScripts({ ids: [GATE_ID] });
        return;
      }
      if (current && JSON.stringify(current.matches) === JSON.stringify(matches)) return;
      const gate: Scripting.RegisteredContentScript = {
        id: GATE_ID, js: ['gate.js'], matches, runAt: 'document_start', allFrames: true, persistAcrossSessions: false,
      };
      if (current) await scripting.updateContentScripts([gate]);
      else await scripting.registerContentScripts([gate]);
    }).catch((error: unknown) => console.error('Trackstop: could not register the gate', error));
    return syncing;
  }

  const hasHolds = (state: State) => !!state.holds && Object.keys(state.holds).length > 0;

  /** A tab that left its held site (its top document committed another) is released. */
  async function releaseIfLeft(tabId: TabId, site: string | undefined): Promise<void> {
    const hold = store.state.holds?.[tabId];
    if (hold && hold.site !== site) await store.dispatch({ type: 'released', tabId });
  }

  return {
    syncGate,
    /** Resolves once every gate registration asked for so far is done (a barrier; it starts none). */
    settled: () => syncing,

    /**
     * Every change of the state (the store's onChange): the gate follows the held tabs, however they went (a release,
     * a navigation, a closed or replaced tab) or grew (a held tab's new frame host). Nothing to do while none is held.
     */
    changed(before: State, after: State): void {
      if (!hasHolds(before) && !hasHolds(after)) return;
      if (gateHosts(after).join(' ') !== synced) void syncGate();
    },

    /**
     * Stop and hold: holds, per tab the target covers, the kinds its stop ends (or `kinds`), in its documents and
     * those to come, then stops. The hold is in every frame before the stop, so a page retrying on `ended` is refused.
     */
    async hold(target: ControlTarget, kinds?: HoldKind[]): Promise<ControlResult[]> {
      await store.ready;
      const stopped = kindsStopped(store.state, target);
      if (kinds && target.scope !== 'all') stopped.set(target.tabId, kinds);
      await Promise.all([...stopped].filter(([, held]) => held.length).map(async ([tabId, held]) => {
        const site = siteOf(await deps.urlOf(tabId));
        if (site === undefined) return;
        await store.dispatch({ type: 'held', tabId, site, kinds: held });
        await push(tabId);
      }));
      await syncGate();
      // Written before the stop: a hold must outlive a worker that stops right after it (storage.session).
      await store.saved();
      return deps.stop(target);
    },

    /** Ends a tab's hold; its pages' requests reach the browser again (a site's rule still applies). */
    async release(tabId: TabId): Promise<void> {
      await store.dispatch({ type: 'released', tabId });
      await push(tabId);
      await syncGate();
      await store.saved();
    },

    /** What a gated document's tab holds, for its relay; a tab whose top document left the held site is released. */
    async verdictFor(from: FrameAddress): Promise<HoldKind[]> {
      await store.ready;
      const site = siteOf(await deps.urlOf(from.tabId));
      await releaseIfLeft(from.tabId, site);
      const ruled = site ? deps.ruleHolds(site) : [];
      // A rule's hold shows in the tab's view like the person's own, with its count of refusals.
      if (site && ruled.some((kind) => !store.state.holds?.[from.tabId]?.kinds.includes(kind))) {
        await store.dispatch({ type: 'held', tabId: from.tabId, site, kinds: ruled });
      }
      return heldIn(store.state, from.tabId, site);
    },

    /** The tab's top document committed `url`: a hold on another site ends. */
    async navigated(tabId: TabId, url: string): Promise<void> {
      await store.ready;
      await releaseIfLeft(tabId, siteOf(url));
    },
  };
}

export type Holds = ReturnType<typeof createHolds>;
