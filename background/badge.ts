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

/**
 * What each tab's badge was last set to, so that unchanged badges cost no call. Memory only: after a restart the
 * first change of each tab sets its badge again, which is merely redundant.
 */
const shown = new Map<string, string>();

export function updateBadges(action: ActionApi.Static, before: State, after: State): void {
  const tabIds = new Set([...Object.keys(before.tabs), ...Object.keys(after.tabs)]);
  for (const key of tabIds) {
    if (before.tabs[key] === after.tabs[key]) continue;
    const tabId = Number(key) as TabId;
    const badge = badgeOf(tabView(after, tabId).live);
    const color = badge.isDeviceLive ? DEVICE_RED : OTHER_GREY;
    if (shown.get(key) === `${badge.text}|${color}`) continue;
    shown.set(key, `${badge.text}|${color}`);
    if (!(key in after.tabs)) shown.delete(key);
    // The tab may have closed meanwhile; then there is no badge to set.
    action.setBadgeText({ tabId, text: badge.text }).catch(() => {});
    action.setBadgeBackgroundColor({ tabId, color }).catch(() => {});
  }
}
