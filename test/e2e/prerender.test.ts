/**
 * A prerendered page (Chromium, speculation rules) is not the tab's page until it is shown: its tracks are listed
 * from its activation on, in place of the previous page's. Chromium refuses to prerender while DevTools is attached
 * to the tab ("PrerenderingDisabledByDevTools"), so this test attaches to nothing but the extension: the browser is
 * launched with web page targets filtered out (`isAttachedToTabs: false`, `can.detachFromTabs`), and the page is
 * worked through the extension's own `scripting.executeScript` (`can.runInBackground`). Only the popup, an extension
 * page, is attached, and read through its DOM.
 */
import { expect, it } from 'vitest';
import { eachBrowser, liveIdsIn, poll, popupOf } from './harness';

/** The extension API as the worker sees it; only the calls this test makes. */
declare const chrome: {
  tabs: { create(p: { url: string; active?: boolean }): Promise<{ id?: number }> };
  scripting: {
    executeScript(p: { target: { tabId: number }; world: 'MAIN'; func: (src: string) => unknown; args: [string] }):
      Promise<{ result?: unknown }[]>;
  };
};

eachBrowser((harness) => {
  /** Runs `fn` in the tab's page (MAIN world) and returns its result. */
  const inTab = <R>(tabId: number, fn: () => R | Promise<R>) =>
    harness().inBackground(async (id: number, src: string) => (await chrome.scripting.executeScript({
      target: { tabId: id }, world: 'MAIN', func: (s) => (0, eval)(`(${s})()`), args: [src],
    }))[0]?.result, tabId, fn.toString()) as Promise<Awaited<R>>;

  const liveInTab = (tabId: number) => inTab(tabId, () => {
    const states = (window as unknown as { demo: { states(): Record<string, string> } }).demo.states();
    return Object.keys(states).filter((id) => states[id] === 'live').sort();
  });

  async function listed(tabId: number): Promise<string[]> {
    const page = await openPopup(tabId);
    try {
      return await liveIdsIn(page);
    } finally {
      await page.close();
    }
  }

  async function openPopup(tabId: number) {
    const url = harness().extensionUrl(`popup.html?tab=${tabId}`);
    const opened = harness().pageOpened((u) => u === url);
    // In the background: Chromium cancels a prerender when the page that asked for it is hidden.
    await harness().inBackground((u: string) => chrome.tabs.create({ url: u, active: false }), url);
    const page = await opened;
    await page.waitForSelector('main');
    return page;
  }

  it('lists a prerendered page\'s tracks only once it is shown, and none of the page before it', async () => {
    const tabId = (await harness().inBackground((u: string) => chrome.tabs.create({ url: u }),
      `${harness().baseUrl}/lifecycle.html?prerender`)).id!;
    await expect.poll(() => inTab(tabId, () => document.readyState).catch(() => ''), poll).toBe('complete');
    const [camera] = await inTab(tabId, () =>
      (window as unknown as { demo: { camera(): Promise<string[]> } }).demo.camera());
    await expect.poll(() => listed(tabId), poll).toEqual([camera]);

    // The page being prerendered has made its canvas track while prerendering; it is not the tab's page yet.
    await expect.poll(() => inTab(tabId, () => (window as unknown as { prerendered(): string | null }).prerendered()),
      poll).toBe('true');
    // A clone made in the shown page after the prerendered page made its track: once the clone is listed, a report
    // the prerendered page had sent (its relay reports 50 ms after a change, as the shown page's does) would be too.
    const clone = await inTab(tabId, () => (window as unknown as { demo: { clone(): string } }).demo.clone());
    await expect.poll(() => listed(tabId), poll).toContain(clone);
    expect(await listed(tabId)).toEqual([camera, clone].sort());

    await inTab(tabId, () => (window as unknown as { go(): void }).go());
    await expect.poll(() => inTab(tabId, () => location.search).catch(() => ''), poll).toMatch(/prerendered/);
    const activationStart = await inTab(tabId, () =>
      (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming & { activationStart: number })
        .activationStart);
    expect(activationStart, 'shown from a prerender').toBeGreaterThan(0);
    const [canvas] = await liveInTab(tabId);
    await expect.poll(() => listed(tabId), poll).toEqual([canvas]);

    const popup = popupOf(await openPopup(tabId));
    await popup.click('Stop ', { scope: popup.row(canvas!), isPrefix: true });
    await expect.poll(() => popup.text(`${popup.row(canvas!)} .result`), poll).toBe('Stop: ended');
    expect(await liveInTab(tabId)).toEqual([]);
  });
}, { needs: ['detachFromTabs', 'runInBackground', 'watchOpenedPages'], launch: { isAttachedToTabs: false } });
