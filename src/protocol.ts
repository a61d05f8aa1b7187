/**
 * Every message Trackstop's contexts exchange, one type map per receiver, and the validators for everything that
 * crosses from a less trusted side. Validators return a typed value or `undefined` and never throw.
 *
 *   shim (page world) ──ShimMessage──▶ relay ──RelayReport (port)──▶ background ──UiPush (port)──▶ extension pages
 *   shim ◀──ShimCommand── relay ◀──ContentCommand (tabs.sendMessage)── background ◀──BackgroundApi── extension pages
 */
import {
  CREATORS, type Drops, ENDERS, type StopResult, type StopTarget, type TabId, type TrackInfo, type TrackRecord,
  type TrackSettings, asFrameId, asTabId,
} from './model';
import {
  type Check, arrayOf, bool, capped, fromJson, int, literal, num, object, oneOf, str, union,
} from './validate';
import { type ChannelNames, LIMITS, type PageStopResult, type ShimEvent, type ShimMessage } from './page-world';

export * from './page-world';

// ── content script ⇄ background ────────────────────────────────────────────────────────────────────────────

/** Relay → background, over the frame's port. `snapshot`, when present, replaces what the frame reported before. */
export interface RelayReport {
  type: 'report';
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
}

/** A relay injected into an open tab after an update asks, over its port, for its document's channel. */
export interface ReattachRequest {
  type: 'reattach';
  documentTime?: number;
}
/** The background's answer over the same port: only ever that document's own channel, or none. */
export interface ChannelReply {
  type: 'channel';
  channel?: ChannelNames;
}

/** Background → relay, with `tabs.sendMessage` to one frame. */
export interface ContentApi {
  stopTracks(data: { ids: string[]; dispatchEnded: boolean }): { results: PageStopResult[] };
  /** Reconnect and report everything live (after a service-worker restart). */
  resync(data: Record<string, never>): void;
}

// ── extension pages ⇄ background ───────────────────────────────────────────────────────────────────────────

/** What an extension page sees of one tab. */
export interface TabView {
  tabId: TabId;
  live: TrackRecord[];
  /** Most recent first. */
  ended: TrackRecord[];
  dropped: Drops;
}

/** Requests only extension pages may make. */
export interface BackgroundApi {
  getState(data: { tabId: TabId }): TabView;
  stop(data: StopTarget): StopResult[];
}

/** Background → extension page, over a `UI_PORT` port after the page sent `WatchMessage`. */
export interface UiPush {
  type: 'stateChanged';
  view: TabView;
}
export interface WatchMessage {
  type: 'watch';
  tabId: TabId;
}

export type Request<Api> = { [K in keyof Api]: Api[K] extends (data: infer D) => unknown ? { type: K; data: D } : never }[keyof Api];
export type Reply<Api, K extends keyof Api> = Api[K] extends (...args: never[]) => infer R ? R : never;

// ── validators ─────────────────────────────────────────────────────────────────────────────────────────────

const id = str(LIMITS.id);
const time = num;
const tabId: Check<TabId> = (x) => { const n = int(0, 2 ** 31)(x); return n === undefined ? undefined : asTabId(n); };
const frameId = (x: unknown) => { const n = int(0, Number.MAX_SAFE_INTEGER)(x); return n === undefined ? undefined : asFrameId(n); };

const settings = object<TrackSettings>({
  deviceId: capped(LIMITS.id), groupId: capped(LIMITS.id), width: num, height: num, frameRate: num,
  displaySurface: capped(32),
}, ['deviceId', 'groupId', 'width', 'height', 'frameRate', 'displaySurface']);

export const parseTrackInfo = object<TrackInfo>({
  id, kind: oneOf(['audio', 'video']), label: capped(LIMITS.label), creator: oneOf(CREATORS), parentId: id,
  sourceId: capped(LIMITS.id), readyState: oneOf(['live', 'ended']), muted: bool, enabled: bool,
  constraints: capped(LIMITS.constraints), settings, createdAt: time, stack: capped(LIMITS.stack), endedAt: time,
  endedBy: oneOf(ENDERS),
}, ['parentId', 'constraints', 'settings', 'stack', 'endedAt', 'endedBy']);

export const parseShimEvent: Check<ShimEvent> = union<ShimEvent>('e', {
  added: object({ e: literal('added'), track: parseTrackInfo }),
  changed: object({ e: literal('changed'), id, muted: bool, enabled: bool }),
  ended: object({ e: literal('ended'), id, at: time, by: oneOf(ENDERS) }),
});

const count = int(0, Number.MAX_SAFE_INTEGER);
const drops = object<Drops>({ malformed: count, rate: count, overflow: count, cap: count },
  ['malformed', 'rate', 'overflow', 'cap']);

const outcome = oneOf(['ended', 'already-ended', 'gone', 'failed']);
const pageStopResult = object<PageStopResult>({ id, outcome, reason: capped(LIMITS.reason) }, ['reason']);
const events = arrayOf(parseShimEvent, LIMITS.eventsPerMessage);
const snapshot = arrayOf(parseTrackInfo, LIMITS.tracksPerSnapshot);

/** Shim → relay: JSON text from the page world. */
export const parseShimMessage: Check<ShimMessage> = fromJson(union<ShimMessage>('t', {
  events: object({ t: literal('events'), events }),
  snapshot: object({ t: literal('snapshot'), tracks: snapshot }),
  stopped: object({ t: literal('stopped'), requestId: id, results: arrayOf(pageStopResult, LIMITS.tracksPerSnapshot) }),
}), LIMITS.pageMessage);

const channelNames = object<ChannelNames>({ toRelay: id, toShim: id });
export const parseChannelNames: Check<ChannelNames> = fromJson(channelNames, 512);

export const parseRelayReport = object<RelayReport>({
  type: literal('report'), channel: channelNames, documentTime: num, snapshot, events, dropped: drops,
}, ['channel', 'documentTime', 'snapshot']);

export const parseReattachRequest = object<ReattachRequest>({ type: literal('reattach'), documentTime: num }, ['documentTime']);
export const parseChannelReply = object<ChannelReply>({ type: literal('channel'), channel: channelNames }, ['channel']);

export const parseContentCommand: Check<Request<ContentApi>> = union<Request<ContentApi>>('type', {
  stopTracks: object({
    type: literal('stopTracks'),
    data: object({ ids: arrayOf(id, LIMITS.tracksPerSnapshot), dispatchEnded: bool }),
  }),
  resync: object({ type: literal('resync'), data: object<Record<string, never>>({}) }),
});

export const parseStopReply = object<{ results: PageStopResult[] }>({
  results: arrayOf(pageStopResult, LIMITS.tracksPerSnapshot),
});

const stopTarget: Check<StopTarget> = union<StopTarget>('scope', {
  track: object({ scope: literal('track'), tabId, frameId, trackId: id }),
  source: object({ scope: literal('source'), tabId, sourceKey: str(LIMITS.id * 2) }),
  tab: object({ scope: literal('tab'), tabId }),
  all: object({ scope: literal('all') }),
});

export const parseBackgroundRequest: Check<Request<BackgroundApi>> = union<Request<BackgroundApi>>('type', {
  getState: object({ type: literal('getState'), data: object({ tabId }) }),
  stop: object({ type: literal('stop'), data: stopTarget }),
});

export const parseWatchMessage = object<WatchMessage>({ type: literal('watch'), tabId });
