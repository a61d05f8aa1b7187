/**
 * Keeps each tab's toolbar button in step with the state: the badge counts live tracks, red while a camera or
 * microphone is live, amber while any track looks leaked (the tooltip says how many); the icon shows what the tab
 * captures, and is the grey default when nothing is live. Only tabs whose state changed are touched, and tabs whose
 * tracks may start to look leaked later are looked at again then. A stop made by keyboard shortcut is confirmed with
 * a green check in the badge for a few seconds.
 */
import type { Action as ActionApi } from 'webextension-polyfill';
import type { TabId } from '../src/model';
import { type LeakSettings, leaksOf, nextLeakIn } from '../src/leaks';
import { CAPTURE_CLASSES, captureCountsOf } from '../src/overview';
import { badgeOf } from '../src/sources';
import { type State, changedTabKeys, refusedCount, tabView } from '../src/state';
import { drawIcon } from './icon';
import { t, tp } from '../src/i18n';
import { heldText, withLeaks } from '../src/format';

const DEVICE_RED = '#c5221f';
const OTHER_GREY = '#5f6368';
const LEAK_AMBER = '#b05a00';
const CONFIRM_GREEN = '#146c2e';
const HELD_BLUE = '#0b57d0';
/** How long a shortcut's confirmation stays in the badge. */
const CONFIRM_MS = 5000;
const IDLE_ICON = { 16: 'icons/idle-16.png', 32: 'icons/idle-32.png' };

export interface Badges {
  /** Updates the badges of the tabs whose state changed. */
  changed(before: State, after: State): void;
  /** Updates every tab's badge, e.g. after the leak settings changed. */
  all(): void;
  /** Shows `text` (a check mark) in green on these tabs' badges for a few seconds, with `title` as the tooltip. */
  confirm(tabIds: readonly TabId[], text: string, title: string): void;
}

export function createBadges(
  action: ActionApi.Static, stateOf: () => State, settingsOf: () => LeakSettings,
): Badges {
  /**
   * What each tab's badge and icon were last set to, so that unchanged ones cost no call. Memory only: after a restart
   * the first change of each tab sets them again, which is merely redundant.
   */
  const shown = new Map<string, string>();
  const shownIcon = new Map<string, string>();
  /** Tabs to look at again when a track of theirs may start to look leaked. */
  const recheck = new Map<string, ReturnType<typeof setTimeout>>();
  /** Confirmations on show, until when. */
  const confirming = new Map<string, { text: string; title: string; until: number }>();

  function setIcon(key: string, tabId: TabId, state: State): void {
    const counts = captureCountsOf(tabView(state, tabId).live);
    const classes = CAPTURE_CLASSES.filter((c) => counts[c] > 0);
    const look = classes.join('+');
    if (shownIcon.get(key) === look) return;
    shownIcon.set(key, look);
    if (!(key in state.tabs)) shownIcon.delete(key);
    // The tab may have closed meanwhile; then there is no icon to set.
    const details = classes.length ? { tabId, imageData: drawIcon(classes) } : { tabId, path: IDLE_ICON };
    action.setIcon(details as Parameters<ActionApi.Static['setIcon']>[0]).catch(() => {});
  }

  function update(key: string): void {
    const state = stateOf();
    const settings = settingsOf();
    const now = Date.now();
    const tabId = Number(key) as TabId;
    const view = tabView(state, tabId);
    setIcon(key, tabId, state);
    const leaks = leaksOf(view.live, view.hiddenSince, now, settings);
    const badge = badgeOf(view.live);
    clearTimeout(recheck.get(key));
    recheck.delete(key);
    const wait = nextLeakIn(view.live, view.hiddenSince, now, settings);
    // A timer, not an alarm: alarms wait 30 s at least. If the worker sleeps first, the next report updates the badge.
    if (wait !== undefined) recheck.set(key, setTimeout(() => { recheck.delete(key); update(key); }, wait + 50));
    const confirmation = confirming.get(key);
    const isConfirming = !!confirmation && confirmation.until > now;
    if (!isConfirming) confirming.delete(key);
    // The live count stays the badge's text, which people read as such; leaks turn it amber and are in the tooltip.
    // A held tab with nothing live says "hold" in blue; the tooltip says what is held and how often it refused.
    const hold = view.hold;
    const isHeldOnly = !!hold && !badge.text;
    const text = isConfirming ? confirmation.text : isHeldOnly ? t('badgeHeld') : badge.text;
    const color = isConfirming ? CONFIRM_GREEN : isHeldOnly ? HELD_BLUE
      : leaks.count ? LEAK_AMBER : badge.isDeviceLive ? DEVICE_RED : OTHER_GREY;
    const held = hold && heldText(hold.kinds, refusedCount(hold));
    const title = isConfirming ? confirmation.title : leaks.count
      ? t('badgeTitleSaid', withLeaks(tp('liveTracks', view.live.length), leaks.count))
      : held ?? t('extensionName');
    const look = `${text}|${color}|${title}`;
    if (shown.get(key) === look) return;
    shown.set(key, look);
    if (!(key in state.tabs) && !hold && !isConfirming) shown.delete(key);
    action.setBadgeText({ tabId, text }).catch(() => {});
    action.setBadgeBackgroundColor({ tabId, color }).catch(() => {});
    action.setTitle({ tabId, title }).catch(() => {});
  }

  return {
    changed(before, after) {
      for (const key of changedTabKeys(before, after)) update(key);
    },
    all() { for (const key of Object.keys(stateOf().tabs)) update(key); },
    confirm(tabIds, text, title) {
      for (const tabId of tabIds) {
        const key = String(tabId);
        confirming.set(key, { text, title, until: Date.now() + CONFIRM_MS });
        update(key);
        setTimeout(() => update(key), CONFIRM_MS + 50);
      }
    },
  };
}
