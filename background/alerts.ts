/**
 * Alerts (off by default): a system notification when a tab that is not in front starts a camera, microphone or
 * screen capture, or turns back on a track the person paused (src/capture-starts.ts says what a change started).
 * At most one per tab and kind a minute; none for a site whose rule says never. Where notifications have buttons
 * (Chromium): Stop, and Stop and hold; a click on the notification itself opens Trackstop's view of the tab (Firefox's
 * notifications have no buttons: the click is the way there, to both). "Don't alert for this site" is a site's rule
 * (the options page). A notification's
 * id carries its tab and site, so that a click after the worker restarted still finds them.
 */
import type { Notifications } from 'webextension-polyfill';
import type { HoldKind, TabId } from '../src/model';
import { type CaptureStart, type StartHow, captureStartsOf } from '../src/capture-starts';
import type { State } from '../src/state';
import { type SiteRules, ruleFor, siteOf } from '../src/site-rules';
import { kindText } from '../src/format';
import { listText, t } from '../src/i18n';

/** One notification per tab and kind within this long. */
export const ALERT_EVERY_MS = 60_000;
/**
 * A resume within this long of the person's own Resume in that tab is theirs, not the page's: the page's report of
 * it may arrive before or after the confirmation, and a frame has 5 s to answer (background/stopper.ts).
 */
const OWN_RESUME_MS = 10_000;
const ID_PREFIX = 'trackstop-alert';

export interface AlertDeps {
  notifications: {
    create(id: string, options: Notifications.CreateNotificationOptions): Promise<unknown>;
    clear(id: string): Promise<unknown>;
  };
  /** Whether the person turned alerts on, and the browser lets the extension notify (an optional permission). */
  isOn(): Promise<boolean>;
  frontTabId(): Promise<TabId | undefined>;
  tabInfo(tabId: TabId): Promise<{ title?: string; url?: string } | undefined>;
  siteRules(): Promise<SiteRules>;
  stop(tabId: TabId): Promise<unknown>;
  /** Stops the tab's capture and holds what it stopped (background/holds.ts). */
  stopAndHold(tabId: TabId): Promise<unknown>;
  openTabView(tabId: TabId): Promise<unknown>;
  clock: () => number;
  /** Where the times of the last alerts are kept across restarts of the worker. */
  told?: ToldTimes;
  /** Whether the browser's notifications take buttons (Chromium's do, Firefox's do not). */
  hasButtons: boolean;
  iconUrl: string;
}

/** Where the gate keeps when each tab and kind was last told: storage.session, since the worker dies meanwhile. */
export interface ToldTimes {
  load(): Promise<unknown>;
  save(told: Record<string, number>): Promise<unknown>;
}

/**
 * Which of a tab's kinds may be told now: those not told within `everyMs`. Taking them reserves them at once (two
 * starts in one moment make one alert); `release` gives them back when no alert was shown after all. The times are
 * kept (`ToldTimes`) so that a restarted worker does not tell again what its predecessor told a moment ago.
 */
export function createAlertGate(clock: () => number, kept?: ToldTimes, everyMs = ALERT_EVERY_MS) {
  let told = new Map<string, number>();
  const loaded = (kept?.load() ?? Promise.resolve(undefined)).then((stored) => {
    for (const [key, at] of Object.entries(typeof stored === 'object' && stored !== null ? stored : {})) {
      if (typeof at === 'number' && !told.has(key)) told.set(key, at);
    }
  }, () => {});
  const keyOf = (tabId: TabId, kind: HoldKind) => `${tabId}/${kind}`;
  const save = () => {
    const now = clock();
    told = new Map([...told].filter(([, at]) => now - at < everyMs));
    void kept?.save(Object.fromEntries(told)).catch(() => {});
  };
  return {
    /**
     * Reserves the free kinds as told `at` (by default now); `release` gives back only a reservation made at that
     * same `at`, so the caller passes the time it will release with, whatever time passed in between.
     */
    async take(tabId: TabId, kinds: readonly HoldKind[], at = clock()): Promise<HoldKind[]> {
      await loaded;
      const free = kinds.filter((k) => at - (told.get(keyOf(tabId, k)) ?? -Infinity) >= everyMs);
      for (const k of free) told.set(keyOf(tabId, k), at);
      if (free.length) save();
      return free;
    },
    release(tabId: TabId, kinds: readonly HoldKind[], at: number): void {
      for (const k of kinds) if (told.get(keyOf(tabId, k)) === at) told.delete(keyOf(tabId, k));
      save();
    },
  };
}

/**
 * What a notification's id carries, and how it is spelled: `trackstop-alert|<tab>|<site>|<how>|<kinds>|<time>`. The
 * time keeps ids apart (a second alert must not replace the first); how and the kinds say what it was about.
 */
export const alertIdOf = (tabId: TabId, site: string | undefined, how: StartHow, kinds: readonly HoldKind[],
  at: number) => [ID_PREFIX, tabId, site ?? '', how, kinds.join('+'), at].join('|');
export function parseAlertId(id: string): { tabId: TabId; site?: string } | undefined {
  const [prefix, tab, site] = id.split('|');
  if (prefix !== ID_PREFIX || !tab || !/^\d+$/.test(tab)) return undefined;
  return { tabId: Number(tab) as TabId, ...(site && { site }) };
}

/** The tab's name in a notification: its title, else its site, else its address. */
const nameOf = (info: { title?: string; url?: string }, site: string | undefined) =>
  info.title?.trim() || site || info.url || t('alertUnknownTab');

export function createAlerts(deps: AlertDeps) {
  const gate = createAlertGate(deps.clock, deps.told);
  const ownResumes = new Map<TabId, number>();

  /** `front`: the tab in front when the start was seen, asked at once (the person may switch tabs meanwhile). */
  async function alert({ tabId, how, kinds: started }: CaptureStart, front: Promise<TabId | undefined>): Promise<void> {
    const at = deps.clock();
    if (how === 'resumed' && at - (ownResumes.get(tabId) ?? -Infinity) < OWN_RESUME_MS) return;
    const kinds = await gate.take(tabId, started, at);
    if (!kinds.length) return;
    const shown = await front !== tabId && await show(tabId, how, kinds, at).catch(() => false);
    if (!shown) gate.release(tabId, kinds, at);
  }

  async function show(tabId: TabId, how: CaptureStart['how'], kinds: HoldKind[], at: number): Promise<boolean> {
    if (!await deps.isOn()) return false;
    const info = await deps.tabInfo(tabId);
    if (!info) return false;
    const site = siteOf(info.url);
    if (ruleFor(await deps.siteRules(), site)?.neverAlert) return false;
    const name = nameOf(info, site);
    const what = listText(kinds.map(kindText));
    const options: Notifications.CreateNotificationOptions = {
      type: 'basic', iconUrl: deps.iconUrl,
      title: how === 'started' ? t('alertStartedTitle', name) : t('alertResumedTitle', name),
      message: how === 'started' ? t('alertStartedMessage', what) : t('alertResumedMessage', what),
    };
    if (deps.hasButtons) {
      (options as { buttons?: { title: string }[] }).buttons = [{ title: t('alertStop') }, { title: t('stopAndHold') }];
    }
    await deps.notifications.create(alertIdOf(tabId, site, how, kinds, at), options);
    return true;
  }

  return {
    /** From the store's change callback: alerts for what the change started. */
    changed(before: State, after: State): void {
      const starts = captureStartsOf(before, after);
      if (!starts.length) return;
      const front = deps.frontTabId().catch(() => undefined);
      for (const start of starts) void alert(start, front);
    },
    /** Before the person's own Resume in these tabs is carried out: it is no page taking a track back. */
    personResumes(tabIds: readonly TabId[]): void {
      for (const tabId of tabIds) ownResumes.set(tabId, deps.clock());
    },
    /** Before the person's own Pause: what is turned back on after it is the page's doing again. */
    personPauses(tabIds: readonly TabId[]): void {
      for (const tabId of tabIds) ownResumes.delete(tabId);
    },
    /** Listener for `notifications.onButtonClicked` (Chromium): 0 stops the tab, 1 stops and holds it. */
    async onButtonClicked(id: string, index: number): Promise<void> {
      const alerted = parseAlertId(id);
      if (!alerted) return;
      await deps.notifications.clear(id);
      if (index === 0) await deps.stop(alerted.tabId);
      if (index === 1) await deps.stopAndHold(alerted.tabId);
    },
    /** Listener for `notifications.onClicked`: opens Trackstop's view of the tab. */
    async onClicked(id: string): Promise<void> {
      const alerted = parseAlertId(id);
      if (!alerted) return;
      await deps.notifications.clear(id);
      await deps.openTabView(alerted.tabId);
    },
  };
}
