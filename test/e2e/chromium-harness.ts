/** The e2e Harness (harness-api.ts) for Chromium, on top of the puppeteer-core driver in chromium.ts. */
import type { CDPSession, Page } from 'puppeteer-core';
import { CAPABILITIES, type Harness, type HarnessOptions, type TestPage } from './harness-api';
import {
  backgroundHeapBytes, inWorker, launch, openExtensionPage, reloadExtension, stopWorker, tabIdOf,
} from './chromium';

export async function launchHarness(
  { withExtension = true, display, colorScheme, profile, backForwardCache, isAttachedToTabs }: HarnessOptions = {},
): Promise<Harness> {
  const session = await launch({ withExtension, ...(display && { display }), ...(colorScheme && { colorScheme }),
    ...(profile && { profile }), ...(backForwardCache !== undefined && { backForwardCache }),
    ...(isAttachedToTabs !== undefined && { isAttachedToTabs }) });
  const asTestPage = (page: Page) => page as unknown as TestPage;
  let downloads: CDPSession | undefined;
  return {
    browser: 'chromium',
    driver: session.browser,
    baseUrl: session.baseUrl,
    can: CAPABILITIES.chromium,
    open: (path) => session.open(path).then(asTestPage),
    openExtensionPage: (pathAndQuery) => openExtensionPage(session, pathAndQuery).then(asTestPage),
    extensionUrl: (pathAndQuery) => `chrome-extension://${session.extensionId}/${pathAndQuery}`,
    async pageOpened(isWanted) {
      const target = await session.browser.waitForTarget((t) => t.type() === 'page' && isWanted(t.url()));
      return asTestPage((await target.page())!);
    },
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
    inBackground: (fn, ...args) => inWorker(session, fn, ...args),
    async saveDownloadsTo(folder) {
      // Kept attached until close: the behaviour lasts only as long as the DevTools session that set it.
      downloads ??= await session.browser.target().createCDPSession();
      await downloads.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: folder,
        eventsEnabled: true });
    },
    async close() {
      await downloads?.detach().catch(() => {});
      await session.close();
    },
  };
}
