/**
 * Pages that live on outside the tab's current page (Chromium): restored from the back/forward cache, shown after
 * prerendering, or thrown away with a discarded tab. Each time the popup must list exactly what the shown page
 * holds live, and a stop must still end it in the page.
 * Where the driver can: the back/forward cache is off in the other tests unless asked for at launch
 * (`can.backForwardCache`), and a tab is discarded by the extension's own `tabs.discard` (`can.runInBackground`).
 */
import { expect, it } from 'vitest';
import {
  type Harness, type TestPage, demo, eachBrowser, liveIdsIn, openPopup, pageStates, poll,
} from './harness';

/** The extension API as the background sees it; only the calls the tests make. */
declare const chrome: {
  tabs: { discard(id: number): Promise<{ id?: number } | undefined>; get(id: number): Promise<{ discarded: boolean }> };
  action: { getBadgeText(d: { tabId: number }): Promise<string> };
};

const liveIds = async (page: TestPage) =>
  Object.entries(await pageStates(page)).filter(([, state]) => state === 'live').map(([id]) => id).sort();

/** The live track ids the popup lists for `tabId`. */
async function listed(h: Harness, tabId: number): Promise<string[]> {
  const popup = await openPopup(h, tabId);
  try {
    return await liveIdsIn(popup.page);
  } finally {
    await popup.page.close();
  }
}

/** Stops `trackId` from a popup for `tabId` and returns the result the popup shows. */
async function stopFromPopup(h: Harness, tabId: number, trackId: string): Promise<string> {
  const popup = await openPopup(h, tabId);
  await popup.click('Stop ', { scope: popup.row(trackId), isPrefix: true });
  await expect.poll(() => popup.text(`${popup.row(trackId)} .result`), poll).toMatch(/^Stop: /);
  const result = await popup.text(`${popup.row(trackId)} .result`);
  await popup.page.close();
  return result;
}

eachBrowser((harness) => {
  it('shows only the shown page\'s tracks across back and forward, cached or not', async () => {
    const h = harness();
    const page = await h.open('lifecycle.html?canvas');
    const tabId = await h.tabIdOf(page);
    const [first] = await liveIds(page);
    await expect.poll(() => listed(h, tabId), poll).toEqual([first]);

    await page.goto(`${h.baseUrl}/blank.html`);
    await expect.poll(() => listed(h, tabId), poll).toEqual([]);
    // Chromium keeps no page that has a MediaStream in the cache (notRestoredReasons: "mediastream"); a page that
    // comes back from it anyway reports afresh on pageshow (content/create-relay.ts). Either way: what the page holds.
    // Not page.goBack(): a page restored from the cache fires no load event for it to wait on.
    await page.evaluate(() => history.back());
    await page.waitForFunction(() => location.search.includes('canvas')
      && (window as unknown as { shows?: boolean[] }).shows?.length);
    const [back] = await liveIds(page);
    await expect.poll(() => listed(h, tabId), poll).toEqual([back]);
    expect(await stopFromPopup(h, tabId, back!)).toBe('Stop: ended');
    expect((await pageStates(page))[back!]).toBe('ended');
  });
}, { needs: ['backForwardCache'], launch: { backForwardCache: true } });

eachBrowser((harness) => {
  it('lists nothing for a discarded tab, and clears its badge', async () => {
    const h = harness();
    const page = await h.open();
    const tabId = await h.tabIdOf(page);
    await demo(page, 'camera');
    await expect.poll(() => listed(h, tabId), poll).toHaveLength(1);
    await (await h.open('blank.html')).bringToFront();

    const after = await h.inBackground(async (id: number) => {
      const tab = await chrome.tabs.discard(id);
      return { id: tab?.id, discarded: (await chrome.tabs.get(tab?.id ?? id)).discarded };
    }, tabId);
    expect(after.discarded).toBe(true);
    await expect.poll(() => listed(h, after.id ?? tabId), poll).toEqual([]);
    await expect.poll(() => h.inBackground((id: number) => chrome.action.getBadgeText({ tabId: id }),
      after.id ?? tabId), poll).toBe('');
  });
}, { needs: ['runInBackground'] });
