/**
 * The report a developer attaches to a bug: every track of one tab with its sinks and leak flags, the frames, and
 * the timeline, as one versioned JSON document (docs/report-schema.json describes it; a test checks real exports
 * against it). Built from what the popup and the panel already hold; it is saved locally and sent nowhere.
 */
import { type LeakRule, type LeakSettings, leaksOf } from './leaks';
import { type LeakText, leakText } from './leak-text';
import { type Drops, type FrameId, type TimelineEvent, type TrackRecord, sourceKeyOf, trackKey } from './model';
import type { TabView } from './state';

/** The value of every report's `schema` field; a change that breaks a reader bumps the number. */
export const REPORT_SCHEMA = 'https://trackstop.dev/schemas/report-1.json';

/** A leak flag as the report holds it: its rule, and its reason and hint in words. */
export interface ReportFlag extends LeakText {
  rule: LeakRule;
}

export interface ReportTrack extends TrackRecord {
  /** The source within the tab: tracks with the same key share one capture. */
  sourceKey: string;
  flags: ReportFlag[];
}

export interface ReportFrame {
  frameId: FrameId;
  origin: string;
  documentId?: string;
}

export interface Report {
  schema: typeof REPORT_SCHEMA;
  generator: { name: 'Trackstop'; version: string };
  /** When the report was made (ISO 8601); every other time is in milliseconds since the epoch. */
  createdAt: string;
  tab: { id: number; url?: string; title?: string };
  settings: LeakSettings;
  frames: ReportFrame[];
  tracks: ReportTrack[];
  timeline: TimelineEvent[];
  dropped: Drops;
}

export interface ReportMeta {
  version: string;
  url?: string | undefined;
  title?: string | undefined;
}

export function buildReport(view: TabView, meta: ReportMeta, now: number, settings: LeakSettings): Report {
  const leaks = leaksOf(view.live, view.hiddenSince, now, settings);
  const toTrack = (r: TrackRecord): ReportTrack =>
    ({ ...r, sourceKey: sourceKeyOf(r), flags: (leaks.byTrack.get(trackKey(r.frameId, r.id)) ?? [])
      .map((flag) => ({ rule: flag.rule, ...leakText(flag) })) });
  const all = [...view.live, ...view.ended];
  const frames = new Map<string, ReportFrame>();
  for (const r of all) {
    const key = `${r.frameId}/${r.documentId ?? ''}`;
    if (!frames.has(key)) frames.set(key, { frameId: r.frameId, origin: r.origin,
      ...(r.documentId && { documentId: r.documentId }) });
  }
  return {
    schema: REPORT_SCHEMA,
    generator: { name: 'Trackstop', version: meta.version },
    createdAt: new Date(now).toISOString(),
    tab: { id: view.tabId, ...(meta.url && { url: meta.url }), ...(meta.title && { title: meta.title }) },
    settings: { leakDelayMs: settings.leakDelayMs, hiddenLeakMs: settings.hiddenLeakMs },
    frames: [...frames.values()].sort((a, b) => a.frameId - b.frameId),
    tracks: all.map(toTrack),
    timeline: view.timeline,
    dropped: view.dropped,
  };
}

/** `trackstop-<host>-<date>.json`: the host of the tab's page (or "tab" if it has none) and the local date. */
export function reportFileName(url: string | undefined, now: Date): string {
  let host = '';
  try {
    host = url ? new URL(url).hostname : '';
  } catch {
    // Not a URL: the file is named after the tab instead.
  }
  const safeHost = host.replace(/[^a-z0-9.-]/gi, '_') || 'tab';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `trackstop-${safeHost}-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.json`;
}
