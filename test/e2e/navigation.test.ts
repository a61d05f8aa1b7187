/**
 * Pages that live on outside the tab's current page (Chromium): restored from the back/forward cache, shown after
 * prerendering, or thrown away with a discarded tab. Each time the popup must list exactly what the shown page
 * holds live, and a stop must still end it in the page.
 * Driven through chromium.ts, not the Harness: it needs the back/forward cache (off in the other tests unless asked
 * for at launch), history navigation and `tabs.discard`, which the Harness does not offer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { type Session, inWorker, launch, openPopup, tabIdOf } from './chromium';
import { BROWSERS, demo, liveIdsIn, pageStates, poll, popupOf } from './harness';

/** The extension API as the worker sees it; only the calls the tests make. */
declare const chrome: {
  tabs: { discard(id: number): Promise<{ id?: number } | undefined>; get(id: number): Promise<{ discarded: boolean }> };
  action: { getBadgeText(d: { tabId: number }): Promise<string> };
};

const liveIds = async (page: Page) =>
  Object.entries(await pageStates(page)).filter(([, state]) => state === 'live').map(([id]) => id).sort();

/** The live track ids the popup lists for `tabId`. */
async function listed(session: Session, tabId: number): Promise<string[]> {
  const popup = await openPopup(session, tabId);
  try {
    return await liveIdsIn(popup);
  } finally {
    await popup.close();
  }
}

/** Stops `trackId` from a popup for `tabId` and returns the result the popup shows. */
async function stopFromPopup(session: Session, tabId: number, trackId: string): Promise<string> {
  const popup = popupOf(await openPopup(session, tabId));
  await popup.click('Stop ', { scope: popup.row(trackId), isPrefix: true });
  await expect.poll(() => popup.text(`${popup.row(trackId)} .result`), poll).toMatch(/^Stop: /);
  const result = await popup.text(`${popup.row(trackId)} .result`);
  await popup.page.close();
  return result;
}

describe.skipIf(!BROWSERS.includes('chromium'))('chromium', () => {
  let session: Session | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('shows only the shown page\'s tracks across back and forward, cached or not', async () => {
    session = await launch({ backForwardCache: true });
    const page = await session.open('lifecycle.html?canvas');
    const tabId = await tabIdOf(session, page);
    const [first] = await liveIds(page);
    await expect.poll(() => listed(session!, tabId), poll).toEqual([first]);

    await page.goto(`${session.baseUrl}/blank.html`);
    await expect.poll(() => listed(session!, tabId), poll).toEqual([]);

    // Chromium keeps no page that has a MediaStream in the cache (notRestoredReasons: "mediastream"); a page that
    // comes back from it anyway reports afresh on pageshow (content/create-relay.ts). Either way: what the page holds.
    // Not page.goBack(): a page restored from the cache fires no load event for it to wait on.
    await page.evaluate(() => history.back());
    await page.waitForFunction(() => location.search.includes('canvas')
      && (window as unknown as { shows?: boolean[] }).shows?.length);
    const [back] = await liveIds(page);
    await expect.poll(() => listed(session!, tabId), poll).toEqual([back]);
    expect(await stopFromPopup(session, tabId, back!)).toBe('Stop: ended');
    expect((await pageStates(page))[back!]).toBe('ended');
  });

  it('lists nothing for a discarded tab, and clears its badge', async () => {
    session = await launch();
    const page = await session.open();
    const tabId = await tabIdOf(session, page);
    await demo(page, 'camera');
    await expect.poll(() => listed(session!, tabId), poll).toHaveLength(1);
    await (await session.open('blank.html')).bringToFront();

    const after = await inWorker(session, async (id: number) => {
      const tab = await chrome.tabs.discard(id);
      return { id: tab?.id, discarded: (await chrome.tabs.get(tab?.id ?? id)).discarded };
    }, tabId);
    expect(after.discarded).toBe(true);
    await expect.poll(() => listed(session!, after.id ?? tabId), poll).toEqual([]);
    await expect.poll(() => inWorker(session!, (id: number) => chrome.action.getBadgeText({ tabId: id }),
      after.id ?? tabId), poll).toBe('');
  });
});
