/**
 * The service worker (Chromium) or event page (Firefox). Glue only: every listener is registered synchronously at
 * top level so that an event that wakes the worker finds it; the state lives in storage.session via the store.
 */
import { browser } from './platform';
import { type TabId, asFrameId, asTabId } from '../src/model';
import { type ContentApi, INJECTED_MARK, type Message } from '../src/protocol';
import { tabIdsOf, tabView } from '../src/state';
import { createBadges } from './badge';
import { createChannelBook } from './channels';
import { createRouter } from './router';
import { readSettings } from './settings';
import { stopTarget } from './stopper';
import { createStore } from './store';
import { createWatchers } from './watchers';
import { DEFAULT_SETTINGS } from '../src/settings';

const watchers = createWatchers();
/** Kept for the badge, which is drawn on every change; everything else reads the settings when it needs them. */
let settings = DEFAULT_SETTINGS;
const badges = createBadges(browser.action, () => store.state, () => settings);
const store = createStore(browser.storage.session, (before, after) => {
  badges.changed(before, after);
  watchers.notify(before, after);
});
const loadSettings = () => readSettings(browser.storage.local).then((read) => { settings = read; badges.all(); });
browser.storage.onChanged.addListener((changes, area) =>
  { if (area === 'local' && 'settings' in changes) void loadSettings(); });
void loadSettings();

const sendToFrame = (tabId: number, message: unknown, frameId: number) =>
  browser.tabs.sendMessage(tabId, message, { frameId });

const router = createRouter({
  store,
  channels: createChannelBook(browser.storage.local),
  extensionOrigin: browser.runtime.getURL(''),
  async stop(target) {
    await store.ready;
    const { dispatchEndedOnStop } = await readSettings(browser.storage.local);
    const results = await stopTarget(store.state, target, sendToFrame, dispatchEndedOnStop);
    await store.dispatch({ type: 'stopsConfirmed', results });
    return results;
  },
  watch: (port, tabId) => watchers.watch(port, tabId, store.state),
});

browser.runtime.onMessage.addListener(router.onMessage);
browser.runtime.onConnect.addListener(router.onConnect);
browser.tabs.onRemoved.addListener((tabId) => void store.dispatch({ type: 'tabGone', tabId: asTabId(tabId) }));
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
