/**
 * What one tab can make Trackstop keep. Its live records are at most MAX_LIVE_PER_TAB (src/state.ts); the text a page
 * writes into them (creation stacks, constraints, labels, sink names) at most MAX_PAGE_TEXT_PER_TAB characters in all.
 * A record that comes, or grows, past that keeps no stack or constraints and only its first few sinks, and is counted
 * (`detail` drops): the track is still listed and stoppable, only its details are not kept. Without it a page that
 * made 2,000 tracks with 8 KB stacks held about 16 MB of session storage, shared by every tab.
 */
import type { TrackInfo } from './model';

export const MAX_PAGE_TEXT_PER_TAB = 256 * 1024;
/** The sinks a record over the budget keeps. */
const SINKS_OVER_BUDGET = 4;

/** The characters of page-made text in one record. */
export function pageTextOf(record: TrackInfo): number {
  let chars = record.label.length + (record.stack?.length ?? 0) + (record.constraints?.length ?? 0);
  for (const sink of record.sinks ?? []) chars += sink.name.length;
  return chars;
}

/** The characters of page-made text in a tab's live records, leaving out the record under `exceptKey`. */
export function pageTextOfTab(live: Record<string, TrackInfo>, exceptKey?: string): number {
  let chars = 0;
  for (const key in live) if (key !== exceptKey) chars += pageTextOf(live[key]!);
  return chars;
}

/** The record as the tab can keep it, given the text its other live records hold, and whether it had to be trimmed. */
export function withinBudget<T extends TrackInfo>(record: T, othersText: number): { record: T; isTrimmed: boolean } {
  if (othersText + pageTextOf(record) <= MAX_PAGE_TEXT_PER_TAB) return { record, isTrimmed: false };
  const { stack: _stack, constraints: _constraints, ...kept } = record;
  const trimmed = { ...kept, ...(record.sinks && { sinks: record.sinks.slice(0, SINKS_OVER_BUDGET) }) } as T;
  return { record: trimmed, isTrimmed: true };
}
