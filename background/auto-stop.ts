/**
 * Auto-stop (off by default): releases the camera and microphone of a tab that has been hidden for the set time,
 * the global setting or its site's own (src/site-rules.ts). Each tab that holds a device while hidden gets a timer
 * for the moment its time runs out, and an alarm for the same moment in case the worker sleeps before then (alarms
 * fire 30 s apart at best, timers only while the worker lives).
 */
import type { Alarms } from 'webextension-polyfill';
import type { TabId } from '../src/model';
import { isDeviceCapture } from '../src/capture';
import { type State, tabIdsOf, tabView } from '../src/state';

const ALARM_PREFIX = 'auto-stop:';

export interface AutoStopDeps {
  alarms: Alarms.Static;
  stateOf: () => State;
  /** The tab's delay: its site's rule, else the global setting; 0 = never. Asked only of a hidden tab with a device. */
  delayOf: (tabId: TabId) => Promise<number>;
  stopDevices: (tabId: TabId) => Promise<unknown>;
  now?: () => number;
}

export function createAutoStop({ alarms, stateOf, delayOf, stopDevices, now = Date.now }: AutoStopDeps) {
  const timers = new Map<TabId, ReturnType<typeof setTimeout>>();
  /** The newest scheduling of each tab: an older one that finishes its wait later is ignored. */
  const turns = new Map<TabId, number>();

  /** When the tab's devices are due to be released, if they are. */
  async function dueAt(tabId: TabId): Promise<number | undefined> {
    const view = tabView(stateOf(), tabId);
    if (view.hiddenSince === undefined || !view.live.some(isDeviceCapture)) return undefined;
    const delay = await delayOf(tabId).catch(() => 0);
    return delay ? view.hiddenSince + delay : undefined;
  }

  async function fireIfDue(tabId: TabId): Promise<void> {
    const due = await dueAt(tabId);
    if (due !== undefined && due <= now()) await stopDevices(tabId);
  }

  async function schedule(tabId: TabId): Promise<void> {
    const turn = (turns.get(tabId) ?? 0) + 1;
    turns.set(tabId, turn);
    const due = await dueAt(tabId);
    if (turns.get(tabId) !== turn) return;
    clearTimeout(timers.get(tabId));
    timers.delete(tabId);
    if (due === undefined) {
      await alarms.clear(ALARM_PREFIX + tabId);
      return;
    }
    timers.set(tabId, setTimeout(() => { timers.delete(tabId); void fireIfDue(tabId); }, Math.max(0, due - now())));
    alarms.create(ALARM_PREFIX + tabId, { when: due });
  }

  return {
    changed(before: State, after: State): void {
      for (const key of new Set([...Object.keys(before.tabs), ...Object.keys(after.tabs)])) {
        if (before.tabs[key] !== after.tabs[key]) void schedule(Number(key) as TabId);
      }
    },
    /** After a restart or a change of the settings or the rules per site. */
    all(): void { for (const tabId of tabIdsOf(stateOf())) void schedule(tabId); },
    /** Listener for `alarms.onAlarm`, registered at top level so that the alarm finds the worker. */
    onAlarm(alarm: Alarms.Alarm): Promise<void> | undefined {
      if (!alarm.name.startsWith(ALARM_PREFIX)) return undefined;
      return fireIfDue(Number(alarm.name.slice(ALARM_PREFIX.length)) as TabId);
    },
  };
}
