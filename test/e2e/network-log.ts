/**
 * Records every request made by the extension's own contexts, from the moment it is started: its pages (popup,
 * options, panel, the privacy policy; any tab whose document is the extension's) and its background. Requests made
 * by web pages, content scripts included, are theirs, not the extension's, and are left out.
 *
 * - Chromium: puppeteer's `request` event on every page (it enables the DevTools protocol's Network domain on each),
 *   and a DevTools session with `Network.enable` on the service worker's target, which sees the worker's fetches.
 *   That session also keeps the worker from being stopped, so one worker serves the whole recording.
 * - Firefox: WebDriver BiDi's `network.beforeRequestSent` (puppeteer subscribes to it for all contexts), each
 *   request judged by the URL last committed in its browsing context (`browsingContext.navigationCommitted`):
 *   puppeteer's own frame URL stays `about:blank` for a moz-extension page. A request with no browsing context is
 *   counted as the extension's. BiDi reports requests of browsing contexts in tabs only: the event page
 *   lives in a windowless browser BiDi does not expose, and its requests never reach `network.beforeRequestSent`
 *   (tried: a fetch added to background.js was not reported, one added to popup.js was). The background's requests
 *   are read instead from its own Resource Timing buffer (`performance.getEntriesByType('resource')` of the event
 *   page, reached through `runtime.getBackgroundPage()`), which lists every fetch, XHR, beacon and subresource the
 *   document made, failed ones included; WebSocket and WebRTC connections are not in it. An extension page kept open
 *   holds the event page awake, and the recording fails if the event page was replaced meanwhile (its buffer lost).
 */
import type { Browser, CDPSession, Page, Target } from 'puppeteer-core';
import type { Harness, TestPage } from './harness';

export interface Request { context: string; url: string }

export interface NetworkLog {
  /** Fetches `url` from the background, to show that its requests are seen. */
  probeBackground(url: string): Promise<void>;
  /** Everything recorded so far. */
  requests(): Promise<Request[]>;
  stop(): Promise<void>;
}

const isExtensionUrl = (url: string) => /^(chrome|moz)-extension:\/\//.test(url);

function watchPages(browser: Browser, log: Request[]) {
  const watched = new WeakSet<Page>();
  const watch = (page: Page | null) => {
    if (!page || watched.has(page)) return;
    watched.add(page);
    page.on('request', (request) => {
      const context = request.frame()?.url() || page.url();
      if (isExtensionUrl(context)) log.push({ context, url: request.url() });
    });
  };
  const onTarget = (target: Target) => { if (target.type() === 'page') void target.page().then(watch, () => {}); };
  browser.on('targetcreated', onTarget);
  return {
    start: async () => { for (const page of await browser.pages()) watch(page); },
    stop: () => { browser.off('targetcreated', onTarget); },
  };
}

async function chromiumLog(browser: Browser): Promise<NetworkLog> {
  const log: Request[] = [];
  const pages = watchPages(browser, log);
  const sessions: CDPSession[] = [];
  const watchWorker = async (target: Target) => {
    if (target.type() !== 'service_worker' || !isExtensionUrl(target.url())) return;
    const cdp = await target.createCDPSession();
    cdp.on('Network.requestWillBeSent', (e) => log.push({ context: target.url(), url: e.request.url }));
    await cdp.send('Network.enable');
    sessions.push(cdp);
  };
  const onTarget = (target: Target) => void watchWorker(target).catch(() => {});
  browser.on('targetcreated', onTarget);
  await pages.start();
  for (const target of browser.targets()) await watchWorker(target);
  if (!sessions.length) throw new Error('no extension service worker to watch');
  return {
    async probeBackground(url) {
      await sessions.at(-1)!.send('Runtime.evaluate', { expression: `fetch(${JSON.stringify(url)}).then(() => 1)`,
        awaitPromise: true });
    },
    requests: async () => [...log],
    async stop() {
      pages.stop();
      browser.off('targetcreated', onTarget);
      for (const cdp of sessions) await cdp.detach().catch(() => {});
    },
  };
}

type BackgroundWindow = Window & typeof globalThis;
type WithBackground = { browser: { runtime: { getBackgroundPage(): Promise<BackgroundWindow> } } };

type Commit = { context: string; url: string };
type BeforeRequest = { context: string | null; request: { url: string } };

async function firefoxLog(h: Harness): Promise<NetworkLog> {
  const log: Request[] = [];
  const committed = new Map<string, string>();
  const bidi = (h.driver as unknown as { connection: { on(e: string, f: (e: never) => void): void;
    off(e: string, f: (e: never) => void): void; }; }).connection;
  const onCommit = (e: Commit) => { committed.set(e.context, e.url); };
  const onRequest = (e: BeforeRequest) => {
    const context = e.context === null ? 'no browsing context' : committed.get(e.context) ?? 'about:blank';
    if (context === 'no browsing context' || isExtensionUrl(context)) log.push({ context, url: e.request.url });
  };
  bidi.on('browsingContext.navigationCommitted', onCommit);
  bidi.on('network.beforeRequestSent', onRequest);
  const keeper: TestPage = await h.openExtensionPage('popup.html?tab=-1');
  const background = () => keeper.evaluate(async () => {
    const bg = await (globalThis as unknown as WithBackground).browser.runtime.getBackgroundPage();
    return { origin: bg.performance.timeOrigin, context: bg.location.href,
      urls: bg.performance.getEntriesByType('resource').map((e) => e.name) };
  });
  const first = await background();
  return {
    probeBackground: (url) => keeper.evaluate(async (u) => {
      const bg = await (globalThis as unknown as WithBackground).browser.runtime.getBackgroundPage();
      await bg.fetch(u);
    }, url),
    async requests() {
      const now = await background();
      if (now.origin !== first.origin) throw new Error('the event page was replaced while recording');
      return [...log, ...now.urls.map((url) => ({ context: now.context, url }))];
    },
    async stop() {
      bidi.off('browsingContext.navigationCommitted', onCommit);
      bidi.off('network.beforeRequestSent', onRequest);
      await keeper.close().catch(() => {});
    },
  };
}

export const recordExtensionRequests = (h: Harness): Promise<NetworkLog> =>
  (h.browser === 'chromium' ? chromiumLog(h.driver) : firefoxLog(h));
