/**
 * The words the UI uses for tracks and results. Pure functions, so every extension page says the same thing.
 */
import {
  DROP_REASONS, type Drops, type EndedBy, type Sink, type StopResult, type TimelineEvent, type TrackRecord, totalDrops,
} from './model';

/** The first eight characters of an id, without the braces Firefox puts around its track ids. */
export function shortId(id: string): string {
  const bare = id.replace(/^\{(.*)\}$/, '$1');
  return bare.length > 8 ? `${bare.slice(0, 8)}…` : bare;
}

/** "4 s", "12 min", "3 h", "2 d". */
export function durationText(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86400) return `${Math.floor(s / 3600)} h`;
  return `${Math.floor(s / 86400)} d`;
}

const ENDED_BY_TEXT: Record<EndedBy, string> = {
  page: 'by the page',
  extension: 'by Trackstop',
  source: 'by its source (device lost or permission revoked)',
  unload: 'when its frame unloaded',
  collected: 'when the page dropped it (garbage-collected)',
};

export const endedByText = (by: EndedBy | undefined) => (by ? ENDED_BY_TEXT[by] : 'while Trackstop was not looking');

/** The read-back result of a stop, as shown next to the track. */
export function outcomeText(result: Pick<StopResult, 'outcome' | 'reason'>): string {
  switch (result.outcome) {
    case 'ended': return 'ended';
    case 'already-ended': return 'already ended';
    case 'gone': return result.reason ? `gone: ${result.reason}` : 'gone';
    case 'failed': return `failed: ${result.reason ?? 'no reason given'}`;
    case 'paused': return 'paused';
    case 'resumed': return 'resumed';
  }
}

/** What a stop, pause or resume came to, for the live region: "Stopped: 3 ended, 1 already ended." */
export function outcomesText(action: 'stop' | 'pause' | 'resume', results: readonly StopResult[]): string {
  const verb = { stop: 'Stopped', pause: 'Paused', resume: 'Resumed' }[action];
  if (!results.length) return `${verb}: nothing was live.`;
  const counts = new Map<string, number>();
  for (const { outcome } of results) {
    const text = outcomeText({ outcome }); // without reasons, so that like outcomes count together
    counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  return `${verb}: ${[...counts].map(([text, n]) => `${n} ${text}`).join(', ')}.`;
}

/** Whether a live track is producing media: enabled and not muted. */
export const isPlaying = (t: Pick<TrackRecord, 'enabled' | 'muted'>) => t.enabled && !t.muted;

/** A live track's state: "live", "paused by Trackstop", "paused by the page", "muted by the browser". */
export function playStateText(t: Pick<TrackRecord, 'enabled' | 'muted' | 'pausedBy'>): string {
  if (!t.enabled) return t.pausedBy === 'extension' ? 'paused by Trackstop' : 'paused by the page';
  return t.muted ? 'muted by the browser' : 'live';
}

/** How a track was made: "getUserMedia", "clone of 1a2b3c4d…". */
export function creatorText(track: Pick<TrackRecord, 'creator' | 'parentId'>): string {
  if (track.creator === 'clone') return track.parentId ? `clone of ${shortId(track.parentId)}` : 'clone';
  if (track.creator === 'adopted') return 'seen first in new MediaStream()';
  return track.creator;
}

const SINK_VERBS: Record<Sink['kind'], (name: string) => string> = {
  element: (name) => (name.startsWith('audio') ? `played in ${name}` : `shown in ${name}`),
  peer: (name) => `sent on ${name}`,
  recorder: (name) => `recorded by ${name}`,
  webaudio: () => 'fed to Web Audio',
  processor: (name) => `read by ${name}`,
  imagecapture: (name) => `read by ${name}`,
};

/** What a sink does with the track: "shown in video#self", "sent on peer connection 2", "fed to Web Audio". */
export const sinkText = (sink: Sink) => SINK_VERBS[sink.kind](sink.name);

/** The sinks of a track in words, or what it means that there are none. */
export function sinksText(sinks: readonly Sink[] | undefined): string {
  return sinks?.length ? sinks.map(sinkText).join(', ') : 'feeds nothing';
}

/** One timeline entry in words, without its time and track. */
export function timelineText(event: Pick<TimelineEvent, 'what' | 'by' | 'sink'>): string {
  switch (event.what) {
    case 'attached': return event.sink ? `now ${sinkText(event.sink)}` : 'attached';
    case 'detached': return event.sink ? `no longer ${sinkText(event.sink)}` : 'detached';
    case 'ended': return `ended ${endedByText(event.by)}`;
    default: return event.what;
  }
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const DROP_TEXT = {
  malformed: 'malformed',
  rate: 'sent too fast',
  overflow: 'while Trackstop was away and its buffer was full',
  cap: `over the tab's limit on tracks`,
} as const;

/** "12 messages dropped: 10 sent too fast, 2 malformed", or '' when nothing was dropped. */
export function dropsText(drops: Drops): string {
  const parts = DROP_REASONS.filter((r) => drops[r]).map((r) => `${drops[r]} ${DROP_TEXT[r]}`);
  if (!parts.length) return '';
  return `${plural(totalDrops(drops), 'message')} from this page dropped: ${parts.join(', ')}.`;
}

/** A page address's origin, for naming a tab: "https://example.com"; the address itself if it has none. */
export function originOf(url: string): string {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? url : origin;
  } catch {
    return url;
  }
}

/**
 * Where a frame is from, for "in …" under a track. A sandboxed or data: frame's origin is opaque, which the browser
 * spells "null": say what kind of frame it is instead, from its URL. Called by the background with what the
 * browser says of the sending frame.
 */
export function frameOriginText(origin: string | undefined, url: string | undefined): string {
  if (origin && origin !== 'null') return origin;
  if (url?.startsWith('data:')) return 'a data: frame';
  // Firefox tells no origin for about:blank and about:srcdoc frames, which take their parent's.
  if (url?.startsWith('about:')) return `an ${url.replace(/[?#].*$/, '')} frame`;
  try {
    const from = url ? new URL(url).origin : 'null';
    return from === 'null' ? 'a frame with an opaque origin' : `a sandboxed frame from ${from}`;
  } catch {
    return 'a frame with an opaque origin';
  }
}
