/**
 * What a change of the state started: per tab, the kinds of capture (camera, microphone, screen) a page newly took
 * with `getUserMedia` or `getDisplayMedia`, or took back by enabling a track the person paused with Trackstop. Clones
 * and tracks made of other tracks start nothing: their source was taken already. Pure: the alerts decide what to say.
 */
import { HOLD_KINDS, type HoldKind, type TabId, type TrackRecord } from './model';
import { captureClassOf } from './overview';
import type { State, TabState } from './state';

export type StartHow = 'started' | 'resumed';

export interface CaptureStart {
  tabId: TabId;
  how: StartHow;
  /** In HOLD_KINDS' order, each once. */
  kinds: HoldKind[];
}

const isCaptureCall = (r: TrackRecord) => r.creator === 'getUserMedia' || r.creator === 'getDisplayMedia';

const holdKindOf = (r: TrackRecord): HoldKind | undefined => {
  const kind = captureClassOf(r);
  return kind === 'other' ? undefined : kind;
};

const inOrder = (kinds: Set<HoldKind>) => HOLD_KINDS.filter((k) => kinds.has(k));

/** What one tab started between `before` and `after` (either may be absent: a tab that came or went). */
function startsInTab(tabId: TabId, before: TabState | undefined, after: TabState | undefined): CaptureStart[] {
  if (!after) return [];
  const started = new Set<HoldKind>();
  const resumed = new Set<HoldKind>();
  for (const [key, record] of Object.entries(after.live)) {
    if (record.readyState !== 'live' || !isCaptureCall(record)) continue;
    const kind = holdKindOf(record);
    if (!kind) continue;
    const was = before?.live[key];
    // A track ended before (and so not in `live`) that reappears is one the state had lost; only new ids start.
    const wasEnded = before?.ended.some((r) => r.frameId === record.frameId && r.id === record.id);
    if (!was && !wasEnded) started.add(kind);
    else if (was && !was.enabled && was.pausedBy === 'extension' && record.enabled) resumed.add(kind);
  }
  return [
    ...started.size ? [{ tabId, how: 'started' as const, kinds: inOrder(started) }] : [],
    ...resumed.size ? [{ tabId, how: 'resumed' as const, kinds: inOrder(resumed) }] : [],
  ];
}

/** Every capture started between two states, tab by tab. Tabs whose state did not change are not looked at. */
export function captureStartsOf(before: State, after: State): CaptureStart[] {
  const starts: CaptureStart[] = [];
  for (const key of Object.keys(after.tabs)) {
    if (before.tabs[key] === after.tabs[key]) continue;
    starts.push(...startsInTab(Number(key) as TabId, before.tabs[key], after.tabs[key]));
  }
  return starts;
}
