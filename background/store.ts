/**
 * The one copy of the state that outlives the service worker: loaded from `storage.session` once, changed only
 * through `dispatch` (which runs the pure reducer), and written back after every change, one write at a time.
 * Each tab is stored under its own key, so a write serializes only the tabs that changed.
 * Callers await `ready` (dispatch does) before reading `state`.
 */
import { type Action, type State, type TabState, emptyState, reduce } from '../src/state';

export interface SessionArea {
  get(keys: null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

export interface Store {
  readonly ready: Promise<void>;
  readonly state: State;
  dispatch(action: Action): Promise<State>;
}

const PREFIX = 'tab:';

function isTabState(x: unknown): x is TabState {
  const t = x as TabState;
  return typeof t === 'object' && t !== null && typeof t.live === 'object' && Array.isArray(t.ended)
    && typeof t.dropped === 'object';
}

export function createStore(
  area: SessionArea,
  onChange: (before: State, after: State) => void,
  clock: () => number = Date.now,
): Store {
  let state = emptyState();
  const dirty = new Set<string>();
  let writing: Promise<void> = Promise.resolve();

  const ready = area.get(null).then(
    (items) => {
      const tabs: State['tabs'] = {};
      for (const [key, value] of Object.entries(items)) {
        if (key.startsWith(PREFIX) && isTabState(value)) tabs[key.slice(PREFIX.length)] = value;
      }
      state = { tabs };
    },
    () => { /* Storage unreadable: start empty, as after a browser restart. */ },
  );

  /** Writes the changed tabs once the previous write finished; changes made meanwhile ride along. */
  function persist(): void {
    if (dirty.size === 0) return;
    writing = writing.then(async () => {
      if (dirty.size === 0) return;
      const changed = [...dirty];
      dirty.clear();
      const kept = changed.filter((id) => id in state.tabs);
      const gone = changed.filter((id) => !(id in state.tabs));
      if (kept.length) await area.set(Object.fromEntries(kept.map((id) => [PREFIX + id, state.tabs[id]])));
      if (gone.length) await area.remove(gone.map((id) => PREFIX + id));
    }).catch((error: unknown) => console.error('Trackstop: could not save state', error));
  }

  return {
    ready,
    get state() { return state; },
    async dispatch(action) {
      await ready;
      const before = state;
      state = reduce(state, action, clock());
      if (state === before) return state;
      for (const id of new Set([...Object.keys(before.tabs), ...Object.keys(state.tabs)])) {
        if (before.tabs[id] !== state.tabs[id]) dirty.add(id);
      }
      persist();
      onChange(before, state);
      return state;
    },
  };
}
