/**
 * Extension pages that watch a tab: each holds a port and gets the tab's view whenever it changes.
 * Kept in memory only: when the worker restarts, the pages' ports break and they reconnect.
 */
import type { Runtime } from 'webextension-polyfill';
import type { TabId } from '../src/model';
import type { Message, UiApi } from '../src/protocol';
import { type State, tabView } from '../src/state';

export function createWatchers() {
  const byTab = new Map<TabId, Set<Runtime.Port>>();

  function push(port: Runtime.Port, state: State, tabId: TabId): void {
    const message: Message<UiApi> = { type: 'stateChanged', data: tabView(state, tabId) };
    try {
      port.postMessage(message);
    } catch {
      byTab.get(tabId)?.delete(port);
    }
  }

  return {
    watch(port: Runtime.Port, tabId: TabId, state: State): void {
      const ports = byTab.get(tabId) ?? new Set();
      ports.add(port);
      byTab.set(tabId, ports);
      port.onDisconnect.addListener(() => ports.delete(port));
      push(port, state, tabId);
    },
    notify(before: State, after: State): void {
      for (const [tabId, ports] of byTab) {
        if (before.tabs[tabId] === after.tabs[tabId]) continue;
        for (const port of ports) push(port, after, tabId);
      }
    },
  };
}
