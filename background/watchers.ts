/**
 * Extension pages that watch a tab, or every tab: each holds a port and gets the tab's view, or the summary of every
 * tab, whenever it changes. Kept in memory only: when the worker restarts, the pages' ports break and they reconnect.
 */
import type { Runtime } from 'webextension-polyfill';
import type { TabId } from '../src/model';
import type { TabSummary } from '../src/overview';
import type { Message } from '../src/messages';
import type { UiApi } from '../src/protocol';
import { type State, changedTabKeys, tabView } from '../src/state';

export function createWatchers(summarize: (state: State) => TabSummary[]) {
  const byTab = new Map<TabId, Set<Runtime.Port>>();
  const ofAll = new Set<Runtime.Port>();

  /** Sends, and forgets a port whose page went away meanwhile. */
  function send(port: Runtime.Port, message: Message<UiApi>, watchers: Set<Runtime.Port> | undefined): void {
    try {
      port.postMessage(message);
    } catch {
      watchers?.delete(port);
    }
  }
  const viewOf = (state: State, tabId: TabId): Message<UiApi> =>
    ({ type: 'stateChanged', data: tabView(state, tabId) });
  const overview = (state: State): Message<UiApi> => ({ type: 'overviewChanged', data: { tabs: summarize(state) } });

  return {
    watch(port: Runtime.Port, tabId: TabId, state: State): void {
      const ports = byTab.get(tabId) ?? new Set();
      ports.add(port);
      byTab.set(tabId, ports);
      port.onDisconnect.addListener(() => ports.delete(port));
      send(port, viewOf(state, tabId), ports);
    },
    watchAll(port: Runtime.Port, state: State): void {
      ofAll.add(port);
      port.onDisconnect.addListener(() => ofAll.delete(port));
      send(port, overview(state), ofAll);
    },
    notify(before: State, after: State): void {
      let isAnyChanged = false;
      for (const key of changedTabKeys(before, after)) {
        isAnyChanged = true;
        const tabId = Number(key) as TabId;
        for (const port of byTab.get(tabId) ?? []) send(port, viewOf(after, tabId), byTab.get(tabId));
      }
      if (!isAnyChanged || !ofAll.size) return;
      const message = overview(after);
      for (const port of ofAll) send(port, message, ofAll);
    },
  };
}
