/**
 * `trackstop-leak-check/puppeteer`: `installLeakCheck(pageOrBrowser)` puts the reader and the shim into every new
 * document of a page (`evaluateOnNewDocument`, Chromium over CDP, Firefox over WebDriver BiDi), with the reader's
 * binding under a random name (`exposeFunction`), which the init script takes off the window before the app's first
 * script (trust: leak-check/page/reader.ts). `checkLeaks(page, options?)` resolves to `{ tracks, leaks, report }`.
 */
import type { Browser, Page, Target } from 'puppeteer-core';
import { type CheckOptions, type CheckResult, checkHub } from './check';
import { Hub, follow } from './hub';
import { initScript, randomBindingName } from './init-script';

const hubs = new WeakMap<Page, Hub>();
const installs = new WeakMap<Page, Promise<void>>();

/** Installs once per page; a second call waits for the first. */
function installOnPage(page: Page): Promise<void> {
  let install = installs.get(page);
  if (!install) {
    install = install0(page);
    installs.set(page, install);
  }
  return install;
}

async function install0(page: Page): Promise<void> {
  const hub = new Hub();
  hubs.set(page, hub);
  follow(hub, page as unknown as Parameters<typeof follow>[1], 'error');
  const name = randomBindingName();
  await page.exposeFunction(name, (text: unknown) => hub.onCall(text));
  // Over CDP, Puppeteer's binding in the page looks itself up on the window at each call (leak-check/page/reader.ts).
  await page.evaluateOnNewDocument(initScript(name,
    (page.browser() as unknown as { protocol?: string }).protocol === 'cdp'));
}

const isBrowser = (x: Page | Browser): x is Browser => typeof (x as Browser).pages === 'function'
  && typeof (x as Page).goto !== 'function';

/**
 * Installs the check on a page, or on every page of a browser (open ones and those opened later: a page opened by
 * the app, such as a popup, may run its first document before the check is in place).
 */
export async function installLeakCheck(pageOrBrowser: Page | Browser): Promise<void> {
  if (!isBrowser(pageOrBrowser)) return installOnPage(pageOrBrowser);
  const browser = pageOrBrowser;
  browser.on('targetcreated', (target: Target) => {
    void target.page().then((page) => page && installOnPage(page)).catch(() => {});
  });
  await Promise.all((await browser.pages()).map(installOnPage));
}

/** Every track of the page (all frames) and its leaks. The page must carry the check (installLeakCheck). */
export async function checkLeaks(page: Page, options?: CheckOptions): Promise<CheckResult> {
  const hub = hubs.get(page);
  if (!hub) {
    throw new Error('checkLeaks: this page has no leak check: call installLeakCheck(page or browser) before it loads.');
  }
  const isClosed = page.isClosed();
  return checkHub(hub, { url: page.url(), title: isClosed ? undefined : await page.title().catch(() => ''), isClosed,
    frameUrls: isClosed ? undefined : page.frames().map((f) => f.url()) },
    options);
}

export { leaksMessage, liveCaptureMessage } from './message';
export { reportHtml } from './html';
export type { CheckOptions, CheckResult, Leak } from './check';
