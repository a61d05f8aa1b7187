/**
 * The background's whole state as a pure reducer, plus the selectors every view uses (`tabView`, `tabIdsOf`; what a
 * stop or pause covers is src/control-plan.ts). `reduce` never mutates its input and never throws on reported data
 * (it was validated before it got here). Past 200 lines: one reducer, whose cases share the helpers below it.
 */
import {
  type Drops, type EndedBy, type FrameAddress, type PausedBy, type FrameId, addDrops, type Sink, type ControlResult,
  type HoldKind, type TabId, type TimelineEvent, type TrackInfo, type TrackRecord, type Visibility, trackKey,
} from './model';
import { holdKindOf } from './capture';
import type { ShimEvent } from './page-world';
import { MAX_KEPT_ENDED } from './settings';
import { pageTextOf, pageTextOfTab, withinBudget } from './tab-budget';

/** Per tab: at most this many live records, and this many recently ended ones (the rest are dropped and counted). */
export const MAX_LIVE_PER_TAB = 2000;
export const MAX_ENDED_PER_TAB = MAX_KEPT_ENDED;
/** Per tab: the newest timeline entries kept. */
export const MAX_TIMELINE_PER_TAB = 300;

export interface TabState {
  /** Keyed by `trackKey(frameId, id)`. */
  live: Record<string, TrackRecord>;
  /** Most recent first. */
  ended: TrackRecord[];
  /** Records or messages dropped for this tab, by reason. */
  dropped: Drops;
  /** What happened to the tab's tracks, oldest first. Absent in state stored before there was one. */
  timeline?: TimelineEvent[];
  /** Since when the tab's top document has been hidden, while it is. */
  hiddenSince?: number;
  /** Trackstop's last stop without a hold in this tab: when, and the kinds of device it ended. */
  lastStop?: { at: number; kinds: HoldKind[] };
  /** The page asked for a device again soon after that stop (RETAKE_WINDOW_MS). */
  retake?: TabRetake;
}

/** A page took a device back after Trackstop's stop: which, how long after the stop, and when. */
export interface TabRetake {
  kind: HoldKind;
  afterMs: number;
  at: number;
}

/**
 * Stop and hold in one tab: its requests for these kinds are refused until the person releases them or the tab's top
 * document leaves `site` (a hostname). Kept apart from the tab's tracks: a reload empties those, not the hold.
 */
export interface TabHold {
  site: string;
  kinds: HoldKind[];
  since: number;
  /** Requests refused since the hold began, by kind. */
  refused: Partial<Record<HoldKind, number>>;
}

export interface State {
  tabs: Record<string, TabState>;
  /** Holds by tab id; absent in state stored before there were holds. */
  holds?: Record<string, TabHold>;
}

/** How many requests a hold refused, every kind together. */
export const refusedCount = (hold: TabHold) => hold.kinds.reduce((sum, kind) => sum + (hold.refused[kind] ?? 0), 0);

/** A request for a device this long after Trackstop stopped one of its kind is a page taking it back. */
export const RETAKE_WINDOW_MS = 10_000;

export const emptyState = (): State => ({ tabs: {} });

/** What an extension page sees of one tab (`tabView`). */
export interface TabView {
  tabId: TabId;
  live: TrackRecord[];
  /** Most recent first. */
  ended: TrackRecord[];
  dropped: Drops;
  /** Oldest first. */
  timeline: TimelineEvent[];
  /** Since when the tab has been hidden, while it is. */
  hiddenSince?: number;
  hold?: TabHold;
  /** Shown while the page holds what it took back and no hold stops it. */
  retake?: TabRetake;
}

export type Action =
  | {
    type: 'reported'; from: FrameAddress; events: ShimEvent[]; snapshot?: TrackInfo[] | undefined; dropped: Drops;
    visibility?: Visibility | undefined;
  }
  | { type: 'frameGone'; tabId: TabId; frameId: FrameId; documentId?: string | undefined }
  | { type: 'tabGone'; tabId: TabId }
  /** `startedAt`: when the stop or pause was asked for (a page that takes a device back may answer before it). */
  | { type: 'controlsConfirmed'; results: ControlResult[]; startedAt?: number }
  /** Adds `kinds` to the tab's hold on `site` (a hold on another site is replaced). */
  | { type: 'held'; tabId: TabId; site: string; kinds: HoldKind[] }
  | { type: 'released'; tabId: TabId }
  | { type: 'refused'; tabId: TabId; counts: Partial<Record<HoldKind, number>> };

export function reduce(state: State, action: Action, now: number): State {
  switch (action.type) {
    case 'reported': {
      const { from } = action;
      let tab = cloneTab(state.tabs[from.tabId]);
      tab.dropped = addDrops(tab.dropped, action.dropped);
      const isHeld = !!state.holds?.[from.tabId];
      for (const event of action.events) tab = applyEvent(tab, from, event, now, isHeld);
      if (action.snapshot) tab = applySnapshot(tab, from, action.snapshot, now);
      if (action.visibility && from.frameId === 0) tab = withVisibility(tab, action.visibility);
      return withTab(state, from.tabId, tab);
    }
    case 'frameGone': {
      const old = state.tabs[action.tabId];
      if (!old) return state;
      const isGoneDocument = (r: TrackRecord) =>
        !action.documentId || !r.documentId || r.documentId === action.documentId;
      const inFrame = Object.values(old.live).filter((r) => r.frameId === action.frameId);
      // The top document going away means the tab navigated or closed: its tracks leave with it, unless the next
      // document has already reported (its port can connect before the old one's disconnect arrives).
      if (action.frameId === 0 && inFrame.every(isGoneDocument)) return withoutTab(state, action.tabId);
      let tab = cloneTab(old);
      for (const record of inFrame) if (isGoneDocument(record)) tab = endTrack(tab, record, now, 'unload');
      return withTab(state, action.tabId, tab);
    }
    case 'tabGone':
      return withoutHold(withoutTab(state, action.tabId), action.tabId);
    case 'held': {
      const old = state.holds?.[action.tabId];
      const kept = old?.site === action.site ? old : undefined;
      const kinds = [...new Set([...kept?.kinds ?? [], ...action.kinds])];
      const hold: TabHold = { site: action.site, kinds, since: kept?.since ?? now, refused: kept?.refused ?? {} };
      const tab = state.tabs[action.tabId];
      const next = tab?.retake || tab?.lastStop
        ? withTab(state, action.tabId, { ...tab, retake: undefined, lastStop: undefined }) : state;
      return { ...next, holds: { ...state.holds, [action.tabId]: hold } };
    }
    case 'released':
      return withoutHold(state, action.tabId);
    case 'refused': {
      const old = state.holds?.[action.tabId];
      if (!old) return state;
      const refused = { ...old.refused };
      for (const kind of old.kinds) refused[kind] = (refused[kind] ?? 0) + (action.counts[kind] ?? 0);
      return { ...state, holds: { ...state.holds, [action.tabId]: { ...old, refused } } };
    }
    case 'controlsConfirmed': {
      // One copy of each tab the results touch, however many tracks: a stop of 500 tracks copied the tab 500 times.
      const copies = new Map<TabId, TabState>();
      for (const result of action.results) {
        const key = trackKey(result.frameId, result.trackId);
        if (!state.tabs[result.tabId]?.live[key]) continue;
        const tab = copies.get(result.tabId) ?? cloneTab(state.tabs[result.tabId]);
        copies.set(result.tabId, tab);
        const record = tab.live[key];
        if (!record) continue;
        const by = stopEnder(result);
        if (by) endTrack(tab, record, now, by);
        if (result.outcome === 'ended') noteStop(tab, record, action.startedAt ?? now, !!state.holds?.[result.tabId]);
        if (result.outcome === 'paused' || result.outcome === 'resumed') {
          const isPaused = result.outcome === 'paused';
          tab.live[key] = withEnabled(record, !isPaused, isPaused ? 'extension' : undefined);
        }
      }
      let next = state;
      for (const [tabId, tab] of copies) {
        // The page may have taken the device back already, its report ahead of this answer.
        for (const record of Object.values(tab.live)) noteRetake(tab, record, now, action.startedAt);
        next = withTab(next, tabId, tab);
      }
      return next;
    }
  }
}

/** The record with `enabled` set, and who paused it while it is paused. */
function withEnabled(record: TrackRecord, enabled: boolean, pausedBy: PausedBy | undefined): TrackRecord {
  const { pausedBy: _old, ...rest } = record;
  return enabled ? { ...rest, enabled } : { ...rest, enabled, pausedBy: pausedBy ?? 'page' };
}

/** Who ended a track, as far as a stop's result tells. */
function stopEnder(result: ControlResult): EndedBy | undefined {
  if (result.outcome === 'ended') return 'extension';
  if (result.outcome === 'gone') return result.reason === 'collected' ? 'collected' : 'unload';
  return undefined;
}

/** Remembers what a stop without a hold ended, so that a page taking it back is noticed (`retake`). */
function noteStop(tab: TabState, record: TrackRecord, now: number, isHeld: boolean): void {
  const kind = holdKindOf(record);
  if (!kind || isHeld) return;
  const kinds = tab.lastStop && now - tab.lastStop.at < 1000 ? tab.lastStop.kinds : [];
  tab.lastStop = { at: now, kinds: kinds.includes(kind) ? kinds : [...kinds, kind] };
}

/** A capture made soon after Trackstop stopped its kind (and not before `since`): the page took it back. */
function noteRetake(tab: TabState, info: TrackInfo, now: number, since = -Infinity): void {
  const kind = holdKindOf(info);
  const stop = tab.lastStop;
  if (!kind || !stop || tab.retake || info.readyState !== 'live' || !stop.kinds.includes(kind)) return;
  if (info.creator !== 'getUserMedia' && info.creator !== 'getDisplayMedia') return;
  const afterMs = info.createdAt - stop.at;
  if (info.createdAt >= since && afterMs >= 0 && afterMs <= RETAKE_WINDOW_MS) tab.retake = { kind, afterMs, at: now };
}

function applyEvent(tab: TabState, from: FrameAddress, event: ShimEvent, now: number, isHeld: boolean): TabState {
  switch (event.type) {
    case 'added':
      noteRetake(tab, event.track, now);
      return upsert(tab, from, event.track, now);
    case 'changed': {
      const record = tab.live[trackKey(from.frameId, event.id)];
      if (!record) return tab;
      if (record.muted !== event.muted) log(tab, { at: now, ...at(record), what: event.muted ? 'muted' : 'unmuted' });
      tab.live[trackKey(from.frameId, event.id)] = withEnabled({ ...record, muted: event.muted }, event.enabled,
        event.pausedBy);
      return tab;
    }
    case 'sinks': {
      const record = tab.live[trackKey(from.frameId, event.id)];
      if (!record) return tab;
      logSinkChanges(tab, record, record.sinks ?? [], event.sinks, event.at);
      const { idleSince: _idle, formerSinks: _former, ...rest } = record;
      return keepLive(tab, trackKey(from.frameId, event.id), {
        ...rest, sinks: event.sinks,
        ...(event.idleSince !== undefined && { idleSince: event.idleSince }),
        ...(event.formerSinks && { formerSinks: event.formerSinks }),
      });
    }
    case 'ended': {
      const record = tab.live[trackKey(from.frameId, event.id)];
      // The shim reports Trackstop's own stop as it happens, often before the stop's answer is confirmed.
      if (record && event.by === 'extension') noteStop(tab, record, event.at, isHeld);
      return record ? endTrack(tab, record, event.at, event.by) : tab;
    }
  }
}

/** A snapshot is everything live in the frame: what it lacks has ended without our seeing how. */
function applySnapshot(tab: TabState, from: FrameAddress, tracks: TrackInfo[], now: number): TabState {
  const present = new Set(tracks.map((t) => t.id));
  for (const record of Object.values(tab.live)) {
    if (record.frameId === from.frameId && !present.has(record.id)) tab = endTrack(tab, record, now, undefined);
  }
  for (const track of tracks) tab = upsert(tab, from, track, now);
  return tab;
}

function upsert(tab: TabState, from: FrameAddress, info: TrackInfo, now: number): TabState {
  const key = trackKey(from.frameId, info.id);
  const record: TrackRecord = { ...info, ...from };
  const known = tab.live[key] ?? endedIndexOf(tab.ended).get(key);
  // A track first seen ended (made and ended within one batch) is logged as both; a capped one as neither.
  const isCapped = info.readyState === 'live' && !known && Object.keys(tab.live).length >= MAX_LIVE_PER_TAB;
  if (!known && !isCapped) log(tab, { at: info.createdAt, ...at(record), what: 'created' });
  if (info.readyState === 'ended') {
    if (known?.readyState !== 'ended') {
      log(tab, { at: info.endedAt ?? now, ...at(record), what: 'ended', ...by(info.endedBy) });
    }
    return addEnded(tab, slim(record));
  }
  if (!tab.live[key] && Object.keys(tab.live).length >= MAX_LIVE_PER_TAB) {
    tab.dropped = addDrops(tab.dropped, { cap: 1 });
    return tab;
  }
  logSinkChanges(tab, record, known?.readyState === 'live' ? known.sinks ?? [] : [], info.sinks ?? [], now);
  return keepLive(tab, key, record);
}

/**
 * The page-made text of a tab's live records, counted once per action and then kept up to date as records come and
 * go (keyed by the action's own copy of `live`): summing 2,000 records for each of 2,000 new ones took seconds.
 */
const liveText = new WeakMap<Record<string, TrackRecord>, number>();
const textOf = (live: Record<string, TrackRecord>) => liveText.get(live) ?? pageTextOfTab(live);

/** Keeps a live record within the tab's budget of page-made text (src/tab-budget.ts), counting a trimmed one. */
function keepLive(tab: TabState, key: string, record: TrackRecord): TabState {
  const before = tab.live[key];
  const others = textOf(tab.live) - (before ? pageTextOf(before) : 0);
  const { record: kept, isTrimmed } = withinBudget(record, others);
  if (isTrimmed) tab.dropped = addDrops(tab.dropped, { detail: 1 });
  tab.live[key] = kept;
  liveText.set(tab.live, others + pageTextOf(kept));
  return tab;
}

/**
 * An ended record keeps no stack or constraints: the ended list is for saying who ended what, and keeping it small
 * keeps every storage write of the tab small.
 */
function slim(record: TrackRecord): TrackRecord {
  const { stack: _stack, constraints: _constraints, ...kept } = record;
  return kept;
}

function endTrack(tab: TabState, record: TrackRecord, time: number, ender: EndedBy | undefined): TabState {
  const ended: TrackRecord = { ...slim(record), readyState: 'ended', endedAt: time };
  if (ender) ended.endedBy = ender;
  log(tab, { at: time, ...at(record), what: 'ended', ...by(ender) });
  return addEnded(tab, ended);
}

const at = (r: TrackRecord) => ({ frameId: r.frameId, trackId: r.id });
const by = (ender: EndedBy | undefined) => (ender ? { by: ender } : {});
const sinkId = (s: Sink) => `${s.kind}\n${s.name}`;

/** Adds to the timeline, dropping the oldest past the cap. The tab is already a copy, its timeline too. */
function log(tab: TabState, event: TimelineEvent): void {
  const timeline = tab.timeline!;
  timeline.push(event);
  if (timeline.length > MAX_TIMELINE_PER_TAB) timeline.splice(0, timeline.length - MAX_TIMELINE_PER_TAB);
}

/** Logs the sinks that went and came between two reports of a track. */
function logSinkChanges(
  tab: TabState, record: TrackRecord, before: readonly Sink[], after: readonly Sink[], time: number,
): void {
  const had = new Set(before.map(sinkId));
  const has = new Set(after.map(sinkId));
  for (const sink of before) if (!has.has(sinkId(sink))) log(tab, { at: time, ...at(record), what: 'detached', sink });
  for (const sink of after) if (!had.has(sinkId(sink))) log(tab, { at: time, ...at(record), what: 'attached', sink });
}

function withVisibility(tab: TabState, visibility: Visibility): TabState {
  const { hiddenSince: _old, ...rest } = tab;
  return visibility.hidden ? { ...rest, hiddenSince: visibility.since } : rest;
}

/**
 * Moves a track to the front of the ended list, out of the live ones. A relay may report a track's end again after
 * a restart (content/create-relay.ts): one record per track. The list is the action's own copy (`cloneTab`), changed
 * in place with an index of its keys: filtering and copying the whole list for each of a flooding page's thousand
 * events in one report held the worker for up to 300 ms, and a stop clicked meanwhile waited behind it.
 */
function addEnded(tab: TabState, ended: TrackRecord): TabState {
  const key = trackKey(ended.frameId, ended.id);
  const gone = tab.live[key];
  if (gone) {
    const text = liveText.get(tab.live);
    if (text !== undefined) liveText.set(tab.live, text - pageTextOf(gone));
    delete tab.live[key];
  }
  const list = tab.ended;
  const index = endedIndexOf(list);
  const old = index.get(key);
  if (old) list.splice(list.indexOf(old), 1);
  list.unshift(ended);
  index.set(key, ended);
  while (list.length > MAX_ENDED_PER_TAB) {
    const last = list.pop()!;
    index.delete(trackKey(last.frameId, last.id));
  }
  return tab;
}

/** The ended records of an action's copy of the list by key, made once per action and kept up to date by `addEnded`. */
const endedIndex = new WeakMap<TrackRecord[], Map<string, TrackRecord>>();
function endedIndexOf(list: TrackRecord[]): Map<string, TrackRecord> {
  let index = endedIndex.get(list);
  if (!index) {
    index = new Map();
    // Oldest first, so that of two records of one track (none are kept, but stored state is not ours) the newest wins.
    for (let i = list.length - 1; i >= 0; i--) index.set(trackKey(list[i]!.frameId, list[i]!.id), list[i]!);
    endedIndex.set(list, index);
  }
  return index;
}

const cloneTab = (tab: TabState | undefined): TabState => (tab
  ? { ...tab, live: { ...tab.live }, ended: [...tab.ended], timeline: [...tab.timeline ?? []] }
  : { live: {}, ended: [], dropped: {}, timeline: [] });

const withTab = (state: State, tabId: TabId, tab: TabState): State =>
  ({ ...state, tabs: { ...state.tabs, [tabId]: tab } });

function withoutHold(state: State, tabId: TabId): State {
  if (!state.holds?.[tabId]) return state;
  const holds = { ...state.holds };
  delete holds[tabId];
  return { ...state, holds };
}

function withoutTab(state: State, tabId: TabId): State {
  if (!(tabId in state.tabs)) return state;
  const tabs = { ...state.tabs };
  delete tabs[tabId];
  return { ...state, tabs };
}

/** The state with at most `keep` ended tracks in each tab (the person's setting; the reducer keeps more). */
export function trimEnded(state: State, keep: number): State {
  let tabs: State['tabs'] | undefined;
  for (const [key, tab] of Object.entries(state.tabs)) {
    if (tab.ended.length <= keep) continue;
    tabs ??= { ...state.tabs };
    tabs[key] = { ...tab, ended: tab.ended.slice(0, keep) };
  }
  return tabs ? { ...state, tabs } : state;
}

// ── selectors ──────────────────────────────────────────────────────────────────────────────────────────────

const byAge = (a: TrackRecord, b: TrackRecord) => a.createdAt - b.createdAt;

export function tabView(state: State, tabId: TabId): TabView {
  const tab = state.tabs[tabId];
  return {
    tabId,
    live: tab ? Object.values(tab.live).sort(byAge) : [],
    ended: tab ? tab.ended : [],
    dropped: tab ? tab.dropped : {},
    timeline: tab?.timeline ?? [],
    ...(tab?.hiddenSince !== undefined && { hiddenSince: tab.hiddenSince }),
    ...(state.holds?.[tabId] && { hold: state.holds[tabId] }),
    // Once held, or once the page let what it took back go, there is nothing to offer.
    ...(tab?.retake && !state.holds?.[tabId] && isRetakeLive(tab) && { retake: tab.retake }),
  };
}

const isRetakeLive = (tab: TabState) =>
  Object.values(tab.live).some((r) => holdKindOf(r) === tab.retake!.kind && r.readyState === 'live');

/** The tabs (by key) whose view differs between two states: their tracks, or their hold. */
export function changedTabKeys(before: State, after: State): string[] {
  const keys = new Set([before.tabs, after.tabs, before.holds ?? {}, after.holds ?? {}].flatMap(Object.keys));
  return [...keys].filter((key) => before.tabs[key] !== after.tabs[key] || before.holds?.[key] !== after.holds?.[key]);
}

export const tabIdsOf = (state: State): TabId[] => Object.keys(state.tabs).map((k) => Number(k) as TabId);
