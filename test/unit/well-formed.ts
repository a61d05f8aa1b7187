/**
 * Generators of well-formed messages for every channel, one per validator, built from the protocol's own types: each
 * arbitrary is declared as the type it makes (`fc.Arbitrary<Message<ContentApi>>`), so a change to a channel's shape
 * that is not made here too is a compile error (`npm test` type-checks test files, see vitest.config.ts).
 */
import fc from 'fast-check';
import type { Message } from '../../src/messages';
import {
  CREATORS, type Drops, ENDERS, type FrameId, PAUSERS, SINK_KINDS, type Sink, type ControlTarget, type TabId,
  TIMELINE_KINDS, type TimelineEvent, type TrackInfo, type TrackRecord, type Visibility, HOLD_KINDS,
} from '../../src/model';
import type { TabSummary } from '../../src/overview';
import type { ChannelNames, PageControlResult, RelayPageApi, ShimApi, ShimEvent } from '../../src/page-world';
import type {
  BackgroundApi, BackgroundPortApi, ContentApi, RelayPortApi, RelayReport, UiApi, WatchApi,
} from '../../src/protocol';
import type { TabView } from '../../src/state';

const id = fc.string({ maxLength: 24 });
/** Mostly short; now and then past the caps of labels and sink names, which validators cut (`capped`). */
const text = fc.oneof({ weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ minLength: 250, maxLength: 300 }) });
const time = fc.double({ noNaN: true, noDefaultInfinity: true });
const count = fc.nat();
const tabId = fc.integer({ min: 0, max: 2 ** 31 }).map((n) => n as TabId);
const frameId = fc.nat().map((n) => n as FrameId);
const ids = fc.array(id, { maxLength: 4 });
const few = { maxLength: 3 };
const empty = fc.constant({} as Record<string, never>);

const sink: fc.Arbitrary<Sink> = fc.record({ kind: fc.constantFrom(...SINK_KINDS), name: text });
const formerSinks = fc.uniqueArray(fc.constantFrom(...SINK_KINDS), { maxLength: SINK_KINDS.length });

const trackFields = {
  id, kind: fc.constantFrom('audio', 'video'), label: text, creator: fc.constantFrom(...CREATORS), parentId: id,
  sourceId: id, readyState: fc.constantFrom('live', 'ended'), muted: fc.boolean(), enabled: fc.boolean(),
  pausedBy: fc.constantFrom(...PAUSERS), constraints: text, createdAt: time, stack: text, endedAt: time,
  endedBy: fc.constantFrom(...ENDERS), sinks: fc.array(sink, few), idleSince: time, formerSinks,
  settings: fc.record({ deviceId: id, groupId: id, width: time, height: time, frameRate: time, displaySurface: id },
    { requiredKeys: [] }),
} as const;
const requiredTrackKeys = ['id', 'kind', 'label', 'creator', 'sourceId', 'readyState', 'muted', 'enabled',
  'createdAt'] as const;

export const trackInfo: fc.Arbitrary<TrackInfo> = fc.record(trackFields, { requiredKeys: [...requiredTrackKeys] });

const trackRecord: fc.Arbitrary<TrackRecord> = fc.record({ ...trackFields, tabId, frameId, documentId: id,
  origin: text, url: text }, { requiredKeys: [...requiredTrackKeys, 'tabId', 'frameId', 'origin'] });

const shimEvent: fc.Arbitrary<ShimEvent> = fc.oneof(
  fc.record({ type: fc.constant('added' as const), track: trackInfo }),
  fc.record({ type: fc.constant('changed' as const), id, muted: fc.boolean(), enabled: fc.boolean(),
    pausedBy: fc.constantFrom(...PAUSERS) }, { requiredKeys: ['type', 'id', 'muted', 'enabled'] }),
  fc.record({ type: fc.constant('ended' as const), id, at: time, by: fc.constantFrom(...ENDERS) }),
  fc.record({ type: fc.constant('sinks' as const), id, at: time, sinks: fc.array(sink, few), idleSince: time,
    formerSinks }, { requiredKeys: ['type', 'id', 'at', 'sinks'] }),
);

const drops: fc.Arbitrary<Drops> = fc.record({ malformed: count, rate: count, overflow: count, cap: count },
  { requiredKeys: [] });
const channelNames: fc.Arbitrary<ChannelNames> = fc.record({ toRelay: id, toShim: id });
const visibility: fc.Arbitrary<Visibility> = fc.record({ hidden: fc.boolean(), since: time });
const outcome = fc.constantFrom('ended', 'already-ended', 'gone', 'failed', 'paused', 'resumed' as const);
const pageControlResult: fc.Arbitrary<PageControlResult> = fc.record({ id, outcome, reason: text },
  { requiredKeys: ['id', 'outcome'] });

const report: fc.Arbitrary<RelayReport> = fc.record({ channel: channelNames, documentTime: time,
  snapshot: fc.array(trackInfo, few), events: fc.array(shimEvent, few), dropped: drops, visibility },
{ requiredKeys: ['events', 'dropped'] });

const target: fc.Arbitrary<ControlTarget> = fc.oneof(
  fc.record({ scope: fc.constant('track' as const), tabId, frameId, trackId: id }),
  fc.record({ scope: fc.constant('source' as const), tabId, sourceKey: id }),
  fc.record({ scope: fc.constant('tab' as const), tabId }),
  fc.record({ scope: fc.constant('devices' as const), tabId }),
  fc.record({ scope: fc.constant('all' as const) }),
);

const timelineEvent: fc.Arbitrary<TimelineEvent> = fc.record({ at: time, frameId, trackId: id,
  what: fc.constantFrom(...TIMELINE_KINDS), by: fc.constantFrom(...ENDERS), sink },
{ requiredKeys: ['at', 'frameId', 'trackId', 'what'] });
const holdKinds = fc.uniqueArray(fc.constantFrom(...HOLD_KINDS), { maxLength: 3 });
const refusalCounts = fc.record({ camera: count, microphone: count, screen: count }, { requiredKeys: [] });

const tabView: fc.Arbitrary<TabView> = fc.record({ tabId, live: fc.array(trackRecord, few),
  ended: fc.array(trackRecord, few), dropped: drops, timeline: fc.array(timelineEvent, few), hiddenSince: time,
  hold: fc.record({ site: fc.string({ maxLength: 64 }), kinds: holdKinds, since: time, refused: refusalCounts }),
  retake: fc.record({ kind: fc.constantFrom(...HOLD_KINDS), afterMs: time, at: time }) },
{ requiredKeys: ['tabId', 'live', 'ended', 'dropped', 'timeline'] });
const tabSummary: fc.Arbitrary<TabSummary> = fc.record({ tabId, live: count, leaks: count, paused: count,
  captures: fc.record({ camera: count, microphone: count, screen: count, other: count }) });

/** `{type, data}` for each method of a channel, from one arbitrary per method's data. */
const messages = <Api>(data: { [K in keyof Api]-?: fc.Arbitrary<Extract<Message<Api>, { type: K }>['data']> }) =>
  fc.oneof(...Object.entries(data).map(([type, arb]) => (arb as fc.Arbitrary<unknown>)
    .map((d) => ({ type, data: d }) as Message<Api>)));

/** One well-formed value per validator of protocol.ts and page-world.ts, by the validator's name. */
export const wellFormed = {
  parseTrackInfo: trackInfo,
  parseBackgroundPortMessage: messages<BackgroundPortApi>({ report,
    reattach: fc.record({ documentTime: time }, { requiredKeys: [] }), holdOf: empty, refused: refusalCounts }),
  parseRelayPortMessage: messages<RelayPortApi>({ channel: fc.record({ channel: channelNames },
    { requiredKeys: [] }), hold: fc.record({ kinds: holdKinds }) }),
  parseContentCommand: messages<ContentApi>({ stopTracks: fc.record({ ids, dispatchEnded: fc.boolean() }),
    pauseTracks: fc.record({ ids, isPaused: fc.boolean() }), resync: empty }),
  parseBackgroundRequest: messages<BackgroundApi>({ getState: fc.record({ tabId }), stop: target,
    pause: fc.record({ target, isPaused: fc.boolean() }),
    hold: fc.record({ target, kinds: holdKinds }, { requiredKeys: ['target'] }), release: fc.record({ tabId }) }),
  parseWatchMessage: messages<WatchApi>({ watch: fc.record({ tabId }), watchAll: empty }),
  parseUiMessage: messages<UiApi>({ stateChanged: tabView,
    overviewChanged: fc.record({ tabs: fc.array(tabSummary, few) }) }),
  parseStopReply: fc.record({ results: fc.array(pageControlResult, few) }),
  parseRelayPageMessage: messages<RelayPageApi>({ events: fc.array(shimEvent, few),
    snapshot: fc.array(trackInfo, few),
    answered: fc.record({ results: fc.array(pageControlResult, few) }), refused: refusalCounts })
    .map((m) => JSON.stringify(m)),
  parseShimCommand: messages<ShimApi>({
    stop: fc.record({ ids, dispatchEnded: fc.boolean() }),
    pause: fc.record({ ids, isPaused: fc.boolean() }),
    snapshot: empty, door: channelNames, line: empty,
    hold: fc.record({ kinds: holdKinds, isPending: fc.boolean(), message: fc.string({ maxLength: 64 }) }),
  }).map((m) => JSON.stringify(m)),
};
