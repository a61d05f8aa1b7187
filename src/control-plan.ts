/**
 * What a stop, a pause or a resume covers (`ControlTarget`), as the background sends it: the live tracks, one
 * command per frame. A pure function of the state (src/state.ts).
 */
import { isDeviceCapture } from './capture';
import {
  type ControlTarget, type FrameId, type TabId, type TrackRecord, sourceKeyOf, trackKey,
} from './model';
import { type State, tabIdsOf, tabView } from './state';

/** Tracks grouped by frame, for sending one stop or pause command per frame. */
export interface ControlPlan {
  tabId: TabId;
  frameId: FrameId;
  trackIds: string[];
}

/**
 * The live tracks a stop or pause target covers, one entry per frame. A single track is included even if already
 * ended.
 */
export function planControl(state: State, target: ControlTarget): ControlPlan[] {
  let records: TrackRecord[];
  switch (target.scope) {
    case 'track': {
      const tab = state.tabs[target.tabId];
      const key = trackKey(target.frameId, target.trackId);
      const record = tab?.live[key] ?? tab?.ended.find((r) => trackKey(r.frameId, r.id) === key);
      records = record ? [record] : [];
      break;
    }
    case 'source':
      records = tabView(state, target.tabId).live.filter((r) => sourceKeyOf(r) === target.sourceKey);
      break;
    case 'tab':
      records = tabView(state, target.tabId).live;
      break;
    case 'devices':
      records = tabView(state, target.tabId).live.filter(isDeviceCapture);
      break;
    case 'all':
      records = tabIdsOf(state).flatMap((tabId) => tabView(state, tabId).live);
      break;
  }
  const plans = new Map<string, ControlPlan>();
  for (const r of records) {
    const key = `${r.tabId}/${r.frameId}`;
    const plan = plans.get(key) ?? { tabId: r.tabId, frameId: r.frameId, trackIds: [] };
    plan.trackIds.push(r.id);
    plans.set(key, plan);
  }
  return [...plans.values()];
}
