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
 *
 * Why a large report is reduced in parts: the worker does one thing at a time, and a stop clicked while it reduces a
 * flooding page's thousand events waits until it is done (up to 316 ms, measured in test/bench/flood.test.ts). A
 * report of more than `EVENTS_PER_PART` events is reduced a part at a time, each in its own task, so that a stop's
 * message, and its answer, get in between. Whatever is dispatched meanwhile waits its turn behind those parts: every
 * action still applies in the order it was dispatched (a frame's disconnect after its last report). `onChange` hears
 * of a report once, with its last part: the badge, the popup and auto-stop never see half a report, nor pay for each
 * part.
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

/** A report with more events than this is reduced in parts, one task each. */
export const EVENTS_PER_PART = 100;

const PREFIX = 'tab:';
/** Every tab's hold, in one item: a few per browser, and each must outlive the worker (background/holds.ts). */
const HOLDS_KEY = 'holds';

/** A report as parts of at most `EVENTS_PER_PART` events: the drops with the first, the snapshot with the last. */
export function partsOf(action: Action): Action[] {
  if (action.type !== 'reported' || action.events.length <= EVENTS_PER_PART) return [action];
  const parts: Action[] = [];
  for (let start = 0; start < action.events.length; start += EVENTS_PER_PART) {
    const isLast = start + EVENTS_PER_PART >= action.events.length;
    parts.push({
      type: 'reported', from: action.from, events: action.events.slice(start, start + EVENTS_PER_PART),
      dropped: start ? {} : action.dropped,
      ...(isLast && { snapshot: action.snapshot, visibility: action.visibility }),
    });
  }
  return parts;
}

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
  /** Whether the holds changed since the last write. */
  let isHoldsDirty = false;
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
    if ((dirty.size === 0 && !isHoldsDirty) || pendingWrite) return;
    const delay = new Promise<void>((resolve) => setTimeout(resolve, writeDelayMs));
    pendingWrite = writing = Promise.all([writing, delay]).then(async () => {
      pendingWrite = undefined;
      if (dirty.size === 0 && !isHoldsDirty) return;
      const isHoldsChanged = isHoldsDirty;
      isHoldsDirty = false;
      const changed = [...dirty];
      dirty.clear();
      if (isHoldsChanged) await area.set({ [HOLDS_KEY]: state.holds ?? {} });
      const kept = changed.filter((id) => id in state.tabs);
      const gone = changed.filter((id) => !(id in state.tabs));
      if (kept.length) await area.set(Object.fromEntries(kept.map((id) => [PREFIX + id, state.tabs[id]])));
      if (gone.length) await area.remove(gone.map((id) => PREFIX + id));
    }).catch((error: unknown) => console.error('Trackstop: could not save state', error));
  }

  /** The state before the first part of a report whose last part has not applied yet. */
  let unannounced: State | undefined;

  /** Applies one action (or part) now and schedules the write; tells `onChange` unless more parts follow. */
  function apply(action: Action, isLastPart = true): State {
    const before = state;
    state = trimEnded(reduce(state, action, clock()), keepEnded());
    for (const id of new Set([...Object.keys(before.tabs), ...Object.keys(state.tabs)])) {
      if (before.tabs[id] !== state.tabs[id]) dirty.add(id);
    }
    if (before.holds !== state.holds) isHoldsDirty = true;
    persist();
    if (!isLastPart) {
      unannounced ??= before;
      return state;
    }
    const first = unannounced ?? before;
    unannounced = undefined;
    if (first !== state) onChange(first, state);
    return state;
  }

  /** Actions waiting their turn behind the parts of a large report, in order; an action's last part settles it. */
  const waiting: {
    action: Action; isLastPart: boolean; settle?: { resolve(state: State): void; reject(error: unknown): void };
  }[] = [];
  /** Called once nothing waits any more. */
  let onIdle: (() => void)[] = [];
  /** Applies the next waiting action, each in a task of its own, until none waits. */
  function applyNext(): void {
    const next = waiting.shift()!;
    try {
      const after = apply(next.action, next.isLastPart);
      next.settle?.resolve(after);
    } catch (error) {
      if (next.settle) next.settle.reject(error);
      else console.error('Trackstop: could not apply a part of a report', error);
    }
    if (waiting.length) return void setTimeout(applyNext, 0);
    for (const resolve of onIdle) resolve();
    onIdle = [];
  }

  return {
    ready,
    get state() { return state; },
    async saved() {
      while (waiting.length) await new Promise<void>((resolve) => onIdle.push(resolve));
      while (pendingWrite) await pendingWrite;
      await writing;
    },
    async dispatch(action) {
      await ready;
      const parts = partsOf(action);
      // Nothing waiting: the action, or its first part, applies at once, as it always did.
      if (!waiting.length) {
        const now = apply(parts.shift()!, !parts.length);
        if (!parts.length) return now;
      }
      return new Promise<State>((resolve, reject) => {
        const isIdle = !waiting.length;
        parts.forEach((part, i) => {
          const isLastPart = i === parts.length - 1;
          waiting.push({ action: part, isLastPart, ...(isLastPart && { settle: { resolve, reject } }) });
        });
        if (isIdle) setTimeout(applyNext, 0);
      });
    },
  };
}
