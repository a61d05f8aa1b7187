/**
 * The one copy of the state that outlives the service worker: loaded from `storage.session` once, changed only
 * through `dispatch` (which runs the pure reducer), and written back shortly after a change, one write at a time.
 * Each tab is stored under its own key, so a write serializes only the tabs that changed.
 * Callers await `ready` (dispatch does) before reading `state`.
 *
 * Why not write at once: each write is work in the browser process, the same process that serves the page's
 * getUserMedia calls, and a page that opens and stops tracks in a loop would pay for one write per report. Changes
 * within `WRITE_DELAY_MS` share one write. What a worker that dies inside that window never wrote is made good by
 * the relays: one whose port breaks within `UNSAVED_WINDOW_MS` of its last report reconnects and re-reports
 * (content/create-relay.ts, src/report-queue.ts). The popup and the badge read the state in memory, so they never
 * wait for a write.
 */
import { type Action, MAX_ENDED_PER_TAB, type State, type TabState, emptyState, reduce, trimEnded } from '../src/state';

export interface SessionArea {
  get(keys: null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

export interface Store {
  readonly ready: Promise<void>;
  readonly state: State;
  dispatch(action: Action): Promise<State>;
  /** Resolves once every change dispatched so far is written. */
  saved(): Promise<void>;
}

/** Changes within this long share one write. Must stay well under the relays' `UNSAVED_WINDOW_MS`. */
export const WRITE_DELAY_MS = 250;

const PREFIX = 'tab:';
/** Every tab's hold, in one item: a few per browser, and each must outlive the worker (background/holds.ts). */
const HOLDS_KEY = 'holds';
const HOLDS_DIRTY = '\u0000holds';

function isTabState(x: unknown): x is TabState {
  const t = x as TabState;
  return typeof t === 'object' && t !== null && typeof t.live === 'object' && Array.isArray(t.ended)
    && typeof t.dropped === 'object';
}

export function createStore(
  area: SessionArea,
  onChange: (before: State, after: State) => void,
  { clock = Date.now, writeDelayMs = WRITE_DELAY_MS, keepEnded = () => MAX_ENDED_PER_TAB }:
    { clock?: () => number; writeDelayMs?: number; keepEnded?: () => number } = {},
): Store {
  let state = emptyState();
  const dirty = new Set<string>();
  let writing: Promise<void> = Promise.resolve();
  /** The write waiting out the delay, if any; changes made meanwhile ride along with it. */
  let pendingWrite: Promise<void> | undefined;

  const ready = area.get(null).then(
    (items) => {
      const tabs: State['tabs'] = {};
      for (const [key, value] of Object.entries(items)) {
        if (key.startsWith(PREFIX) && isTabState(value)) tabs[key.slice(PREFIX.length)] = value;
      }
      const holds = items[HOLDS_KEY];
      state = typeof holds === 'object' && holds !== null ? { tabs, holds: holds as State['holds'] } : { tabs };
    },
    () => { /* Storage unreadable: start empty, as after a browser restart. */ },
  );

  /** Writes the changed tabs after the delay, once the previous write finished; changes made meanwhile ride along. */
  function persist(): void {
    if (dirty.size === 0 || pendingWrite) return;
    const delay = new Promise<void>((resolve) => setTimeout(resolve, writeDelayMs));
    pendingWrite = writing = Promise.all([writing, delay]).then(async () => {
      pendingWrite = undefined;
      if (dirty.size === 0) return;
      const isHoldsChanged = dirty.delete(HOLDS_DIRTY);
      const changed = [...dirty];
      dirty.clear();
      if (isHoldsChanged) await area.set({ [HOLDS_KEY]: state.holds ?? {} });
      const kept = changed.filter((id) => id in state.tabs);
      const gone = changed.filter((id) => !(id in state.tabs));
      if (kept.length) await area.set(Object.fromEntries(kept.map((id) => [PREFIX + id, state.tabs[id]])));
      if (gone.length) await area.remove(gone.map((id) => PREFIX + id));
    }).catch((error: unknown) => console.error('Trackstop: could not save state', error));
  }

  return {
    ready,
    get state() { return state; },
    async saved() { while (pendingWrite) await pendingWrite; await writing; },
    async dispatch(action) {
      await ready;
      const before = state;
      state = trimEnded(reduce(state, action, clock()), keepEnded());
      if (state === before) return state;
      for (const id of new Set([...Object.keys(before.tabs), ...Object.keys(state.tabs)])) {
        if (before.tabs[id] !== state.tabs[id]) dirty.add(id);
      }
      if (before.holds !== state.holds) dirty.add(HOLDS_DIRTY);
      persist();
      onChange(before, state);
      return state;
    },
  };
}
