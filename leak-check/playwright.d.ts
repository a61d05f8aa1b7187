/** trackstop-leak-check/playwright: Playwright's `test` and `expect`, with the leak check (see README.md). */
import type { BrowserContext, Page, TestType, PlaywrightTestArgs, PlaywrightTestOptions, PlaywrightWorkerArgs,
  PlaywrightWorkerOptions, Expect } from '@playwright/test';
import type { CheckOptions, CheckResult } from './index.js';

export type { CheckOptions, CheckResult, Leak, Report, ReportTrack } from './index.js';

/** Playwright's `test`: every page and frame of the test's context carries the check before the app's first script. */
export declare const test: TestType<PlaywrightTestArgs & PlaywrightTestOptions,
  PlaywrightWorkerArgs & PlaywrightWorkerOptions>;

/**
 * Playwright's `expect`, with `toHaveNoLeakedTracks` (fails when a track of the page looks leaked, by the extension's
 * rules, and attaches the report and its HTML view) and `toHaveNoLiveCapture` (fails while any camera, microphone or
 * screen track is live: what "after leaving the call" means), both awaited on a Page.
 */
export declare const expect: Expect<{
  toHaveNoLeakedTracks(page: Page, options?: CheckOptions): Promise<{ pass: boolean; message(): string }>;
  toHaveNoLiveCapture(page: Page, options?: CheckOptions): Promise<{ pass: boolean; message(): string }>;
}>;


/** Installs the check on a context yourself (the `test` above does it for you). */
export declare function installLeakCheck(context: BrowserContext): Promise<void>;
/** Every track of the page and its leaks. */
export declare function checkLeaks(page: Page, options?: CheckOptions): Promise<CheckResult>;
