/**
 * One set of e2e test bodies, two browsers. A Harness is a launched browser with the built extension, fake devices
 * and the demo pages on localhost; everything the tests do goes through it or through page.evaluate. One driver,
 * puppeteer-core, for both: over the DevTools protocol in Chromium (chromium.ts) and WebDriver BiDi in Firefox
 * (firefox.ts). Playwright cannot drive Firefox ESR (it needs its own patched Firefox), puppeteer drives both.
 * Helpers assert nothing: tests assert what the page and the popup show.
 * Past 200 lines: the helpers every e2e file shares (the popup read as a person reads it, barriers, settings),
 * kept in one place so that no test reaches past them.
 */
import { afterAll, beforeAll, describe } from 'vitest';
import {
  BROWSERS, type BrowserName, type Capabilities, type Harness, type HarnessOptions, type TestPage, can,
} from './harness-api';
import { waitFor } from './wait';

// The tests import everything from here: the interface, the capability flags and the helpers.
export {
  BROWSERS, type BrowserName, type Capabilities, EXTENSION_DIRS, type Harness, type HarnessOptions, type TestPage, can,
  uniqueUrl,
} from './harness-api';
export { BARRIER_MS, poll, waitFor } from './wait';

export async function launchHarness(name: BrowserName, options: HarnessOptions = {}): Promise<Harness> {
  const driver = name === 'firefox' ? await import('./firefox') : await import('./chromium-harness');
  return driver.launchHarness(options);
}

/** Browsers that can do all of `needs` (harness-api.ts CAPABILITIES); the others skip the block and say so. */
export function describeWhereCan(needs: readonly (keyof Capabilities)[], body: (name: BrowserName) => void): void {
  for (const name of BROWSERS) {
    const lacking = needs.filter((need) => !can(name)[need]);
    describe.skipIf(lacking.length > 0)(lacking.length ? `${name} (cannot: ${lacking.join(', ')})` : name,
      () => body(name));
  }
}

/**
 * Runs `body` once per browser, each with its own browser launched (with `options.launch`) before and closed after;
 * a browser that lacks one of `options.needs` skips it.
 */
export function eachBrowser(body: (harness: () => Harness, name: BrowserName) => void,
  { needs = [], launch = {} }: { needs?: readonly (keyof Capabilities)[]; launch?: HarnessOptions } = {}): void {
  describeWhereCan(needs, (name) => {
    let harness: Harness | undefined;
    beforeAll(async () => { harness = await launchHarness(name, launch); });
    afterAll(async () => { await harness?.close(); });
    body(() => harness!, name);
  });
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


// ── the extension's own API, from an extension page ─────────────────────────────────────────────────────────

type StorageApi = {
  session: { getBytesInUse(keys: null): Promise<number>; get(key: string): Promise<Record<string, unknown>> };
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

/** Sets the person's rules per site (src/site-rules.ts) as the options page would; `{}` removes them all. */
export const setSiteRules = (h: Harness, rules: object) => inExtensionPage(h, (r) => {
  const g = globalThis as unknown as ExtensionGlobal;
  return (g.browser ?? g.chrome).storage.sync.set({ siteRules: r });
}, rules);

/** The holds the background has written to storage.session (background/holds.ts), by tab id. */
export const storedHolds = (h: Harness) => inExtensionPage(h, async () => {
  const g = globalThis as unknown as ExtensionGlobal;
  return ((await (g.browser ?? g.chrome).storage.session.get('holds')).holds ?? {}) as Record<string, unknown>;
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
