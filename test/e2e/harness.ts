/**
 * One set of e2e test bodies, two browsers. A Harness is a launched browser with the built extension, fake devices
 * and the demo pages on localhost; everything the tests do goes through it or through page.evaluate. One driver,
 * puppeteer-core, for both: over the DevTools protocol in Chromium (chromium.ts) and WebDriver BiDi in Firefox
 * (firefox.ts). Playwright cannot drive Firefox ESR (it needs its own patched Firefox), puppeteer drives both.
 * Helpers assert nothing: tests assert what the page and the popup show.
 */
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe } from 'vitest';

/** The part of a puppeteer page the tests use, in either protocol. */
export interface TestPage {
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  evaluate<R>(fn: () => R | Promise<R>): Promise<R>;
  goto(url: string): Promise<unknown>;
  bringToFront(): Promise<void>;
  close(): Promise<void>;
  url(): string;
}

export type BrowserName = 'chromium' | 'firefox';

export interface Harness {
  browser: BrowserName;
  /** The puppeteer browser underneath, for a test that watches the protocol itself (privacy.test.ts). */
  driver: Browser;
  baseUrl: string;
  /** A fresh tab at `path` under the demo pages, with a unique query so that tabs can be told apart. */
  open(path?: string): Promise<TestPage>;
  /** An extension page, e.g. `popup.html?tab=3`, loaded and ready. */
  openExtensionPage(pathAndQuery: string): Promise<TestPage>;
  tabIdOf(page: TestPage): Promise<number>;
  /** Stops the background (service worker or event page) and returns once a new one would have to start. */
  restartBackground(): Promise<void>;
  /** Makes the tab's document hidden, as when a person switches away: Chromium minimizes its window, Firefox opens
   * another tab in front of it. */
  hide(page: TestPage): Promise<void>;
  /** Loads the extension again over itself, as an update does; where the driver can (Chromium). */
  reloadExtension?(): Promise<void>;
  /** The background's JavaScript heap after a garbage collection, in bytes; where the driver can tell (Chromium). */
  backgroundHeapBytes?(): Promise<number>;
  close(): Promise<void>;
}

export const BROWSERS = (process.env.E2E_BROWSERS ?? 'chromium,firefox').split(',') as BrowserName[];

export interface HarnessOptions {
  /** False for the same browser without Trackstop, to compare against. */
  withExtension?: boolean;
  /** An X display to open a real window on (test/e2e/x-display.ts), instead of running headless. */
  display?: string;
  /** What `prefers-color-scheme` says in every page; the system's (light, headless) by default. */
  colorScheme?: 'light' | 'dark';
}

export async function launchHarness(name: BrowserName, options: HarnessOptions = {}): Promise<Harness> {
  const driver = name === 'firefox' ? await import('./firefox') : await import('./chromium-harness');
  return driver.launchHarness(options);
}

/** Runs `body` once per browser, each with its own browser launched before and closed after. */
export function eachBrowser(body: (harness: () => Harness, name: BrowserName) => void): void {
  for (const name of BROWSERS) {
    describe(name, () => {
      let harness: Harness | undefined;
      beforeAll(async () => { harness = await launchHarness(name); });
      afterAll(async () => { await harness?.close(); });
      body(() => harness!, name);
    });
  }
}

/**
 * The same browser without Trackstop, launched before the enclosing block's tests and closed after them: the
 * reference a test compares the page's view with.
 */
export function cleanBrowser(name: BrowserName): () => Harness {
  let clean: Harness | undefined;
  beforeAll(async () => { clean = await launchHarness(name, { withExtension: false }); });
  afterAll(async () => { await clean?.close(); });
  return () => clean!;
}

let uniqueTab = 0;
export const uniqueUrl = (baseUrl: string, path: string) => {
  const url = new URL(path, `${baseUrl}/`);
  url.searchParams.set('tab', String(++uniqueTab));
  return url.href;
};

// ── the extension's own API, from an extension page ─────────────────────────────────────────────────────────

type StorageApi = {
  session: { getBytesInUse(keys: null): Promise<number> };
  sync: { set(items: object): Promise<void> };
};
type ActionApi = {
  getBadgeText(d: { tabId: number }): Promise<string>;
  getBadgeBackgroundColor(d: { tabId: number }): Promise<number[]>;
};
type ExtensionApi = { action: ActionApi; storage: StorageApi };
type ExtensionGlobal = { browser?: ExtensionApi; chrome: ExtensionApi };

/**
 * Evaluates in a fresh extension page, closed afterwards. A page kept open between calls would be cheaper, but
 * puppeteer's BiDi driver then sometimes evaluates a later call meant for a content page in the wrong realm.
 */
async function inExtensionPage<R, A = number>(h: Harness, fn: (arg: A) => Promise<R>, arg: A): Promise<R> {
  const page = await h.openExtensionPage('popup.html?tab=-1');
  try {
    return await page.evaluate(fn, arg);
  } finally {
    await page.close().catch(() => {});
  }
}

/** Sets the person's settings (src/settings.ts) as the options page would; `{}` puts back the defaults. */
export const setSettings = (h: Harness, settings: object) => inExtensionPage(h, (s) => {
  const g = globalThis as unknown as ExtensionGlobal;
  return (g.browser ?? g.chrome).storage.sync.set({ settings: s });
}, settings);

export const badgeOf = (h: Harness, tabId: number) => inExtensionPage(h, (id) => {
  const g = globalThis as unknown as ExtensionGlobal;
  return (g.browser ?? g.chrome).action.getBadgeText({ tabId: id });
}, tabId);

/** Bytes the background's state takes in storage.session: what it keeps, in every browser. */
export const stateBytes = (h: Harness) => inExtensionPage(h, () => {
  const g = globalThis as unknown as ExtensionGlobal;
  return (g.browser ?? g.chrome).storage.session.getBytesInUse(null);
}, 0);

export const badgeColorOf = (h: Harness, tabId: number) => inExtensionPage(h, (id) => {
  const g = globalThis as unknown as ExtensionGlobal;
  return (g.browser ?? g.chrome).action.getBadgeBackgroundColor({ tabId: id });
}, tabId);

// ── the popup, read and used through the DOM ────────────────────────────────────────────────────────────────

export interface Popup {
  page: TestPage;
  count(selector: string): Promise<number>;
  text(selector: string): Promise<string>;
  texts(selector: string): Promise<string[]>;
  /** Clicks the button whose accessible name is `name` (or starts with it), inside `scope` if given. */
  click(name: string, options?: { scope?: string; isPrefix?: boolean }): Promise<void>;
  row(trackId: string): string;
  /** The ids of the live tracks the popup lists, sorted. */
  liveIds(): Promise<string[]>;
  /** Opens every source that shows only its first tracks. */
  showAll(): Promise<void>;
}

/**
 * The ids of the live tracks a popup page lists, sorted: the one reader of the popup's live rows. It first opens
 * every source that shows only its first tracks ("Show all N tracks"), as a person who wants them all would.
 */
export const liveIdsIn = async (page: TestPage): Promise<string[]> => {
  await showAllIn(page);
  return page.evaluate(() =>
    [...document.querySelectorAll('li.track.live')].map((li) => li.getAttribute('data-track-id')!).sort());
};

/** Opens every source that shows only its first tracks ("Show all N tracks"), as a person would. */
export const showAllIn = (page: TestPage): Promise<void> => page.evaluate(async () => {
  for (const button of document.querySelectorAll<HTMLButtonElement>('button.show-all')) button.click();
  while (document.querySelector('button.show-all')) await new Promise((r) => setTimeout(r, 10));
});

/** The ids of the live tracks a freshly opened popup of `tabId` lists, sorted. */
export async function listedLive(h: Harness, tabId: number): Promise<string[]> {
  const popup = await openPopup(h, tabId);
  try {
    return await popup.liveIds();
  } finally {
    await popup.page.close();
  }
}

/** Opens the popup of `tabId` as a tab and returns once it shows the tab's view (its `main`). */
export async function openPopup(h: Harness, tabId: number): Promise<Popup> {
  const page = await h.openExtensionPage(`popup.html?tab=${tabId}`);
  await waitFor(() => page.evaluate(() => !!document.querySelector('main')), 'the popup to show its tab');
  return popupOf(page);
}

export function popupOf(page: TestPage): Popup {
  return {
    page,
    count: (selector) => page.evaluate((s) => document.querySelectorAll(s).length, selector),
    text: (selector) => page.evaluate((s) =>
      (document.querySelector(s) as HTMLElement | null)?.innerText.trim() ?? '', selector),
    texts: (selector) => page.evaluate((s) => [...document.querySelectorAll<HTMLElement>(s)].map((e) =>
      e.innerText.trim()), selector),
    async click(name, { scope, isPrefix = false } = {}) {
      // A barrier, as a person waits for a button that is greyed out while the popup's last stop is under way.
      await waitFor(() => page.evaluate(([n, sc, prefix]) => {
        const root = sc ? document.querySelector(sc) : document;
        const buttons = [...(root?.querySelectorAll('button') ?? [])];
        const nameOf = (b: HTMLButtonElement) => b.getAttribute('aria-label') ?? b.textContent!.trim();
        const button = buttons.find((b) => (prefix ? nameOf(b).startsWith(n) : nameOf(b) === n) && !b.disabled);
        button?.click();
        return !!button;
      }, [name, scope ?? '', isPrefix] as [string, string, boolean]), `an enabled button named ${isPrefix ? 'like '
        : ''}"${name}"`);
    },
    row: (trackId) => `li[data-track-id="${trackId}"]`,
    liveIds: () => liveIdsIn(page),
    showAll: () => showAllIn(page),
  };
}

/**
 * Starts the page's camera, stops it from the popup, and returns how many `ended` events the page heard; throws if
 * the stop is not read back as ended in the page.
 */
export async function stopAndCountEnded(h: Harness, page: TestPage): Promise<number> {
  const [camera] = await demo(page, 'camera');
  await page.evaluate((id) => {
    const w = window as unknown as { heard: number; demo: { track(id: string): MediaStreamTrack } };
    w.heard = 0;
    // An event handler, not addEventListener: Firefox calls only the handler for an `ended` a script dispatches.
    w.demo.track(id).onended = () => { w.heard++; };
  }, camera!);
  const popup = await openPopup(h, await h.tabIdOf(page));
  await waitFor(async () => await popup.count(popup.row(camera!)) === 1, 'the camera listed');
  await popup.click('Stop', { isPrefix: true, scope: popup.row(camera!) });
  await waitFor(async () => (await pageStates(page))[camera!] === 'ended', 'the camera ended in the page');
  await waitFor(async () => await popup.text(`${popup.row(camera!)} .result`) === 'Stop: ended', 'the stop confirmed');
  await popup.page.close();
  // The event is dispatched in the same task as the stop, before the answer leaves the page.
  return page.evaluate(() => (window as unknown as { heard: number }).heard);
}

// ── the demo page ───────────────────────────────────────────────────────────────────────────────────────────

export interface DemoApi {
  camera(): Promise<string[]>; microphone(): Promise<string[]>; both(): Promise<string[]>; screen(): Promise<string[]>;
  clone(): string; leak(): string; stopOwn(): void; states(): Record<string, string>;
}

/** Runs a demo action in the page and returns what it returned. */
export function demo<K extends keyof DemoApi>(page: TestPage, action: K): Promise<Awaited<ReturnType<DemoApi[K]>>> {
  return page.evaluate((a) => (window as unknown as { demo: DemoApi }).demo[a]() as never, action);
}

/** The page's own view of its tracks: id → readyState, leaked clones included. */
export const pageStates = (page: TestPage) => demo(page, 'states');

/**
 * How long a test waits for what it is waiting on: a barrier (the popup lists a track, the page reads `ended`),
 * never a guess at how long something takes. Passing polls return as soon as the condition holds, so the limit costs
 * nothing on a fast machine; it is set for a slow one that is busy with something else too (CI, another browser).
 */
export const BARRIER_MS = 20_000;
export const poll = { timeout: BARRIER_MS, interval: 50 };

/** Resolves once `condition` is true; throws, naming `what`, if it is not within `BARRIER_MS`. */
export async function waitFor(condition: () => Promise<boolean>, what: string, timeoutMs = BARRIER_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, poll.interval));
  }
}
