/** trackstop-leak-check: the plain API (see README.md). The report's format is docs/report-schema.json. */

export interface Sink {
  kind: 'element' | 'peer' | 'recorder' | 'webaudio' | 'processor' | 'imagecapture';
  name: string;
}

/** A leak flag in the extension's words: `text` starts with "Leak:", `hint` says what to do. */
export interface ReportFlag { rule: 'idle' | 'call-ended' | 'orphan' | 'hidden'; text: string; hint: string }

/** One track of the page, as the Trackstop report holds it. */
export interface ReportTrack {
  id: string;
  kind: 'audio' | 'video';
  label: string;
  /** getUserMedia, getDisplayMedia, clone, canvas, element, remote, generator, webaudio, adopted. */
  creator: string;
  parentId?: string;
  sourceId: string;
  sourceKey: string;
  readyState: 'live' | 'ended';
  muted: boolean;
  enabled: boolean;
  constraints?: string;
  /** What the page got: `getSettings()`, a few known fields. */
  settings?: {
    deviceId?: string; groupId?: string; width?: number; height?: number; frameRate?: number; displaySurface?: string;
  };
  createdAt: number;
  /** The creation stack, as the browser printed it. */
  stack?: string;
  endedAt?: number;
  endedBy?: string;
  sinks?: Sink[];
  idleSince?: number;
  formerSinks?: Sink['kind'][];
  frameId: number;
  origin: string;
  url?: string;
  documentId?: string;
  flags: ReportFlag[];
}

/** The Trackstop report (docs/report-schema.json, `https://trackstop.dev/schemas/report-1.json`). */
export interface Report {
  schema: 'https://trackstop.dev/schemas/report-1.json';
  generator: { name: 'Trackstop'; version: string };
  createdAt: string;
  tab: { id: number; url?: string; title?: string };
  settings: { leakDelayMs: number; hiddenLeakMs: number };
  frames: { frameId: number; origin: string; documentId?: string }[];
  tracks: ReportTrack[];
  timeline: { at: number; frameId: number; trackId: string; what: string; by?: string; sink?: Sink }[];
  dropped: Record<string, number>;
}

export interface CheckOptions {
  /** Only tracks of these kinds: `audio`, `video`, or a capture kind (`camera`, `microphone`, `screen`, …). */
  kinds?: string[];
  /** How long a track may feed nothing before it counts as leaked; default 0: at the moment of the check. */
  settleMs?: number;
  /** Tracks to leave out: a list of labels, or a predicate. */
  ignore?: string[] | ((track: ReportTrack) => boolean);
  /** How long the page's documents get to answer; default 5000 ms. */
  timeoutMs?: number;
}

/** One leaked track. */
export interface Leak {
  id: string;
  kind: 'audio' | 'video';
  /** camera, microphone, screen, window, tab, canvas, … */
  captureKind: string;
  label: string;
  /** The first reason, in the extension's words: "Leak: feeds nothing for 0 s". */
  reason: string;
  reasons: string[];
  /** What to do about it. */
  hint: string;
  /** The creation stack as the browser printed it. */
  stack: string;
  /** The creation stack's app frames, as `file:line:column`. */
  appFrames: string[];
  /** The origin of the frame the track lives in. */
  origin: string;
  /** Kinds of sink that consumed the track before. */
  fedBefore: string[];
  track: ReportTrack;
}

export interface CheckResult {
  /** Every track of the page (all frames), live and ended. */
  tracks: ReportTrack[];
  leaks: Leak[];
  report: Report;
}

export interface PageFacts { url: string; title?: string; frameUrls?: string[] }

/** A failure of the check itself (no page loaded, page closed, navigated or crashed, no answer): not a leak. */
export declare class LeakCheckError extends Error {}

/** The runner's end of the page's readers: route every call of the binding to `onCall`. */
export declare class Hub {
  onCall(text: unknown): Promise<string>;
  markStale(url?: string): void;
  gone(reason: string, isFinal?: boolean): void;
  readonly finalReason: string | undefined;
  readonly hasDocuments: boolean;
}

/** The init script for every document: the reader, on binding `bindingName`, and Trackstop's shim. */
export declare function initScript(bindingName: string, mustStay?: boolean): string;
export declare function randomBindingName(): string;
export declare function checkHub(hub: Hub, page: PageFacts & { isClosed: boolean }, options?: CheckOptions):
  Promise<CheckResult>;
export declare function liveCaptureOf(result: CheckResult): ReportTrack[];
export declare function appFramesOf(stack: string | undefined): string[];
/** The failure message: per leaked track its reason, fix and creation frames. */
export declare function leaksMessage(result: CheckResult, url: string): string;
export declare function liveCaptureMessage(live: ReportTrack[], url: string): string;
/** A self-contained HTML view of a report (no script, no network). */
export declare function reportHtml(report: Report): string;
