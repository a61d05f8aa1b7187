/**
 * How soon a popup shows its first track rows, and its longest task: shared by the benches that open popups
 * (popup-scale, hold).
 */
import type { Page } from 'puppeteer-core';
import type { Session } from '../e2e/chromium';

/** Opens the popup of `tabId` and returns when (ms from its navigation start) its first track row appeared. */
export async function firstRowsAt(session: Session, tabId: number): Promise<{ page: Page; at: number }> {
  const page = await session.browser.newPage();
  await page.evaluateOnNewDocument(() => {
    const w = window as unknown as { firstRowsAt?: number };
    new MutationObserver((_, observer) => {
      if (!document.querySelector('li.track')) return;
      w.firstRowsAt = performance.now();
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(`chrome-extension://${session.extensionId}/popup.html?tab=${tabId}`);
  await page.waitForFunction(() => (window as unknown as { firstRowsAt?: number }).firstRowsAt !== undefined,
    { timeout: 60_000 });
  const at = await page.evaluate(() => (window as unknown as { firstRowsAt: number }).firstRowsAt);
  return { page, at };
}

/**
 * Starts recording the longest task a page runs from now on (a `longtask` observer: tasks over 50 ms); read it back
 * with `longestTask`. 0 if none ran that long.
 */
export async function watchLongestTask(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { longest: number };
    w.longest = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.longest = Math.max(w.longest, entry.duration);
    }).observe({ type: 'longtask' });
  });
}

/** The longest task since `watchLongestTask`, in ms. */
export const longestTask = (page: Page) => page.evaluate(() => (window as unknown as { longest: number }).longest);
