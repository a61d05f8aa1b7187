/**
 * The one copy of the state that outlives the service worker: loaded from `storage.session` once, changed only
 * through `dispatch` (which runs the pure reducer), and written back after every change, one write at a time.
 * Callers await `ready` (dispatch does) before reading `state`.
 */
import { type Action, type State, emptyState, reduce } from '../src/state';

export interface SessionArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export interface Store {
  readonly ready: Promise<void>;
  readonly state: State;
  dispatch(action: Action): Promise<State>;
}

const KEY = 'state';

function isState(x: unknown): x is State {
  return typeof x === 'object' && x !== null && typeof (x as State).tabs === 'object' && (x as State).tabs !== null;
}

export function createStore(
  area: SessionArea,
  onChange: (before: State, after: State) => void,
  clock: () => number = Date.now,
): Store {
  let state = emptyState();
  let isWriteQueued = false;
  let writing: Promise<void> = Promise.resolve();

  const ready = area.get(KEY).then(
    (items) => { if (isState(items[KEY])) state = items[KEY]; },
    () => { /* Nothing stored or storage unreadable: start empty, as after a browser restart. */ },
  );

  /** Writes the latest state once the previous write finished; changes made meanwhile ride along. */
  function persist(): void {
    if (isWriteQueued) return;
    isWriteQueued = true;
    writing = writing.then(() => {
      isWriteQueued = false;
      return area.set({ [KEY]: state });
    }).catch((error: unknown) => console.error('Trackstop: could not save state', error));
  }

  return {
    ready,
    get state() { return state; },
    async dispatch(action) {
      await ready;
      const before = state;
      state = reduce(state, action, clock());
      if (state !== before) {
        persist();
        onChange(before, state);
      }
      return state;
    },
  };
}
