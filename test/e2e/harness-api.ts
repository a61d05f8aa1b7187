/**
 * The one interface every e2e test drives a browser through (`Harness`), and what each browser's driver can do
 * (`CAPABILITIES`): a test that needs what one browser cannot do skips there by its flag (`can(name).pressKeys`),
 * rather than reaching past the Harness into one driver. The drivers (chromium-harness.ts, firefox.ts) implement it
 * and import nothing of harness.ts; harness.ts launches them and holds the helpers the tests share.
 */
import { resolve } from 'node:path';
import type { Browser } from 'puppeteer-core';

export type BrowserName = 'chromium' | 'firefox';
export const BROWSERS = (process.env.E2E_BROWSERS ?? 'chromium,firefox').split(',') as BrowserName[];

/** The built extension each browser loads (`npm run build`). */
export const EXTENSION_DIRS: Record<BrowserName, string> = {
  chromium: resolve(__dirname, '../../dist/chromium'),
  firefox: resolve(__dirname, '../../dist/firefox'),
};

/** The part of a puppeteer page the tests use, in either protocol. */
export interface TestPage {
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  evaluate<R>(fn: () => R | Promise<R>): Promise<R>;
  goto(url: string): Promise<unknown>;
  bringToFront(): Promise<void>;
  close(): Promise<void>;
  isClosed(): boolean;
  url(): string;
  waitForSelector(selector: string): Promise<unknown>;
  waitForFunction(fn: () => unknown): Promise<unknown>;
  /** Focuses, clicks or selects in the element `selector` finds, as a person's input would. */
  focus(selector: string): Promise<void>;
  click(selector: string): Promise<void>;
  select(selector: string, ...values: string[]): Promise<string[]>;
  /** Real key presses (where `can(browser).pressKeys`). */
  keyboard: { press(key: string): Promise<void> };
  once(event: 'close', listener: () => void): unknown;
}

/** What one browser's driver can do beyond what every test needs. */
export interface Capabilities {
  /** `reloadExtension`: load the extension again over itself, as an update does. */
  reloadExtension: boolean;
  /** `backgroundHeapBytes`: tell the background's JavaScript heap. */
  backgroundHeap: boolean;
  /** `inBackground`: run a function in the background with the extension's API. */
  runInBackground: boolean;
  /** `launchHarness(name, { profile })`: start again on a profile kept from before, as after a browser restart. */
  reuseProfile: boolean;
  /** `launchHarness(name, { backForwardCache: true })`: keep pages in the back/forward cache. */
  backForwardCache: boolean;
  /**
   * `launchHarness(name, { isAttachedToTabs: false })`: attach to extension pages only, so that the browser may
   * prerender (Chromium does not while DevTools is attached to a tab); tabs are then worked through `inBackground`.
   */
  detachFromTabs: boolean;
  /** `page.keyboard.press` sends real keys. */
  pressKeys: boolean;
  /** `pageOpened` sees a page something else opened (a script's `window.open`, the extension's `tabs.create`). */
  watchOpenedPages: boolean;
  /** `saveDownloadsTo`: the browser saves downloads into a given folder without asking. */
  saveDownloads: boolean;
}

export const CAPABILITIES: Record<BrowserName, Capabilities> = {
  chromium: { reloadExtension: true, backgroundHeap: true, runInBackground: true, reuseProfile: true,
    backForwardCache: true, detachFromTabs: true, pressKeys: true, watchOpenedPages: true, saveDownloads: true },
  // Over WebDriver BiDi: no DevTools protocol for the heap, the background or downloads; `waitForTarget` never
  // sees a page a script opened.
  firefox: { reloadExtension: true, backgroundHeap: false, runInBackground: false, reuseProfile: false,
    backForwardCache: false, detachFromTabs: false, pressKeys: true, watchOpenedPages: false, saveDownloads: false },
};

export const can = (name: BrowserName) => CAPABILITIES[name];

export interface HarnessOptions {
  /** False for the same browser without Trackstop, to compare against. */
  withExtension?: boolean;
  /** An X display to open a real window on (test/e2e/x-display.ts), instead of running headless. */
  display?: string;
  /** What `prefers-color-scheme` says in every page; the system's (light, headless) by default. */
  colorScheme?: 'light' | 'dark';
  /** A profile folder to use and keep (`can.reuseProfile`); by default a fresh one, removed on close. */
  profile?: string;
  /** Keep pages in the back/forward cache (`can.backForwardCache`); off by default, so that none lingers. */
  backForwardCache?: boolean;
  /** False to attach to extension pages only (`can.detachFromTabs`). */
  isAttachedToTabs?: boolean;
  /**
   * The optional permissions (`notifications`) granted from the start, as if the person had accepted the browser's
   * prompt, which a headless browser cannot show: Firefox accepts such requests by a pref; Chromium, which has no
   * switch for it, loads a copy of the build whose manifest asks for them outright.
   */
  grantOptionalPermissions?: boolean;
}

/** A launched browser with the built extension, fake devices and the demo pages on localhost. */
export interface Harness {
  browser: BrowserName;
  /** The puppeteer browser underneath, for a test that watches the protocol itself (privacy.test.ts). */
  driver: Browser;
  baseUrl: string;
  /** What this browser's driver can do; a method it cannot do throws. */
  can: Capabilities;
  /** A fresh tab at `path` under the demo pages, with a unique query so that tabs can be told apart. */
  open(path?: string): Promise<TestPage>;
  /** An extension page, e.g. `popup.html?tab=3`, loaded and ready. */
  openExtensionPage(pathAndQuery: string): Promise<TestPage>;
  /** The address of an extension page, e.g. `popup.html?tab=3`. */
  extensionUrl(pathAndQuery: string): string;
  /** The page whose address `isWanted`, once a script or the extension has opened it (`can.watchOpenedPages`). */
  pageOpened(isWanted: (url: string) => boolean): Promise<TestPage>;
  tabIdOf(page: TestPage): Promise<number>;
  /** Stops the background (service worker or event page) and returns once a new one would have to start. */
  restartBackground(): Promise<void>;
  /** Makes the tab's document hidden, as when a person switches away: Chromium minimizes its window, Firefox opens
   * another tab in front of it. */
  hide(page: TestPage): Promise<void>;
  /** Loads the extension again over itself, as an update does (`can.reloadExtension`). */
  reloadExtension(): Promise<void>;
  /** The background's JavaScript heap after a garbage collection, in bytes (`can.backgroundHeap`). */
  backgroundHeapBytes(): Promise<number>;
  /** `fn(...args)` in the background, where the extension's API is `chrome` (`can.runInBackground`). */
  inBackground<A extends unknown[], R>(fn: (...args: A) => R | Promise<R>, ...args: A): Promise<Awaited<R>>;
  /** Lets downloads be saved into `folder` without asking (`can.saveDownloads`). */
  saveDownloadsTo(folder: string): Promise<void>;
  close(): Promise<void>;
}

/** For the methods a driver cannot do: says which and where. */
export const cannot = (browser: BrowserName, what: string) => () => Promise.reject(
  new Error(`${browser} cannot ${what} (see CAPABILITIES in test/e2e/harness-api.ts)`));

let uniqueTab = 0;
/** `path` under the demo pages with a query no other tab has. */
export const uniqueUrl = (baseUrl: string, path: string) => {
  const url = new URL(path, `${baseUrl}/`);
  url.searchParams.set('tab', String(++uniqueTab));
  return url.href;
};
