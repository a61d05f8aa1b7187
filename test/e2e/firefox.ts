/**
 * The e2e Harness (harness-api.ts) for Firefox ESR: puppeteer-core over WebDriver BiDi (no geckodriver), the
 * extension installed as a temporary add-on with a fixed UUID so its pages have known URLs, fake devices by pref,
 * and an event page that suspends after one idle second so that a restart can be tested.
 */
import { resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import {
  CAPABILITIES, EXTENSION_DIRS, type Harness, type HarnessOptions, type TestPage, cannot, uniqueUrl,
} from './harness-api';
import { waitFor } from './wait';
// @ts-expect-error: plain ES modules without types.
import { serve } from '../../scripts/serve.mjs';
// @ts-expect-error: plain ES modules without types.
import { findFirefox, missing } from '../../scripts/browsers.mjs';

const DIST = EXTENSION_DIRS.firefox;
const PAGES = resolve(__dirname, '../pages');
const GECKO_ID = 'trackstop@trackstop.dev';
const UUID = '5f1c0a52-7d3e-4a7b-9c1e-7a2c7e00d0e1';
const IDLE_MS = 1000;

/** `goto` to a moz-extension page never resolves over BiDi: start it, then wait until the page is there. */
async function openExtensionPage(browser: Browser, pathAndQuery: string): Promise<TestPage> {
  const page = await browser.newPage();
  const url = `moz-extension://${UUID}/${pathAndQuery}`;
  page.goto(url).catch(() => { /* never settles; readiness is polled below */ });
  await waitFor(async () => await page.evaluate(() => `${location.href}|${document.readyState}`) === `${url}|complete`,
    `${url} to load`);
  return page as unknown as TestPage;
}

/** When the background document started; reading it wakes a suspended event page, as any extension call does. */
async function backgroundStart(browser: Browser): Promise<number> {
  const page = await openExtensionPage(browser, 'popup.html?tab=-1');
  const start = await page.evaluate(async () => {
    const g = globalThis as unknown as { browser: { runtime: { getBackgroundPage(): Promise<Window> } } };
    return (await g.browser.runtime.getBackgroundPage()).performance.timeOrigin;
  });
  await page.close();
  return start;
}

export async function launchHarness(
  {
    withExtension = true, display, colorScheme, profile, backForwardCache, isAttachedToTabs, grantOptionalPermissions,
  }: HarnessOptions = {},
): Promise<Harness> {
  if (profile || backForwardCache || isAttachedToTabs === false) {
    throw new Error('firefox: no kept profile, back/forward cache or detaching here (CAPABILITIES in harness-api.ts)');
  }
  const executablePath = findFirefox() as string | undefined;
  if (!executablePath) throw new Error(missing('firefox'));
  const server = await serve(PAGES);
  const browser = await puppeteer.launch({
    browser: 'firefox', protocol: 'webDriverBiDi', headless: !display, executablePath,
    ...(display && { env: { ...process.env, DISPLAY: display } }),
    args: ['--remote-allow-system-access'], // lets BiDi open moz-extension:// pages
    extraPrefsFirefox: {
      'media.navigator.streams.fake': true,
      'media.navigator.permission.disabled': true,
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: UUID }),
      'extensions.background.idle.timeout': IDLE_MS,
      // permissions.request() then grants without the prompt a headless browser cannot show.
      ...(grantOptionalPermissions && { 'extensions.webextOptionalPermissionPrompts': false }),
      ...(colorScheme && { 'layout.css.prefers-color-scheme.content-override': colorScheme === 'dark' ? 0 : 1 }),
    },
  });
  if (withExtension) await browser.installExtension(DIST);
  const unable = (what: string) => cannot('firefox', what);
  return {
    browser: 'firefox',
    driver: browser,
    baseUrl: server.url,
    can: CAPABILITIES.firefox,
    async open(path = 'demo.html') {
      const page = await browser.newPage();
      // As in Chromium: a page's alert() would otherwise hold its event loop, and Trackstop's reports.
      page.on('dialog', (dialog) => { void dialog.dismiss().catch(() => {}); });
      await page.goto(uniqueUrl(server.url, path));
      return page as unknown as TestPage;
    },
    openExtensionPage: (pathAndQuery) => openExtensionPage(browser, pathAndQuery),
    extensionUrl: (pathAndQuery) => `moz-extension://${UUID}/${pathAndQuery}`,
    pageOpened: unable('see a page another opened'),
    async tabIdOf(page) {
      const helper = await openExtensionPage(browser, 'popup.html?tab=-1');
      const url = page.url();
      const id = await helper.evaluate(async (u) => {
        type Tabs = { query(q: object): Promise<{ id?: number; url?: string }[]> };
        const g = globalThis as unknown as { browser: { tabs: Tabs } };
        return (await g.browser.tabs.query({})).find((t) => t.url === u)?.id;
      }, url);
      await helper.close();
      if (id === undefined) throw new Error(`no tab for ${url}`);
      return id;
    },
    async hide() {
      // A tab brought to the front of the window hides the one that was there.
      const front = await browser.newPage();
      await front.goto(uniqueUrl(server.url, 'blank.html'));
      await front.bringToFront();
    },
    async restartBackground() {
      const before = await backgroundStart(browser);
      // Extension pages keep the event page awake; close them all, then outwait the idle timeout. Nothing outside the
      // event page tells that it was suspended without waking it, so each look is made after the timeout has passed
      // twice over; a slow machine that suspended it late gets another round.
      await waitFor(async () => {
        for (const p of await browser.pages()) if (p.url().startsWith('moz-extension:')) await (p as Page).close();
        await new Promise((r) => setTimeout(r, IDLE_MS * 2));
        return await backgroundStart(browser) !== before;
      }, 'the event page to restart');
    },
    // Installing the same add-on again replaces the running one, as an update does.
    reloadExtension: async () => { await browser.installExtension(DIST); },
    backgroundHeapBytes: unable('tell the background\'s heap'),
    inBackground: unable('run a function in the background'),
    saveDownloadsTo: unable('save downloads into a folder'),
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
