/**
 * Every channel between Trackstop's contexts (see src/messages.ts for how one is typed): an interface per receiver,
 * and one validator per channel for everything that crosses from a less trusted side. Validators return a typed
 * value or `undefined` and never throw. Past 200 lines: each channel's type sits beside its check, so that neither
 * changes without the other.
 *
 *   shim ──RelayPageApi──▶ relay ──BackgroundPortApi (port)──▶ background ──UiApi (port)──▶ extension pages
 *   shim ◀──ShimApi─────── relay ◀──ContentApi (tabs.sendMessage)── background ◀──BackgroundApi, WatchApi── pages
 *                                ◀──RelayPortApi (port)──────
 */
import {
  CREATORS, type Drops, ENDERS, type FrameId, PAUSERS, SINK_KINDS, type Sink, type ControlResult, type ControlTarget,
  type TabId, TIMELINE_KINDS, type TimelineEvent, type TrackInfo, type TrackRecord, type TrackSettings,
  type Visibility, asFrameId, asTabId, HOLD_KINDS, type HoldKind,
} from './model';
import type { Message } from './messages';
import { MAX_ADDRESS } from './origin';
import type { CaptureCounts, TabSummary } from './overview';
import type { TabHold, TabRetake, TabView } from './state';
import {
  type Check, arrayOf, bool, capped, fromJson, int, literal, messageOf, num, object, oneOf, str, union,
} from './validate';
import {
  type ChannelNames, LIMITS, type PageControlResult, type RelayPageApi, type ShimEvent,
} from './page-world';

// ── content script ⇄ background ────────────────────────────────────────────────────────────────────────────

/** What a relay reports. `snapshot`, when present, replaces what the frame reported before. */
export interface RelayReport {
  /** The shim's channel names, sent once, so that a relay injected after an update can take the channel over. */
  channel?: ChannelNames;
  /**
   * With `channel`: the document's `performance.timeOrigin`, which tells documents in one frame apart where the
   * browser gives no `documentId` (Firefox).
   */
  documentTime?: number;
  snapshot?: TrackInfo[];
  events: ShimEvent[];
  /** Page-world messages the relay dropped since its last report, by reason. */
  dropped: Drops;
  /** Whether the document is hidden, and since when: sent with the first report and on every change. */
  visibility?: Visibility;
}

/** What the background receives over a relay's port; the port, not the message, says which frame it is. */
export interface BackgroundPortApi {
  report(report: RelayReport): void;
  /** A relay injected into an open tab after an update asks for its document's channel. */
  reattach(data: { documentTime?: number }): void;
  /** A document of a site that may be held (the gate, background/holds.ts) asks what its tab holds. */
  holdOf(data: Record<string, never>): void;
  /** Capture requests the frame's hold refused, by kind, since the relay last said. */
  refused(counts: RefusalCounts): void;
}

export type RefusalCounts = Partial<Record<HoldKind, number>>;

/**
 * What a relay receives over its port: the answer to `reattach`, only ever its own document's channel, or none; the
 * answer to `holdOf`, what its tab holds.
 */
export interface RelayPortApi {
  channel(data: { channel?: ChannelNames }): void;
  hold(data: { kinds: HoldKind[] }): void;
}

/** What a relay receives from the background, with `tabs.sendMessage` to its frame; the return value is the reply. */
export interface ContentApi {
  stopTracks(data: { ids: string[]; dispatchEnded: boolean }): { results: PageControlResult[] };
  /** Pauses (`enabled = false`) or resumes the tracks, each read back in the page. */
  pauseTracks(data: { ids: string[]; isPaused: boolean }): { results: PageControlResult[] };
  /** Reconnect and report everything live (after a service-worker restart). */
  resync(data: Record<string, never>): void;
}

// ── extension pages ⇄ background ───────────────────────────────────────────────────────────────────────────

/** Requests only extension pages may make, with `runtime.sendMessage`; the return value is the reply. */
export interface BackgroundApi {
  getState(data: { tabId: TabId }): TabView;
  stop(data: ControlTarget): ControlResult[];
  /** Pauses (`enabled = false`) or resumes every live track the target covers. */
  pause(data: { target: ControlTarget; isPaused: boolean }): ControlResult[];
  /**
   * Stop and hold: holds, in each tab the target covers, the kinds of device (camera, microphone, screen) it stops,
   * then stops them. `kinds`, when given, holds those (the offer after a page took a device back).
   */
  hold(data: { target: ControlTarget; kinds?: HoldKind[] }): ControlResult[];
  /** Ends a tab's hold: its requests reach the browser again. */
  release(data: { tabId: TabId }): void;
}

/** What the background receives over an extension page's `UI_PORT` port. */
export interface WatchApi {
  watch(data: { tabId: TabId }): void;
  /** Every tab with live tracks, in summary (src/overview.ts). */
  watchAll(data: Record<string, never>): void;
}

/**
 * What an extension page receives over its `UI_PORT` port: the watched tab's view, or the summary of every tab, now
 * and after every change.
 */
export interface UiApi {
  stateChanged(view: TabView): void;
  overviewChanged(data: { tabs: TabSummary[] }): void;
}

// ── validators ─────────────────────────────────────────────────────────────────────────────────────────────

const id = str(LIMITS.id);
const time = num;
const tabId: Check<TabId> = (x) => { const n = int(0, 2 ** 31)(x); return n === undefined ? undefined : asTabId(n); };
const frameId: Check<FrameId> = (x) => {
  const n = int(0, Number.MAX_SAFE_INTEGER)(x);
  return n === undefined ? undefined : asFrameId(n);
};
const empty = object<Record<string, never>>({});

const settings = object<TrackSettings>({
  deviceId: capped(LIMITS.id), groupId: capped(LIMITS.id), width: num, height: num, frameRate: num,
  displaySurface: capped(32),
}, ['deviceId', 'groupId', 'width', 'height', 'frameRate', 'displaySurface']);

const sink = object<Sink>({ kind: oneOf(SINK_KINDS), name: capped(LIMITS.sinkName) });
const sinks = arrayOf(sink, LIMITS.sinks);
const formerSinks = arrayOf(oneOf(SINK_KINDS), SINK_KINDS.length);

const trackFields = {
  id, kind: oneOf(['audio', 'video']), label: capped(LIMITS.label), creator: oneOf(CREATORS), parentId: id,
  sourceId: capped(LIMITS.id), readyState: oneOf(['live', 'ended']), muted: bool, enabled: bool,
  pausedBy: oneOf(PAUSERS),
  constraints: capped(LIMITS.constraints), settings, createdAt: time, stack: capped(LIMITS.stack), endedAt: time,
  endedBy: oneOf(ENDERS), sinks, idleSince: time, formerSinks,
} as const;
const optionalTrackFields = [
  'pausedBy', 'parentId', 'constraints', 'settings', 'stack', 'endedAt', 'endedBy', 'sinks', 'idleSince', 'formerSinks',
] as const;

export const parseTrackInfo = object<TrackInfo>(trackFields, optionalTrackFields);

export const parseShimEvent: Check<ShimEvent> = union<ShimEvent>('type', {
  added: object({ type: literal('added'), track: parseTrackInfo }),
  changed: object<Extract<ShimEvent, { type: 'changed' }>>({
    type: literal('changed'), id, muted: bool, enabled: bool, pausedBy: oneOf(PAUSERS),
  }, ['pausedBy']),
  ended: object({ type: literal('ended'), id, at: time, by: oneOf(ENDERS) }),
  sinks: object<Extract<ShimEvent, { type: 'sinks' }>>({
    type: literal('sinks'), id, at: time, sinks, idleSince: time, formerSinks,
  }, ['idleSince', 'formerSinks']),
});

const count = int(0, Number.MAX_SAFE_INTEGER);
const drops = object<Drops>({ malformed: count, rate: count, overflow: count, cap: count, detail: count },
  ['malformed', 'rate', 'overflow', 'cap', 'detail']);

const outcome = oneOf(['ended', 'already-ended', 'gone', 'failed', 'paused', 'resumed']);
const pageControlResult = object<PageControlResult>({ id, outcome, reason: capped(LIMITS.reason) }, ['reason']);
const snapshot = arrayOf(parseTrackInfo, LIMITS.tracksPerSnapshot);
const stopResults = arrayOf(pageControlResult, LIMITS.tracksPerSnapshot);

const holdKind = oneOf(HOLD_KINDS);
const holdKinds = arrayOf(holdKind, HOLD_KINDS.length);
const refusalCounts = object<RefusalCounts>({ camera: count, microphone: count, screen: count },
  ['camera', 'microphone', 'screen']);

/** Shim → relay: JSON text from the page world. */
export const parseRelayPageMessage: Check<Message<RelayPageApi>> = fromJson(messageOf<RelayPageApi>({
  events: arrayOf(parseShimEvent, LIMITS.eventsPerPageMessage),
  snapshot,
  answered: object({ results: stopResults }),
  refused: refusalCounts,
}), LIMITS.pageMessage);

const channelNames = object<ChannelNames>({ toRelay: id, toShim: id });

/** Relay → background, over the relay's port. */
export const parseBackgroundPortMessage = messageOf<BackgroundPortApi>({
  report: object<RelayReport>({
    channel: channelNames, documentTime: num, snapshot, events: arrayOf(parseShimEvent, LIMITS.eventsPerMessage),
    dropped: drops, visibility: object<Visibility>({ hidden: bool, since: time }),
  }, ['channel', 'documentTime', 'snapshot', 'visibility']),
  reattach: object<{ documentTime?: number }>({ documentTime: num }, ['documentTime']),
  holdOf: empty,
  refused: refusalCounts,
});

/** Background → relay, over the relay's port. */
export const parseRelayPortMessage = messageOf<RelayPortApi>({
  channel: object<{ channel?: ChannelNames }>({ channel: channelNames }, ['channel']),
  hold: object({ kinds: holdKinds }),
});

/** Background → relay, with `tabs.sendMessage`. */
export const parseContentCommand = messageOf<ContentApi>({
  stopTracks: object({ ids: arrayOf(id, LIMITS.tracksPerSnapshot), dispatchEnded: bool }),
  pauseTracks: object({ ids: arrayOf(id, LIMITS.tracksPerSnapshot), isPaused: bool }),
  resync: empty,
});

/** The relay's reply to `stopTracks`. */
export const parseStopReply = object<{ results: PageControlResult[] }>({ results: stopResults });

const controlTarget: Check<ControlTarget> = union<ControlTarget>('scope', {
  track: object({ scope: literal('track'), tabId, frameId, trackId: id }),
  source: object({ scope: literal('source'), tabId, sourceKey: str(LIMITS.id * 2) }),
  tab: object({ scope: literal('tab'), tabId }),
  devices: object({ scope: literal('devices'), tabId }),
  all: object({ scope: literal('all') }),
});

/** Extension page → background, with `runtime.sendMessage`. */
export const parseBackgroundRequest = messageOf<BackgroundApi>({
  getState: object({ tabId }), stop: controlTarget, pause: object({ target: controlTarget, isPaused: bool }),
  hold: object<{ target: ControlTarget; kinds?: HoldKind[] }>({ target: controlTarget, kinds: holdKinds }, ['kinds']),
  release: object({ tabId }),
});

/** Extension page → background, over a `UI_PORT` port. */
export const parseWatchMessage = messageOf<WatchApi>({ watch: object({ tabId }), watchAll: empty });

const trackRecord = object<TrackRecord>({
  ...trackFields, tabId, frameId, documentId: str(LIMITS.id), origin: capped(1024), url: capped(MAX_ADDRESS),
}, [...optionalTrackFields, 'documentId', 'url']);
const records = arrayOf(trackRecord, LIMITS.tracksPerSnapshot);

const timelineEvent = object<TimelineEvent>({
  at: time, frameId, trackId: id, what: oneOf(TIMELINE_KINDS), by: oneOf(ENDERS), sink,
}, ['by', 'sink']);

/** Background → extension page, over a `UI_PORT` port. Trusted, and checked all the same: one shape, one place. */
export const parseUiMessage = messageOf<UiApi>({
  stateChanged: object<TabView>({
    tabId, live: records, ended: records, dropped: drops, timeline: arrayOf(timelineEvent, 10_000), hiddenSince: time,
    hold: object<TabHold>({ site: capped(1024), kinds: holdKinds, since: time, refused: refusalCounts }),
    retake: object<TabRetake>({ kind: holdKind, afterMs: time, at: time }),
  }, ['hiddenSince', 'hold', 'retake']),
  overviewChanged: object({ tabs: arrayOf(object<TabSummary>({
    tabId, live: count, leaks: count, paused: count,
    captures: object<CaptureCounts>({ camera: count, microphone: count, screen: count, other: count }),
    held: holdKinds, refused: count,
  }, ['held', 'refused']), 100_000) }),
});
