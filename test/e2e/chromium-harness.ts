/** The e2e Harness for Chromium, on top of the puppeteer-core driver in chromium.ts. */
import type { Page } from 'puppeteer-core';
import type { Harness, HarnessOptions, TestPage } from './harness';
import {
  backgroundHeapBytes, launch, openExtensionPage, reloadExtension, stopWorker, tabIdOf,
} from './chromium';

export async function launchHarness({ withExtension = true }: HarnessOptions = {}): Promise<Harness> {
  const session = await launch({ withExtension });
  return {
    browser: 'chromium',
    baseUrl: session.baseUrl,
    open: (path) => session.open(path) as Promise<TestPage>,
    openExtensionPage: (pathAndQuery) => openExtensionPage(session, pathAndQuery) as Promise<TestPage>,
    tabIdOf: (page) => tabIdOf(session, page as unknown as Page),
    restartBackground: () => stopWorker(session),
    reloadExtension: () => reloadExtension(session),
    backgroundHeapBytes: () => backgroundHeapBytes(session),
    close: () => session.close(),
  };
}
