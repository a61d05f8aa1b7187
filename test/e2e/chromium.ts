/**
 * Drives real Chromium with playwright-core, for the e2e harness, the screenshots and the benchmark: a fresh
 * profile, fake camera, microphone and screen, optionally the built extension, and the demo pages on localhost.
 * Every helper asserts nothing: tests assert what the page and the popup show.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, type Page, type Worker, chromium } from 'playwright-core';
import { waitFor } from './harness';
// @ts-expect-error: plain ES modules without types.
import { serve } from '../../scripts/serve.mjs';
// @ts-expect-error: plain ES modules without types.
import { findChromium, missing } from '../../scripts/browsers.mjs';

/** The extension API as the worker sees it; only the calls the tests make. */
declare const chrome: {
  tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> };
};

export const DIST = resolve(__dirname, '../../dist/chromium');
const PAGES = resolve(__dirname, '../pages');

function chromiumPath(): string {
  const path = findChromium() as string | undefined;
  if (!path) throw new Error(missing('chromium'));
  return path;
}

export interface Session {
  context: BrowserContext;
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
  colorScheme?: 'light' | 'dark';
  /** Playwright turns the back/forward cache off by default; the navigation tests need it. */
  backForwardCache?: boolean;
}

let unique = 0;

export async function launch(
  { withExtension = true, extensionDir = DIST, colorScheme = 'light', profile: reused,
    backForwardCache }: LaunchOptions = {},
): Promise<Session> {
  const profile = reused ?? await mkdtemp(join(tmpdir(), 'trackstop-profile-'));
  const server = await serve(PAGES);
  const extensionArgs = withExtension ? [`--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`] : [];
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    colorScheme,
    viewport: { width: 900, height: 700 },
    ...(backForwardCache && { ignoreDefaultArgs: ['--disable-back-forward-cache'] }),
    args: [...extensionArgs, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
      '--auto-accept-this-tab-capture', '--enable-unsafe-extension-debugging', '--no-sandbox', '--disable-gpu',
        '--no-first-run', '--disable-quic',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  let extensionId: string | undefined;
  const hasWorker = withExtension && !!JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')).background;
  if (hasWorker) {
    const worker = context.serviceWorkers()[0] ?? await context.waitForEvent('serviceworker');
    extensionId = new URL(worker.url()).host;
  }
  return {
    context,
    baseUrl: server.url,
    extensionId,
    async open(path = 'demo.html') {
      const page = await context.newPage();
      const url = new URL(path, `${server.url}/`);
      url.searchParams.set('tab', String(++unique));
      await page.goto(url.href);
      return page;
    },
    async close() {
      await context.close();
      await server.close();
      if (!reused) await rm(profile, { recursive: true, force: true });
    },
  };
}

/** The extension's service worker, waking it if it was stopped. */
export async function worker(session: Session): Promise<Worker> {
  const prefix = `chrome-extension://${session.extensionId}/`;
  const current = session.context.serviceWorkers().find((w) => w.url().startsWith(prefix));
  if (current) return current;
  // Any extension page wakes the worker by talking to it.
  const page = await session.context.newPage();
  const waiting = session.context.waitForEvent('serviceworker');
  await page.goto(`${prefix}popup.html?tab=0`);
  const woken = await waiting;
  await page.close();
  return woken;
}

/**
 * The browser's tab id of `page`. The extension has no "tabs" permission, so it cannot see URLs: bring the page to
 * the front and ask for the active tab.
 */
export async function tabIdOf(session: Session, page: Page): Promise<number> {
  await page.bringToFront();
  const sw = await worker(session);
  const id = await sw.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id);
  if (id === undefined) throw new Error(`no tab for ${page.url()}`);
  return id;
}

/** Opens the extension's popup for one tab, as an ordinary tab. */
export async function openPopup(session: Session, tabId: number): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${session.extensionId}/popup.html?tab=${tabId}`);
  await page.waitForSelector('main');
  return page;
}

/**
 * Stops the extension's service worker, as Chrome does after 30 s idle, and waits until it is gone or has already
 * been started again (a relay whose report may have died unsaved reconnects at once), told by its time origin.
 */
export async function stopWorker(session: Session): Promise<void> {
  const cdp = await session.context.browser()!.newBrowserCDPSession();
  const isOurs = (t: { type: string; url: string }) =>
    t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${session.extensionId}/`);
  const origins = () => Promise.all(session.context.serviceWorkers()
    .filter((w) => w.url().startsWith(`chrome-extension://${session.extensionId}/`))
    .map((w) => w.evaluate(() => performance.timeOrigin).catch(() => undefined)));
  const before = await origins();
  const { targetInfos } = await cdp.send('Target.getTargets');
  for (const t of targetInfos.filter(isOurs)) await cdp.send('Target.closeTarget', { targetId: t.targetId });
  await waitFor(async () => {
    const { targetInfos: now } = await cdp.send('Target.getTargets');
    return !now.some(isOurs) || (await origins()).some((origin) => origin !== undefined && !before.includes(origin));
  }, 'the service worker to stop');
  await cdp.detach();
}

/**
 * Loads the build again over the running one, as an update or a reload from chrome://extensions does: the old
 * content scripts in open tabs are orphaned and Chrome injects no new ones.
 */
export async function reloadExtension(session: Session): Promise<void> {
  const cdp = await session.context.browser()!.newBrowserCDPSession();
  // Not in playwright's typed protocol yet; Chromium 126+ with --enable-unsafe-extension-debugging.
  const send = cdp.send.bind(cdp) as unknown as (method: string, params: object) => Promise<{ id: string }>;
  const { id } = await send('Extensions.loadUnpacked', { path: DIST });
  await cdp.detach();
  if (id !== session.extensionId) throw new Error(`reloaded as ${id}, not ${session.extensionId}`);
}


/**
 * The background's JavaScript heap in bytes, after a full garbage collection: what Trackstop's service worker holds.
 * DevTools is attached to the worker for the reading only (through the browser session's target messages, since
 * playwright opens sessions for pages alone) and detached again, so the worker's lifetime is not changed.
 */
export async function backgroundHeapBytes(session: Session): Promise<number> {
  await worker(session);
  const cdp = await session.context.browser()!.newBrowserCDPSession();
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${session.extensionId}/`));
    if (!target) throw new Error('no service worker');
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
    let lastId = 0;
    const call = (method: string) => new Promise<Record<string, number>>((resolve, reject) => {
      const id = ++lastId;
      const onMessage = (event: { sessionId?: string; message: string }) => {
        const reply = JSON.parse(event.message) as { id?: number; result?: Record<string, number>; error?: unknown };
        if (event.sessionId !== sessionId || reply.id !== id) return;
        cdp.off('Target.receivedMessageFromTarget', onMessage);
        if (reply.error) reject(new Error(JSON.stringify(reply.error)));
        else resolve(reply.result ?? {});
      };
      cdp.on('Target.receivedMessageFromTarget', onMessage);
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params: {} }) });
    });
    await call('HeapProfiler.collectGarbage');
    const { usedSize } = await call('Runtime.getHeapUsage');
    await cdp.send('Target.detachFromTarget', { sessionId });
    return usedSize!;
  } finally {
    await cdp.detach();
  }
}
