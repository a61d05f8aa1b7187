/**
 * Opening a stack frame at its line in DevTools' Sources panel, where the page runs inside DevTools (the Trackstop
 * panel); elsewhere (the panel page opened as a tab, as the e2e tests do) there is no DevTools to open it in.
 */
import { browser } from './platform';

type OpenResource = (url: string, lineNumber: number, columnNumber?: number) => unknown;

const devtoolsPanels = () =>
  (browser as unknown as { devtools?: { panels?: { openResource?: OpenResource } } }).devtools?.panels;

export const canOpenSource = () => typeof devtoolsPanels()?.openResource === 'function';

/** Opens `url` at a 1-based line as stacks print it; DevTools counts lines and columns from 0. */
export function openSource(url: string, line: number, column: number): void {
  void devtoolsPanels()?.openResource?.(url, line - 1, column - 1);
}

/** The tab DevTools inspects, when this page runs inside DevTools. */
export const inspectedTabId = () =>
  (browser as unknown as { devtools?: { inspectedWindow?: { tabId?: number } } }).devtools?.inspectedWindow?.tabId;
