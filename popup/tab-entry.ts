/**
 * What the popup's list of tabs holds for each tab: the background's summary (src/overview.ts) and what the browser
 * says of the tab. Only the popup asks the browser for this, so it lives here rather than in src/.
 */
import type { TabId } from '../src/model';
import type { TabSummary } from '../src/overview';

/** What the browser says of a tab: its window, title, address and icon (client.ts `allTabs`). */
export interface TabMeta {
  tabId: TabId;
  windowId: number;
  title: string;
  url: string;
  favIconUrl?: string;
}

/** A tab's summary with what the browser says of it, as the popup lists it. */
export interface TabEntry extends TabSummary {
  meta: TabMeta;
}
