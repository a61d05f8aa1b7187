/**
 * Every tab at a glance: for each tab with live tracks, what it holds (camera, microphone, screen, other, counted),
 * how many look leaked and how many are paused. The popup's list of tabs and the toolbar icon read this; both are
 * pure functions of the state, the time and the leak settings.
 */
import { holdKindOf } from './capture';
import { type LeakSettings, leaksOf } from './leaks';
import type { HoldKind, TabId, TrackRecord } from './model';
import { type State, refusedCount, tabIdsOf, tabView } from './state';

export const CAPTURE_CLASSES = ['camera', 'microphone', 'screen', 'other'] as const;
/** What a person asks about a tab: does it hold my camera, my microphone, my screen; or something else. */
export type CaptureClass = (typeof CAPTURE_CLASSES)[number];
export type CaptureCounts = Record<CaptureClass, number>;

export const captureClassOf = (track: TrackRecord): CaptureClass => holdKindOf(track) ?? 'other';

/** Live tracks counted by what they capture. */
export function captureCountsOf(live: readonly TrackRecord[]): CaptureCounts {
  const counts: CaptureCounts = { camera: 0, microphone: 0, screen: 0, other: 0 };
  for (const track of live) counts[captureClassOf(track)]++;
  return counts;
}

export interface TabSummary {
  tabId: TabId;
  live: number;
  captures: CaptureCounts;
  /** Live tracks that look leaked (src/leaks.ts). */
  leaks: number;
  /** Live tracks whose `enabled` is false. */
  paused: number;
  /** What the tab's hold refuses, and how many requests it refused: a held tab is listed, live or not. */
  held?: HoldKind[];
  refused?: number;
}

/** Every tab with live tracks or a hold, in the order the state holds them. */
export function overviewOf(state: State, now: number, settings: LeakSettings): TabSummary[] {
  const summaries: TabSummary[] = [];
  const held = Object.keys(state.holds ?? {}).map((key) => Number(key) as TabId);
  for (const tabId of new Set([...tabIdsOf(state), ...held])) {
    const { live, hiddenSince, hold } = tabView(state, tabId);
    if (!live.length && !hold) continue;
    summaries.push({
      tabId, live: live.length, captures: captureCountsOf(live),
      leaks: leaksOf(live, hiddenSince, now, settings).count, paused: live.filter((t) => !t.enabled).length,
      ...(hold && { held: hold.kinds, refused: refusedCount(hold) }),
    });
  }
  return summaries;
}
