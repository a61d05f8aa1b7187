/**
 * Auto-stop (off by default): releases the camera and microphone of a tab that has been hidden for the set time.
 * Each tab that holds a device while hidden gets a timer for the moment its time runs out, and an alarm for the same
 * moment in case the worker sleeps before then (alarms fire 30 s apart at best, timers only while the worker lives).
 */
import type { Alarms } from 'webextension-polyfill';
import type { TabId } from '../src/model';
import { isDeviceCapture } from '../src/capture';
import { type State, tabIdsOf, tabView } from '../src/state';

const ALARM_PREFIX = 'auto-stop:';

export interface AutoStopDeps {
  alarms: Alarms.Static;
  stateOf: () => State;
  delayOf: () => number;
  stopDevices: (tabId: TabId) => Promise<unknown>;
}

export function createAutoStop({ alarms, stateOf, delayOf, stopDevices }: AutoStopDeps) {
  const timers = new Map<TabId, ReturnType<typeof setTimeout>>();

  /** When the tab's devices are due to be released, if they are. */
  function dueAt(tabId: TabId): number | undefined {
    const delay = delayOf();
    const view = tabView(stateOf(), tabId);
    if (!delay || view.hiddenSince === undefined || !view.live.some(isDeviceCapture)) return undefined;
    return view.hiddenSince + delay;
  }

  function fireIfDue(tabId: TabId): void {
    const due = dueAt(tabId);
    if (due !== undefined && due <= Date.now()) void stopDevices(tabId);
  }

  function schedule(tabId: TabId): void {
    clearTimeout(timers.get(tabId));
    timers.delete(tabId);
    const due = dueAt(tabId);
    if (due === undefined) {
      void alarms.clear(ALARM_PREFIX + tabId);
      return;
    }
    timers.set(tabId, setTimeout(() => { timers.delete(tabId); fireIfDue(tabId); }, Math.max(0, due - Date.now())));
    alarms.create(ALARM_PREFIX + tabId, { when: due });
  }

  return {
    changed(before: State, after: State): void {
      for (const key of new Set([...Object.keys(before.tabs), ...Object.keys(after.tabs)])) {
        if (before.tabs[key] !== after.tabs[key]) schedule(Number(key) as TabId);
      }
    },
    /** After a restart or a change of the setting. */
    all(): void { for (const tabId of tabIdsOf(stateOf())) schedule(tabId); },
    /** Listener for `alarms.onAlarm`, registered at top level so that the alarm finds the worker. */
    onAlarm(alarm: Alarms.Alarm): void {
      if (alarm.name.startsWith(ALARM_PREFIX)) fireIfDue(Number(alarm.name.slice(ALARM_PREFIX.length)) as TabId);
    },
  };
}
