/**
 * Keeps each tab's toolbar badge in step with the state: the number of live tracks, red while a camera or
 * microphone is live. Only tabs whose state changed are touched.
 */
import type { Action as ActionApi } from 'webextension-polyfill';
import type { TabId } from '../src/model';
import { badgeOf } from '../src/sources';
import { type State, tabView } from '../src/state';

const DEVICE_RED = '#c5221f';
const OTHER_GREY = '#5f6368';

export function updateBadges(action: ActionApi.Static, before: State, after: State): void {
  const tabIds = new Set([...Object.keys(before.tabs), ...Object.keys(after.tabs)]);
  for (const key of tabIds) {
    if (before.tabs[key] === after.tabs[key]) continue;
    const tabId = Number(key) as TabId;
    const badge = badgeOf(tabView(after, tabId).live);
    // The tab may have closed meanwhile; then there is no badge to set.
    action.setBadgeText({ tabId, text: badge.text }).catch(() => {});
    action.setBadgeBackgroundColor({ tabId, color: badge.isDeviceLive ? DEVICE_RED : OTHER_GREY }).catch(() => {});
  }
}
