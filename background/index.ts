/**
 * The service worker (Chromium) or event page (Firefox). Glue only: every listener is registered synchronously at
 * top level so that an event that wakes the worker finds it; the state lives in storage.session via the store.
 */
import browser from 'webextension-polyfill';
import { type TabId, asFrameId, asTabId } from '../src/model';
import { tabIdsOf, tabView } from '../src/state';
import { updateBadges } from './badge';
import { createRouter } from './router';
import { readSettings } from './settings';
import { stopTarget } from './stopper';
import { createStore } from './store';
import { createWatchers } from './watchers';

const watchers = createWatchers();
const store = createStore(browser.storage.session, (before, after) => {
  updateBadges(browser.action, before, after);
  watchers.notify(before, after);
});

const sendToFrame = (tabId: number, message: unknown, frameId: number) =>
  browser.tabs.sendMessage(tabId, message, { frameId });

const router = createRouter({
  store,
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
browser.tabs.onReplaced?.addListener((_added, removed) => void store.dispatch({ type: 'tabGone', tabId: asTabId(removed) }));

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
      browser.tabs.sendMessage(tabId, { type: 'resync', data: {} }, { frameId }).catch(
        () => store.dispatch({ type: 'frameGone', tabId, frameId: asFrameId(frameId) }),
      );
    }
  }
}

function framesOf(tabId: TabId): number[] {
  return [...new Set(tabView(store.state, tabId).live.map((r) => r.frameId))];
}

void resync();
