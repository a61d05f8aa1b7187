/** trackstop-leak-check/puppeteer (see README.md). */
import type { Browser, Page } from 'puppeteer-core';
import type { CheckOptions, CheckResult, Report, ReportTrack } from './index.js';

export type { CheckOptions, CheckResult, Leak, Report, ReportTrack } from './index.js';

/** Puts the check into every new document of a page, or of every page of a browser. Call it before loading the app. */
export declare function installLeakCheck(pageOrBrowser: Page | Browser): Promise<void>;
/** Every track of the page (all frames) and its leaks: each with its track's id, kind, label, reason and stack. */
export declare function checkLeaks(page: Page, options?: CheckOptions): Promise<CheckResult>;
export declare function leaksMessage(result: CheckResult, url: string): string;
export declare function liveCaptureMessage(live: ReportTrack[], url: string): string;
export declare function reportHtml(report: Report): string;
