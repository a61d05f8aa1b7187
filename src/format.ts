/**
 * The words the UI uses for tracks and results, in the person's language (src/i18n.ts). Pure functions, so every
 * extension page says the same thing.
 */
import {
  DROP_REASONS, type DropReason, type Drops, type EndedBy, type Sink, type ControlResult, type TimelineEvent,
  type HoldKind, type TrackRecord, totalDrops,
} from './model';
import { listText, t, tp } from './i18n';
import { originOf } from './origin';

/** The first eight characters of an id, without the braces Firefox puts around its track ids. */
export function shortId(id: string): string {
  const bare = id.replace(/^\{(.*)\}$/, '$1');
  return bare.length > 8 ? `${bare.slice(0, 8)}…` : bare;
}

/** "4 s", "12 min", "3 h", "2 d". */
export function durationText(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return t('durationSeconds', s);
  if (s < 3600) return t('durationMinutes', Math.floor(s / 60));
  if (s < 86400) return t('durationHours', Math.floor(s / 3600));
  return t('durationDays', Math.floor(s / 86400));
}

const ENDED_BY_TEXT: Record<EndedBy, () => string> = {
  page: () => t('endedByPage'),
  extension: () => t('endedByExtension'),
  source: () => t('endedBySource'),
  unload: () => t('endedByUnload'),
  collected: () => t('endedByCollected'),
};

export const endedByText = (by: EndedBy | undefined) => (by ? ENDED_BY_TEXT[by]() : t('endedByUnknown'));

/** The read-back result of a stop, as shown next to the track. A reason comes from the page, as it gave it. */
export function outcomeText(result: Pick<ControlResult, 'outcome' | 'reason'>): string {
  switch (result.outcome) {
    case 'ended': return t('outcomeEnded');
    case 'already-ended': return t('outcomeAlreadyEnded');
    case 'gone': return result.reason ? t('outcomeGoneBecause', result.reason) : t('outcomeGone');
    case 'failed': return t('outcomeFailedBecause', result.reason ?? t('noReasonGiven'));
    case 'paused': return t('outcomePaused');
    case 'resumed': return t('outcomeResumed');
  }
}

/** What a stop, pause or resume came to, for the live region: "Stopped: 3 ended, 1 already ended." */
export function outcomesText(action: 'stop' | 'pause' | 'resume', results: readonly ControlResult[]): string {
  if (!results.length) return { stop: () => t('stoppedNothing'), pause: () => t('pausedNothing'),
    resume: () => t('resumedNothing') }[action]();
  const counts = new Map<string, number>();
  for (const { outcome } of results) {
    const text = outcomeText({ outcome }); // without reasons, so that like outcomes count together
    counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  const list = [...counts].map(([text, n]) => t('countOf', n, text)).join(', ');
  return { stop: () => t('stoppedList', list), pause: () => t('pausedList', list),
    resume: () => t('resumedList', list) }[action]();
}

/** "2 live tracks from 1 source; 1 looks leaked": a summary, with how many tracks look leaked if any do. */
export const withLeaks = (summary: string, leaks: number) =>
  (leaks ? t('withLeaks', summary, tp('lookLeaked', leaks)) : summary);

/** Whether a live track is producing media: enabled and not muted. */
export const isPlaying = (track: Pick<TrackRecord, 'enabled' | 'muted'>) => track.enabled && !track.muted;

/** A live track's state: "live", "paused by Trackstop", "paused by the page", "muted by the browser". */
export function playStateText(track: Pick<TrackRecord, 'enabled' | 'muted' | 'pausedBy'>): string {
  if (!track.enabled) return track.pausedBy === 'extension' ? t('pausedByExtension') : t('pausedByPage');
  return track.muted ? t('mutedByBrowser') : t('stateLive');
}

const KIND_TEXT: Record<string, () => string> = {
  camera: () => t('kindCamera'),
  microphone: () => t('kindMicrophone'),
  screen: () => t('kindScreen'),
  window: () => t('kindWindow'),
  tab: () => t('kindTab'),
  application: () => t('kindApplication'),
  'screen audio': () => t('kindScreenAudio'),
  'window audio': () => t('kindWindowAudio'),
  'tab audio': () => t('kindTabAudio'),
  canvas: () => t('kindCanvas'),
  'element capture': () => t('kindElementCapture'),
  'remote audio': () => t('kindRemoteAudio'),
  'remote video': () => t('kindRemoteVideo'),
  'web audio': () => t('kindWebAudio'),
  'generated audio': () => t('kindGeneratedAudio'),
  'generated video': () => t('kindGeneratedVideo'),
  audio: () => t('kindAudio'),
  video: () => t('kindVideo'),
};

/** A capture kind (src/capture.ts `captureKind`) in words: "camera", "screen audio". */
export const kindText = (kind: string) => KIND_TEXT[kind]?.() ?? kind;

/** "Held: camera — 3 requests refused": a hold, as the popup, the list of tabs and the badge's tooltip say it. */
export const heldText = (kinds: readonly HoldKind[], refused: number) =>
  t('heldSaid', listText(kinds.map(kindText)), tp('requestsRefused', refused));

/** How a track was made: "getUserMedia", "clone of 1a2b3c4d…". API names stay as they are. */
export function creatorText(track: Pick<TrackRecord, 'creator' | 'parentId'>): string {
  if (track.creator === 'clone') return track.parentId ? t('cloneOf', shortId(track.parentId)) : t('clone');
  if (track.creator === 'adopted') return t('adopted');
  return track.creator;
}

const SINK_VERBS: Record<Sink['kind'], (name: string) => string> = {
  element: (name) => (name.startsWith('audio') ? t('sinkPlayedIn', name) : t('sinkShownIn', name)),
  peer: (name) => t('sinkSentOn', name),
  recorder: (name) => t('sinkRecordedBy', name),
  webaudio: () => t('sinkWebAudio'),
  processor: (name) => t('sinkReadBy', name),
  imagecapture: (name) => t('sinkReadBy', name),
};

/** What a sink does with the track: "shown in video#self", "sent on peer connection 2", "fed to Web Audio". */
export const sinkText = (sink: Sink) => SINK_VERBS[sink.kind](sinkName(sink));

/**
 * A sink's name: an element's as the page wrote it, an API's as it is, and the shim's numbered connections
 * ("peer connection 2") in words.
 */
function sinkName(sink: Sink): string {
  const connection = /^peer connection (\d+)$/.exec(sink.name);
  return connection ? t('peerConnection', connection[1]!) : sink.name;
}

/** The sinks of a track in words, or what it means that there are none. */
export function sinksText(sinks: readonly Sink[] | undefined): string {
  return sinks?.length ? sinks.map(sinkText).join(', ') : t('feedsNothing');
}

/** One timeline entry in words, without its time and track. */
export function timelineText(event: Pick<TimelineEvent, 'what' | 'by' | 'sink'>): string {
  switch (event.what) {
    case 'created': return t('timelineCreated');
    case 'attached': return event.sink ? t('timelineNow', sinkText(event.sink)) : t('timelineAttached');
    case 'detached': return event.sink ? t('timelineNoLonger', sinkText(event.sink)) : t('timelineDetached');
    case 'muted': return t('timelineMuted');
    case 'unmuted': return t('timelineUnmuted');
    case 'ended': return t('timelineEnded', endedByText(event.by));
  }
}

const DROP_TEXT: Record<DropReason, () => string> = {
  malformed: () => t('dropMalformed'),
  rate: () => t('dropRate'),
  overflow: () => t('dropOverflow'),
  cap: () => t('dropCap'),
  detail: () => t('dropDetail'),
};

/** "12 messages from this page dropped: 10 sent too fast, 2 malformed.", or '' when nothing was dropped. */
export function dropsText(drops: Drops): string {
  const parts = DROP_REASONS.filter((r) => drops[r]).map((r) => t('countOf', drops[r]!, DROP_TEXT[r]()));
  if (!parts.length) return '';
  return tp('droppedMessages', totalDrops(drops), parts.join(', '));
}

/**
 * Where a frame is from, for "in …" under a track, from a record's `origin` and `url`. A sandboxed or data:
 * frame's origin is opaque, which the browser spells "null": say what kind of frame it is instead, from its URL.
 */
export function frameOriginText({ origin, url }: { origin: string | undefined; url?: string | undefined }): string {
  if (origin && origin !== 'null') return origin;
  if (url?.startsWith('data:')) return t('frameData');
  // Firefox tells no origin for about:blank and about:srcdoc frames, which take their parent's.
  if (url?.startsWith('about:')) return t('frameAbout', url.replace(/[?#].*$/, ''));
  const from = originOf(url);
  return from ? t('frameSandboxed', from) : t('frameOpaque');
}
