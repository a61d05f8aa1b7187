/**
 * Extension pages that watch a tab, or every tab: each holds a port and gets the tab's view, or the summary of every
 * tab, whenever it changes, at most once per `FRAME_MS`. Kept in memory only: when the worker restarts, the pages'
 * ports break and they reconnect.
 *
 * Why at most once a frame: while pages churn tracks, every frame of each reports up to four times a second, and each
 * view costs the worker a copy and sort of the tab, and the page a render; no page draws faster than a frame. The
 * changes within one go out together, from the state before the first to the state after the last.
 */
import type { Runtime } from 'webextension-polyfill';
import type { TabId } from '../src/model';
import type { TabSummary } from '../src/overview';
import type { Message } from '../src/messages';
import type { UiApi } from '../src/protocol';
import { type State, changedTabKeys, tabView } from '../src/state';

/** About one frame at 60 Hz. */
export const FRAME_MS = 16;

export function createWatchers(
  summarize: (state: State) => TabSummary[], { frameMs = FRAME_MS, clock = Date.now } = {},
) {
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
  /** The state before the first change not yet sent, and the latest, while a send waits for its frame. */
  let unsent: { before: State; after: State } | undefined;
  let lastSentAt = -Infinity;

  function sendChanges(before: State, after: State): void {
    lastSentAt = clock();
    let isAnyChanged = false;
    for (const key of changedTabKeys(before, after)) {
      isAnyChanged = true;
      const tabId = Number(key) as TabId;
      for (const port of byTab.get(tabId) ?? []) send(port, viewOf(after, tabId), byTab.get(tabId));
    }
    if (!isAnyChanged || !ofAll.size) return;
    const message = overview(after);
    for (const port of ofAll) send(port, message, ofAll);
  }

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
    /** A change after a quiet frame goes out at once; those within the frame after it, together at its end. */
    notify(before: State, after: State): void {
      if (unsent) return void (unsent.after = after);
      const wait = lastSentAt + frameMs - clock();
      if (wait <= 0) return sendChanges(before, after);
      unsent = { before, after };
      setTimeout(() => {
        const { before: first, after: last } = unsent!;
        unsent = undefined;
        sendChanges(first, last);
      }, wait);
    },
  };
}
