/** The e2e Harness for Chromium, on top of the puppeteer-core driver in chromium.ts. */
import type { Page } from 'puppeteer-core';
import type { Harness, HarnessOptions, TestPage } from './harness';
import {
  backgroundHeapBytes, launch, openExtensionPage, reloadExtension, stopWorker, tabIdOf,
} from './chromium';

export async function launchHarness(
  { withExtension = true, display, colorScheme }: HarnessOptions = {},
): Promise<Harness> {
  const session = await launch({ withExtension, ...(display && { display }), ...(colorScheme && { colorScheme }) });
  return {
    browser: 'chromium',
    driver: session.browser,
    baseUrl: session.baseUrl,
    open: (path) => session.open(path) as Promise<TestPage>,
    openExtensionPage: (pathAndQuery) => openExtensionPage(session, pathAndQuery) as Promise<TestPage>,
    tabIdOf: (page) => tabIdOf(session, page as unknown as Page),
    restartBackground: () => stopWorker(session),
    async hide(page) {
      // Headless Chromium keeps background tabs visible; a minimized window's tabs are hidden.
      const cdp = await (page as unknown as Page).createCDPSession();
      const { windowId } = await cdp.send('Browser.getWindowForTarget');
      await cdp.send('Browser.setWindowBounds', { windowId, bounds: { windowState: 'minimized' } });
      await cdp.detach();
    },
    reloadExtension: () => reloadExtension(session),
    backgroundHeapBytes: () => backgroundHeapBytes(session),
    close: () => session.close(),
  };
}
