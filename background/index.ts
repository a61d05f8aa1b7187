/**
 * The service worker (Chromium) or event page (Firefox). Glue only: every listener is registered synchronously at
 * top level so that an event that wakes the worker finds it; the state lives in storage.session via the store.
 */
import { browser } from './platform';
import { type ControlResult, type ControlTarget, type TabId, asFrameId, asTabId } from '../src/model';
import type { Message } from '../src/messages';
import { INJECTED_MARK } from '../src/page-world';
import type { ContentApi } from '../src/protocol';
import { overviewOf } from '../src/overview';
import { tabIdsOf, tabView } from '../src/state';
import { DEFAULT_SETTINGS } from '../src/settings';
import { type SiteRules, autoStopDelayFor, ruleFor, siteOf } from '../src/site-rules';
import { useMessages } from '../src/i18n';
import { createAlerts } from './alerts';
import { createAutoStop } from './auto-stop';
import { createBadges } from './badge';
import { createChannelBook } from './channels';
import { createRouter } from './router';
import { createSettingsReader } from './settings';
import { type Control, controlTarget } from './stopper';
import { createStore } from './store';
import { createWatchers } from './watchers';
import { createShortcuts } from './shortcuts';
import { createHolds } from './holds';

useMessages((key, substitutions) => browser.i18n.getMessage(key, substitutions), browser.i18n.getUILanguage());

/** Kept for what is drawn on every change (badge, overview, auto-stop); stops read them afresh after each change. */
let settings = DEFAULT_SETTINGS;
/** The rules per site in force, kept like `settings`: holds read this copy; alerts read them afresh. */
let siteRules: SiteRules = {};
const settingsReader = createSettingsReader({
  sync: browser.storage.sync, managed: browser.storage.managed, onChanged: browser.storage.onChanged,
});
const watchers = createWatchers((state) => overviewOf(state, Date.now(), settings));
const badges = createBadges(browser.action, () => store.state, () => settings);
const autoStop = createAutoStop({
  alarms: browser.alarms, stateOf: () => store.state,
  delayOf: async (tabId) =>
    autoStopDelayFor(ruleFor(siteRules, siteOf(await topUrlOf(tabId))), settings.autoStopHiddenMs),
  stopDevices: (tabId) => run({ scope: 'devices', tabId }, 'stop'),
});
/** The storage.session key of when each tab and kind was last alerted (background/alerts.ts). */
const ALERTS_TOLD = 'alertsTold';
const alerts = createAlerts({
  // The optional permission's API exists only while it is granted: looked up at each use.
  notifications: {
    create: (id, options) => browser.notifications.create(id, options),
    clear: (id) => browser.notifications.clear(id),
  },
  isOn: async () => (await settingsReader.read()).settings.alertOnBackgroundCapture
    && browser.permissions.contains({ permissions: ['notifications'] }),
  frontTabId,
  tabInfo: (tabId) => browser.tabs.get(tabId).then(
    ({ title, url }) => ({ ...(title && { title }), ...(url && { url }) }), () => undefined),
  siteRules: async () => (await settingsReader.readSiteRules()).rules,
  stop: (tabId) => run({ scope: 'tab', tabId }, 'stop'),
  stopAndHold: (tabId) => holds.hold({ scope: 'tab', tabId }),
  openTabView: (tabId) => browser.windows.create({
    type: 'popup', url: browser.runtime.getURL(`popup.html?tab=${tabId}`), width: 440, height: 640,
  }),
  clock: Date.now,
  told: {
    load: () => browser.storage.session.get(ALERTS_TOLD).then((items) => items[ALERTS_TOLD]),
    save: (told) => browser.storage.session.set({ [ALERTS_TOLD]: told }),
  },
  // Firefox refuses a notification with buttons (it has none); its extension pages are moz-extension: ones.
  hasButtons: !browser.runtime.getURL('').startsWith('moz-extension:'),
  iconUrl: 'icons/48.png',
});
const store = createStore(browser.storage.session, (before, after) => {
  badges.changed(before, after);
  watchers.notify(before, after);
  autoStop.changed(before, after);
  alerts.changed(before, after);
  holds.changed(before, after);
}, { keepEnded: () => settings.keepEnded });
const loadSettings = async () => {
  const [read, rules] = await Promise.all([settingsReader.read(), settingsReader.readSiteRules()]);
  settings = read.settings;
  siteRules = rules.rules;
  badges.all();
  autoStop.all();
  // A site's rule to hold is a gate on that site from now on (background/holds.ts).
  void holds.syncGate();
};
const settingsLoaded = loadSettings();
void settingsReader.readManaged().then(loadSettings);
browser.storage.onChanged.addListener((changes, area) => {
  if (area === 'sync' && ('settings' in changes || 'siteRules' in changes)) void loadSettings();
  if (area === 'managed') void settingsReader.readManaged().then(loadSettings);
});

/** The tab in front: the active tab of the window the person used last. */
async function frontTabId(): Promise<TabId | undefined> {
  return (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id as TabId | undefined;
}

/** The address of the tab's top document (host access lets the background read it); undefined if the tab is gone. */
const topUrlOf = (tabId: TabId) => browser.tabs.get(tabId).then((tab) => tab.url, () => undefined);

const sendToFrame = (tabId: number, message: unknown, frameId: number) =>
  browser.tabs.sendMessage(tabId, message, { frameId });

/** Stops, pauses or resumes what `target` covers, each read back in its page, and records the outcome. */
async function run(target: ControlTarget, action: 'stop' | 'pause' | 'resume'): Promise<ControlResult[]> {
  await store.ready;
  const startedAt = Date.now();
  const { settings: now } = await settingsReader.readForAction();
  const tabIds = target.scope === 'all' ? tabIdsOf(store.state) : [target.tabId];
  if (action === 'resume') alerts.personResumes(tabIds);
  if (action === 'pause') alerts.personPauses(tabIds);
  const control: Control = action === 'stop'
    ? { type: 'stop', dispatchEnded: now.dispatchEndedOnStop } : { type: 'pause', isPaused: action === 'pause' };
  const results = await controlTarget(store.state, target, sendToFrame, control);
  await store.dispatch({ type: 'controlsConfirmed', results, startedAt });
  return results;
}

const holds = createHolds({
  store,
  urlOf: topUrlOf,
  scripting: browser.scripting,
  stop: (target) => run(target, 'stop'),
  ruleHolds: (site) => ruleFor(siteRules, site)?.hold ?? [],
  ruleSites: () => Object.keys(siteRules).filter((site) => siteRules[site]!.hold.length > 0),
});

const router = createRouter({
  store,
  channels: createChannelBook(browser.storage.local),
  extensionOrigin: browser.runtime.getURL(''),
  stop: (target) => run(target, 'stop'),
  pause: (target, isPaused) => run(target, isPaused ? 'pause' : 'resume'),
  watch: (port, tabId) => watchers.watch(port, tabId, store.state),
  watchAll: (port) => watchers.watchAll(port, store.state),
  hold: (target, kinds) => holds.hold(target, kinds),
  release: (tabId) => holds.release(tabId),
  // A worker just woken by a gated page answers with the rules read.
  verdictFor: (from) => settingsLoaded.then(() => holds.verdictFor(from)),
});

const shortcuts = createShortcuts({
  activeTabId: frontTabId,
  stop: (target) => run(target, 'stop'),
  confirm: (tabIds, text, title) => badges.confirm(tabIds, text, title),
  notify: async (title, message) => {
    const isOn = (await settingsReader.read()).settings.notifyOnShortcut;
    // The permission is optional: the options page asks for it when the person turns notifications on.
    if (!isOn || !await browser.permissions.contains({ permissions: ['notifications'] })) return;
    await browser.notifications.create({ type: 'basic', iconUrl: 'icons/48.png', title, message });
  },
});

browser.runtime.onMessage.addListener(router.onMessage);
/** The notifications API exists only while its optional permission is granted: listen now, or once it is granted. */
function listenToNotifications(): void {
  if (!browser.notifications || browser.notifications.onClicked.hasListener(onAlertClicked)) return;
  browser.notifications.onClicked.addListener(onAlertClicked);
  browser.notifications.onButtonClicked?.addListener(onAlertButton);
}
function onAlertClicked(id: string): void { void alerts.onClicked(id); }
function onAlertButton(id: string, index: number): void {
  void store.ready.then(() => alerts.onButtonClicked(id, index));
}
listenToNotifications();
browser.permissions.onAdded.addListener(listenToNotifications);
browser.runtime.onConnect.addListener(router.onConnect);
browser.commands.onCommand.addListener((name, tab) => void store.ready.then(() => shortcuts.run(name, tab?.id)));
browser.alarms.onAlarm.addListener((alarm) =>
  void Promise.all([store.ready, settingsLoaded]).then(() => autoStop.onAlarm(alarm)));
browser.tabs.onRemoved.addListener((tabId) => void store.dispatch({ type: 'tabGone', tabId: asTabId(tabId) }));
// A hold ends when the tab's top document leaves the held site.
browser.tabs.onUpdated.addListener((tabId, change) => {
  if (change.url) void holds.navigated(asTabId(tabId), change.url);
});
// A discarded or prerendered tab swapped in under a new id: the old id's documents, and their tracks, are gone.
browser.tabs.onReplaced?.addListener((_added, removed) =>
  void store.dispatch({ type: 'tabGone', tabId: asTabId(removed) }));

/**
 * After a restart the stored state may be stale: ask every known frame's relay to reconnect and re-report what is
 * live. A frame that cannot be reached is gone; a tab that no longer exists leaves.
 */
async function resync(): Promise<void> {
  await store.ready;
  for (const tabId of tabIdsOf(store.state)) {
    const exists = await browser.tabs.get(tabId).then(() => true, () => false);
    if (!exists) {
      void store.dispatch({ type: 'tabGone', tabId });
      continue;
    }
    for (const frameId of framesOf(tabId)) {
      browser.tabs.sendMessage(tabId, { type: 'resync', data: {} } satisfies Message<ContentApi>, { frameId }).catch(
        () => store.dispatch({ type: 'frameGone', tabId, frameId: asFrameId(frameId) }),
      );
    }
  }
}

/**
 * Chrome does not inject content scripts into tabs that were open when the extension was reloaded or updated. A new
 * relay, injected into every frame, takes over from the orphaned one and re-reports what is live.
 * Pages where scripts cannot run (browser pages, the store) refuse, which is fine. No document says so; observed,
 * and held to it, in test/e2e/update.test.ts.
 */
async function reattachOpenTabs(): Promise<void> {
  for (const tab of await browser.tabs.query({})) {
    if (tab.id === undefined) continue;
    const target = { tabId: tab.id, allFrames: true };
    // The mark tells the relay it came late (content/relay.ts); both run in the extension's isolated world.
    browser.scripting.executeScript({ target, func: markInjected, args: [INJECTED_MARK], injectImmediately: true })
      .then(() => browser.scripting.executeScript({ target, files: ['relay.js'], injectImmediately: true }))
      .catch(() => { /* not scriptable */ });
  }
}
function markInjected(mark: string): void {
  (globalThis as Record<string, unknown>)[mark] = true;
}
// Only after an update (a reload is one): tabs open before a first install have no shim to take over.
browser.runtime.onInstalled.addListener(({ reason }) => { if (reason === 'update') void reattachOpenTabs(); });

function framesOf(tabId: TabId): number[] {
  return [...new Set(tabView(store.state, tabId).live.map((r) => r.frameId))];
}

void resync();
