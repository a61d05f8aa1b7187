/**
 * Drives real Chromium with puppeteer-core over the DevTools protocol (a pipe), for the e2e harness
 * (chromium-harness.ts; e2e tests go through that, never through this file), the screenshots and the benchmark: a
 * fresh profile, fake camera, microphone and screen, optionally the built extension, and the demo pages on localhost.
 * Firefox is driven by the same library over WebDriver BiDi (firefox.ts): one driver for both browsers. Every helper
 * asserts nothing: tests assert what the page and the popup show.
 * Past 200 lines: the one Chromium driver (launch, extension pages, the worker, reloads, windows), which the
 * harness, the screenshots and the benchmark share.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type CDPSession, type Page, type Target } from 'puppeteer-core';
import { EXTENSION_DIRS } from './harness-api';
import { waitFor } from './wait';
// @ts-expect-error: plain ES modules without types.
import { serve } from '../../scripts/serve.mjs';
// @ts-expect-error: plain ES modules without types.
import { findChromium, missing } from '../../scripts/browsers.mjs';

/** The extension API as the worker sees it; only the calls the tests make. */
declare const chrome: {
  tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> };
};

export const DIST = EXTENSION_DIRS.chromium;
const PAGES = resolve(__dirname, '../pages');

function chromiumPath(): string {
  const path = findChromium() as string | undefined;
  if (!path) throw new Error(missing('chromium'));
  return path;
}

export interface Session {
  browser: Browser;
  baseUrl: string;
  extensionId?: string;
  /** Opens a fresh tab at `path` under the served pages, with a unique query so tabs can be told apart. */
  open(path?: string): Promise<Page>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  withExtension?: boolean;
  /** An unpacked extension to load instead of the build (the benchmark's baseline). */
  extensionDir?: string;
  /** A profile to reuse, as after a browser restart; kept on close. By default a fresh one, removed on close. */
  profile?: string;
  /** Off unless asked for, so that a page left behind never lingers in the cache; the navigation tests need it. */
  backForwardCache?: boolean;
  /**
   * False to attach DevTools to extension pages and workers only: Chromium does not prerender a tab that DevTools is
   * attached to ("PrerenderingDisabledByDevTools"). Such a session's web pages are reached through the extension.
   */
  isAttachedToTabs?: boolean;
  /** An X display for a real window (keyboard shortcuts reach only a real one); headless without. */
  display?: string;
  colorScheme?: 'light' | 'dark';
  /** The browser's language, which the extension's pages speak too (`--lang`); the system's by default. */
  lang?: string;
}

let unique = 0;

export async function launch(
  {
    withExtension = true, extensionDir = DIST, profile: reused, backForwardCache = false, isAttachedToTabs = true,
    display, colorScheme, lang,
  }: LaunchOptions = {},
): Promise<Session> {
  const profile = reused ?? await mkdtemp(join(tmpdir(), 'trackstop-profile-'));
  const server = await serve(PAGES);
  const extensionArgs = withExtension
    ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : [];
  const browser = await puppeteer.launch({
    executablePath: chromiumPath(), headless: !display, pipe: true, userDataDir: profile,
    ...(display && { env: { ...process.env, DISPLAY: display } }),
    defaultViewport: { width: 900, height: 700 },
    ignoreDefaultArgs: ['--disable-extensions'],
    ...(!isAttachedToTabs && {
      waitForInitialPage: false,
      targetFilter: (t: Target) => t.type() !== 'page' || t.url().startsWith('chrome-extension://'),
    }),
    args: [...extensionArgs, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
      '--auto-accept-this-tab-capture', '--enable-unsafe-extension-debugging', '--no-sandbox', '--disable-gpu',
      '--no-first-run', '--disable-quic', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', ...(backForwardCache ? [] : ['--disable-back-forward-cache']),
      ...(colorScheme === 'dark' ? ['--force-dark-mode'] : []), ...(lang ? [`--lang=${lang}`] : [])],
  });
  let extensionId: string | undefined;
  const hasWorker = withExtension && !!JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')).background;
  if (hasWorker) {
    const target = await browser.waitForTarget((t) => t.type() === 'service_worker');
    extensionId = new URL(target.url()).host;
  }
  return {
    browser,
    baseUrl: server.url,
    extensionId,
    async open(path = 'demo.html') {
      const page = await browser.newPage();
      // A page's alert() would hold its event loop, and Trackstop's reports with it.
      page.on('dialog', (dialog) => { void dialog.dismiss().catch(() => {}); });
      const url = new URL(path, `${server.url}/`);
      url.searchParams.set('tab', String(++unique));
      await page.goto(url.href);
      return page;
    },
    async close() {
      await browser.close();
      await server.close();
      if (!reused) await rm(profile, { recursive: true, force: true });
    },
  };
}

const isWorkerOf = (session: Session) => (t: Target) =>
  t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${session.extensionId}/`);

/** The extension's service worker's target, waking the worker if it was stopped. */
async function workerTarget(session: Session): Promise<Target> {
  const current = session.browser.targets().find(isWorkerOf(session));
  if (current) return current;
  // Any extension page wakes the worker by talking to it.
  const waking = session.browser.waitForTarget(isWorkerOf(session));
  const page = await openExtensionPage(session, 'popup.html?tab=0');
  const woken = await waking;
  await page.close();
  return woken;
}

/**
 * Evaluates `fn(...args)` in the extension's service worker, waking it if need be, through a DevTools session that
 * is detached again: Chromium does not stop a worker that DevTools is attached to, and the restart tests must.
 */
export async function inWorker<A extends unknown[], R>(
  session: Session, fn: (...args: A) => R | Promise<R>, ...args: A
): Promise<Awaited<R>> {
  const cdp = await (await workerTarget(session)).createCDPSession();
  try {
    // A worker DevTools attaches to while it starts may not have its extension bindings yet (seen once in CI as
    // "chrome is not defined" on a test's first call): wait until it has.
    await waitFor(async () => (await cdp.send('Runtime.evaluate',
      { expression: 'typeof chrome?.runtime?.id', returnByValue: true })).result.value === 'string',
    'the service worker\'s extension API');
    const expression = `(${fn})(...${JSON.stringify(args)})`;
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate',
      { expression, awaitPromise: true, returnByValue: true });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value as Awaited<R>;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/**
 * The browser's tab id of `page`. The extension has no "tabs" permission, so it cannot see URLs: bring the page to
 * the front and ask for the active tab.
 */
export async function tabIdOf(session: Session, page: Page): Promise<number> {
  await page.bringToFront();
  const id = await inWorker(session, async () =>
    (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id);
  if (id === undefined) throw new Error(`no tab for ${page.url()}`);
  return id;
}

/** An extension page, e.g. `popup.html?tab=3`, loaded. */
export async function openExtensionPage(session: Session, pathAndQuery: string): Promise<Page> {
  const page = await session.browser.newPage();
  await page.goto(`chrome-extension://${session.extensionId}/${pathAndQuery}`);
  return page;
}

/**
 * Opens the extension's popup for one tab, as an ordinary tab, once it shows the tab: the page itself, for the
 * screenshots. Tests use harness.ts `openPopup`, which reads it as a `Popup`.
 */
export async function openPopupPage(session: Session, tabId: number): Promise<Page> {
  const page = await openExtensionPage(session, `popup.html?tab=${tabId}`);
  await page.waitForSelector('main');
  return page;
}

/** Runs `use` with a DevTools session on the browser itself, detached afterwards. */
async function withBrowserSession<R>(session: Session, use: (cdp: CDPSession) => Promise<R>): Promise<R> {
  const cdp = await session.browser.target().createCDPSession();
  try {
    return await use(cdp);
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/**
 * Stops the extension's service worker, as Chrome does after 30 s idle, and waits until it is gone or has already
 * been started again (a relay whose report may have died unsaved reconnects at once), told by its target id.
 */
export function stopWorker(session: Session): Promise<void> {
  return withBrowserSession(session, async (cdp) => {
    const ours = async () => (await cdp.send('Target.getTargets')).targetInfos
      .filter((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${session.extensionId}/`))
      .map((t) => t.targetId);
    const before = await ours();
    for (const targetId of before) await cdp.send('Target.closeTarget', { targetId });
    await waitFor(async () => (await ours()).every((id) => !before.includes(id)), 'the service worker to stop');
  });
}

/**
 * Loads the build again over the running one, as an update or a reload from chrome://extensions does: the old
 * content scripts in open tabs are orphaned and Chrome injects no new ones. (Chromium 126+, with
 * --enable-unsafe-extension-debugging and a pipe.)
 */
export async function reloadExtension(session: Session): Promise<void> {
  const { id } = await withBrowserSession(session, (cdp) => cdp.send('Extensions.loadUnpacked', { path: DIST }));
  if (id !== session.extensionId) throw new Error(`reloaded as ${id}, not ${session.extensionId}`);
}

/**
 * The background's JavaScript heap in bytes, after a full garbage collection: what Trackstop's service worker holds.
 * DevTools is attached to the worker for the reading only and detached again.
 */
export async function backgroundHeapBytes(session: Session): Promise<number> {
  const cdp = await (await workerTarget(session)).createCDPSession();
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  } finally {
    await cdp.detach().catch(() => {});
  }
}
