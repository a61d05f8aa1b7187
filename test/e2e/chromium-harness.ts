/** The e2e Harness for Chromium, on top of the playwright-core driver in chromium.ts. */
import type { Page } from 'playwright-core';
import type { Harness, HarnessOptions, TestPage } from './harness';
import { backgroundHeapBytes, launch, reloadExtension, stopWorker, tabIdOf } from './chromium';

export async function launchHarness({ withExtension = true }: HarnessOptions = {}): Promise<Harness> {
  const session = await launch({ withExtension });
  return {
    browser: 'chromium',
    baseUrl: session.baseUrl,
    open: (path) => session.open(path) as Promise<TestPage>,
    async openExtensionPage(pathAndQuery) {
      const page = await session.context.newPage();
      await page.goto(`chrome-extension://${session.extensionId}/${pathAndQuery}`);
      return page as TestPage;
    },
    tabIdOf: (page) => tabIdOf(session, page as unknown as Page),
    restartBackground: () => stopWorker(session),
    reloadExtension: () => reloadExtension(session),
    backgroundHeapBytes: () => backgroundHeapBytes(session),
    close: () => session.close(),
  };
}
