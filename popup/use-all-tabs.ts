/**
 * The popup's view of every tab: the background's summary of each tab with live tracks (src/overview.ts), joined with
 * what the browser says of each tab (window, title, address, icon), which the popup asks for itself.
 */
import { useEffect, useState } from 'preact/hooks';
import type { TabId } from '../src/model';
import type { TabSummary } from '../src/overview';
import type { TabEntry, TabMeta } from './tab-entry';
import { allTabs, watchAllTabs } from './client';

export function useAllTabs(): { tabs: TabEntry[]; windowOf: (tabId: TabId) => number | undefined } {
  const [summaries, setSummaries] = useState<TabSummary[]>([]);
  const [metas, setMetas] = useState<ReadonlyMap<TabId, TabMeta>>(new Map());
  useEffect(() => watchAllTabs(setSummaries), []);
  // Asked again when the set of tabs changes, not on every count that changes (a churning page changes them often).
  const tabIds = summaries.map((s) => s.tabId).join();
  useEffect(() => {
    let isCurrent = true;
    allTabs().then((all) => { if (isCurrent) setMetas(new Map(all.map((t) => [t.tabId, t]))); }, () => {});
    return () => { isCurrent = false; };
  }, [tabIds]);
  // A tab the browser no longer lists has closed; the background drops it in a moment.
  const tabs = summaries.flatMap((s) => {
    const meta = metas.get(s.tabId);
    return meta ? [{ ...s, meta }] : [];
  });
  return { tabs, windowOf: (tabId) => metas.get(tabId)?.windowId };
}
