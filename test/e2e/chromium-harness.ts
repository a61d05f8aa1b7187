/** The e2e Harness (harness-api.ts) for Chromium, on top of the puppeteer-core driver in chromium.ts. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from 'puppeteer-core';
import { CAPABILITIES, type Harness, type HarnessOptions, type TestPage } from './harness-api';
import {
  DIST, backgroundHeapBytes, inWorker, launch, openExtensionPage, reloadExtension, stopWorker, tabIdOf,
} from './chromium';

/** A copy of the build whose manifest asks outright for what it lists as optional; removed with the browser. */
function withOptionalGranted(): string {
  const dir = mkdtempSync(join(tmpdir(), 'trackstop-granted-'));
  cpSync(DIST, dir, { recursive: true });
  const file = join(dir, 'manifest.json');
  const { optional_permissions: optional = [], ...manifest } = JSON.parse(readFileSync(file, 'utf8'));
  writeFileSync(file, JSON.stringify({ ...manifest, permissions: [...manifest.permissions, ...optional] }));
  return dir;
}

export async function launchHarness(
  {
    withExtension = true, display, colorScheme, profile, backForwardCache, isAttachedToTabs, grantOptionalPermissions,
  }: HarnessOptions = {},
): Promise<Harness> {
  const granted = grantOptionalPermissions ? withOptionalGranted() : undefined;
  const session = await launch({ withExtension, ...(display && { display }), ...(colorScheme && { colorScheme }),
    ...(granted && { extensionDir: granted }),
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
      if (granted) rmSync(granted, { recursive: true, force: true });
    },
  };
}
