/**
 * The bottom layer of src/: the records Trackstop keeps about media tracks, their ids and keys, and the unions the
 * layers above switch on. Pure data; imports nothing. A source is never stored; it is derived from the tracks that
 * share a `sourceId` (src/source-id.ts says how one is spelled; src/sources.ts groups them).
 */

export type TabId = number & { readonly brand: 'TabId' };
export type FrameId = number & { readonly brand: 'FrameId' };

export const asTabId = (n: number) => n as TabId;
export const asFrameId = (n: number) => n as FrameId;

export const CREATORS = ['getUserMedia', 'getDisplayMedia', 'clone', 'canvas', 'element', 'remote', 'generator',
  'webaudio', 'adopted'] as const;
/** How a track came to be. `adopted`: first seen already made, e.g. passed to `new MediaStream()`. */
export type Creator = (typeof CREATORS)[number];

export const ENDERS = ['page', 'extension', 'source', 'unload', 'collected'] as const;
/** Who ended a track: the page's own `stop()`, Trackstop, the source (device lost, revoked), unload, or GC. */
export type EndedBy = (typeof ENDERS)[number];

export type TrackKind = 'audio' | 'video';

export const PAUSERS = ['page', 'extension'] as const;
/** Who set a track's `enabled` to false: the page itself, or Trackstop's Pause. */
export type PausedBy = (typeof PAUSERS)[number];

export const SINK_KINDS = ['element', 'peer', 'recorder', 'webaudio', 'processor', 'imagecapture'] as const;
/** What consumes a track: a media element, an RTCRtpSender, a MediaRecorder, Web Audio, a track processor, … */
export type SinkKind = (typeof SINK_KINDS)[number];

/** One consumer of a track, while it can consume: element in the document, connection open, recorder recording. */
export interface Sink {
  kind: SinkKind;
  /** `video#self`, `audio.remote`, `peer connection 2`, `MediaRecorder`, … (page-supplied, capped). */
  name: string;
}

/** What the shim knows of one track, as it crosses from the page world. */
export interface TrackInfo {
  /** `MediaStreamTrack.id`: unique within the frame that reports it. */
  id: string;
  kind: TrackKind;
  label: string;
  creator: Creator;
  /** The track this one was cloned from. */
  parentId?: string;
  /** Tracks with the same source id share one capture; unique within the frame. */
  sourceId: string;
  readyState: 'live' | 'ended';
  muted: boolean;
  enabled: boolean;
  /** While `enabled` is false: who paused it. */
  pausedBy?: PausedBy;
  /** What the page asked for, as JSON text (capped). */
  constraints?: string;
  /** What the page got: `getSettings()`, a few known fields. */
  settings?: TrackSettings;
  createdAt: number;
  stack?: string;
  endedAt?: number;
  endedBy?: EndedBy;
  /** What consumes the track now. Absent from reports of shims that do not watch sinks (none today). */
  sinks?: Sink[];
  /** While nothing consumes it: since when (its creation, or when its last sink went). */
  idleSince?: number;
  /** The kinds of sink that consumed it once and no longer do (a closed connection, a stopped recorder). */
  formerSinks?: SinkKind[];
}

export interface TrackSettings {
  deviceId?: string;
  groupId?: string;
  width?: number;
  height?: number;
  frameRate?: number;
  displaySurface?: string;
}

export const TIMELINE_KINDS = ['created', 'attached', 'detached', 'muted', 'unmuted', 'ended'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** One thing that happened to a track, for the DevTools panel's timeline and the report. */
export interface TimelineEvent {
  at: number;
  frameId: FrameId;
  trackId: string;
  what: TimelineKind;
  /** For `ended`: who ended it. */
  by?: EndedBy;
  /** For `attached` and `detached`: the sink. */
  sink?: Sink;
}

/** Where a report came from: taken from the port's sender, never from the message. */
export interface FrameAddress {
  tabId: TabId;
  frameId: FrameId;
  documentId?: string;
  /** As the browser gives it: `https://example.com`, or "null" for an opaque origin (src/format.ts puts it in words). */
  origin: string;
  /** For a frame whose origin is opaque, its address (src/origin.ts `addressOf`): what kind of frame it is. */
  url?: string;
}

/** A track as the background holds it: what the page said plus where it lives. */
export interface TrackRecord extends TrackInfo, FrameAddress {}

/** The tracks that share one capture. Derived by `sourcesOf`. */
export interface Source {
  /** Unique within a tab: frame id plus the frame's source id. */
  key: string;
  /** The oldest track's label, as the page's browser gave it; may be empty (the UI then names the kind). */
  label: string;
  kind: CaptureKind;
  tracks: TrackRecord[];
  liveCount: number;
}

/**
 * The outcome of one stop or pause, read back from inside the page: a stop's `ended`, a pause's `paused` and a
 * resume's `resumed`; `already-ended`, `gone` and `failed` for either.
 */
export type ControlOutcome = 'ended' | 'already-ended' | 'gone' | 'failed' | 'paused' | 'resumed';

/** What one stop, pause or resume did to one track, where it lives (`ControlOutcome` says what). */
export interface ControlResult {
  tabId: TabId;
  frameId: FrameId;
  trackId: string;
  outcome: ControlOutcome;
  reason?: string;
}

/** What a stop, a pause or a resume covers: one track, a source, a tab, its devices, or every tab. */
export type ControlTarget =
  | { scope: 'track'; tabId: TabId; frameId: FrameId; trackId: string }
  | { scope: 'source'; tabId: TabId; sourceKey: string }
  | { scope: 'tab'; tabId: TabId }
  /** The camera and microphone tracks of a tab (auto-stop of a hidden tab). */
  | { scope: 'devices'; tabId: TabId }
  | { scope: 'all' };

/** Whether a document is hidden, and since when (the relay reports its top document's). */
export interface Visibility {
  hidden: boolean;
  since: number;
}

export const CAPTURE_KINDS = ['camera', 'microphone', 'screen', 'window', 'tab', 'screen audio', 'window audio',
  'tab audio', 'canvas', 'element capture', 'remote audio', 'remote video', 'web audio', 'generated audio',
  'generated video', 'audio', 'video'] as const;
/**
 * What a person would call a capture: camera, microphone, screen, … A code the domain compares; only the words layer
 * (src/format.ts `kindText`) puts it in the person's language.
 */
export type CaptureKind = (typeof CAPTURE_KINDS)[number];

/**
 * Why a message or record from a page was dropped: it did not parse, the frame sent too fast, the relay's buffer
 * was full while the background was away, or the tab hit its cap on records.
 */
export const DROP_REASONS = ['malformed', 'rate', 'overflow', 'cap', 'detail'] as const;
export type DropReason = (typeof DROP_REASONS)[number];
export type Drops = Partial<Record<DropReason, number>>;

export function addDrops(a: Drops, b: Drops): Drops {
  const sum: Drops = { ...a };
  for (const reason of DROP_REASONS) if (b[reason]) sum[reason] = (sum[reason] ?? 0) + b[reason]!;
  return sum;
}

export const totalDrops = (d: Drops) => DROP_REASONS.reduce((n, r) => n + (d[r] ?? 0), 0);

/** Identifies a track within a tab. */
export const trackKey = (frameId: number, trackId: string) => `${frameId}/${trackId}`;
export const sourceKey = (frameId: number, sourceId: string) => `${frameId}/${sourceId}`;
/** Identifies a source within a tab: tracks with the same key share one capture. */
export const sourceKeyOf = (r: Pick<TrackRecord, 'frameId' | 'sourceId'>) => sourceKey(r.frameId, r.sourceId);

export const HOLD_KINDS = ['camera', 'microphone', 'screen'] as const;
/**
 * What a hold refuses (stop and hold, a site's rule): new requests for a camera (`getUserMedia` video), a microphone
 * (`getUserMedia` audio) or a screen (`getDisplayMedia`), the way a denied permission refuses them.
 */
export type HoldKind = (typeof HOLD_KINDS)[number];
