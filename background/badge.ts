/**
 * Keeps each tab's toolbar badge in step with the state: the number of live tracks, red while a camera or
 * microphone is live, and amber with the number of tracks that look leaked while any does. Only tabs whose state
 * changed are touched, and tabs whose tracks may start to look leaked later are looked at again then.
 */
import type { Action as ActionApi } from 'webextension-polyfill';
import type { TabId } from '../src/model';
import { type LeakSettings, leaksOf, nextLeakIn } from '../src/leaks';
import { badgeOf } from '../src/sources';
import { type State, tabView } from '../src/state';

const DEVICE_RED = '#c5221f';
const OTHER_GREY = '#5f6368';
const LEAK_AMBER = '#b05a00';

export interface Badges {
  /** Updates the badges of the tabs whose state changed. */
  changed(before: State, after: State): void;
  /** Updates every tab's badge, e.g. after the leak settings changed. */
  all(): void;
}

export function createBadges(
  action: ActionApi.Static, stateOf: () => State, settingsOf: () => LeakSettings,
): Badges {
  /**
   * What each tab's badge was last set to, so that unchanged badges cost no call. Memory only: after a restart the
   * first change of each tab sets its badge again, which is merely redundant.
   */
  const shown = new Map<string, string>();
  /** Tabs to look at again when a track of theirs may start to look leaked. */
  const recheck = new Map<string, ReturnType<typeof setTimeout>>();
  const update = (key: string) => updateBadge(action, stateOf(), key, settingsOf(), Date.now(), shown, recheck, update);
  return {
    changed(before, after) {
      for (const key of new Set([...Object.keys(before.tabs), ...Object.keys(after.tabs)])) {
        if (before.tabs[key] !== after.tabs[key]) update(key);
      }
    },
    all() { for (const key of Object.keys(stateOf().tabs)) update(key); },
  };
}

function updateBadge(
  action: ActionApi.Static, state: State, key: string, settings: LeakSettings, now: number,
  shown: Map<string, string>, recheck: Map<string, ReturnType<typeof setTimeout>>, update: (key: string) => void,
): void {
  const tabId = Number(key) as TabId;
  const view = tabView(state, tabId);
  const leaks = leaksOf(view.live, view.hiddenSince, now, settings);
  const badge = badgeOf(view.live);
  // The live count stays the badge's text, which people read as such; leaks turn it amber and are in the tooltip.
  const text = badge.text;
  const color = leaks.count ? LEAK_AMBER : badge.isDeviceLive ? DEVICE_RED : OTHER_GREY;
  clearTimeout(recheck.get(key));
  recheck.delete(key);
  const wait = nextLeakIn(view.live, view.hiddenSince, now, settings);
  // A timer, not an alarm: alarms wait 30 s at least. If the worker sleeps first, the next report updates the badge.
  if (wait !== undefined) {
    recheck.set(key, setTimeout(() => { recheck.delete(key); update(key); }, wait + 50));
  }
  if (shown.get(key) === `${text}|${color}`) return;
  shown.set(key, `${text}|${color}`);
  if (!(key in state.tabs)) shown.delete(key);
  const title = leaks.count
    ? `Trackstop: ${badge.text} live, ${leaks.count} ${leaks.count === 1 ? 'looks' : 'look'} leaked` : 'Trackstop';
  // The tab may have closed meanwhile; then there is no badge to set.
  action.setBadgeText({ tabId, text }).catch(() => {});
  action.setBadgeBackgroundColor({ tabId, color }).catch(() => {});
  action.setTitle({ tabId, title }).catch(() => {});
}
