import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Alarms } from 'webextension-polyfill';
import { createAutoStop } from '../../background/auto-stop';
import { type TabId, asTabId } from '../../src/model';
import { type State, emptyState, reduce } from '../../src/state';
import { autoStopDelayFor, ruleFor, siteOf, siteRulesFrom } from '../../src/site-rules';
import { frame, track } from './fixtures';

const MINUTE = 60_000;

/** A state where each tab holds a live camera and has been hidden since time 0. */
function hiddenTabsWithCamera(...tabIds: number[]): State {
  let state = emptyState();
  for (const tabId of tabIds) {
    state = reduce(state, { type: 'reported', from: frame(tabId), events: [{ type: 'added', track: track() }],
      dropped: {}, visibility: { hidden: true, since: 0 } }, 0);
  }
  return state;
}

function fakeAlarms() {
  const set = new Map<string, number>();
  const alarms = {
    create: (name: string, { when }: { when: number }) => { set.set(name, when); },
    clear: async (name: string) => set.delete(name),
  } as unknown as Alarms.Static;
  return { alarms, set };
}

describe('auto-stop with rules per site', () => {
  beforeEach(() => { vi.useFakeTimers(); vi.setSystemTime(0); });
  afterEach(() => { vi.useRealTimers(); });

  // Tab 1 is on a site whose rule says 1 minute, tab 2 on one whose rule says never, tab 3 on a site without a rule.
  const urls: Record<number, string> = { 1: 'https://meet.example.com/room', 2: 'https://never.example/',
    3: 'https://other.example/' };
  const rules = siteRulesFrom({ 'meet.example.com': { autoStopHiddenMs: MINUTE },
    'never.example': { autoStopHiddenMs: 0 } });

  function setUp(globalMs: number) {
    const state = hiddenTabsWithCamera(1, 2, 3);
    const stopped: TabId[] = [];
    const { alarms, set } = fakeAlarms();
    const autoStop = createAutoStop({
      alarms, stateOf: () => state,
      delayOf: async (tabId) => autoStopDelayFor(ruleFor(rules, siteOf(urls[tabId])), globalMs),
      stopDevices: async (tabId) => { stopped.push(tabId); },
    });
    return { autoStop, stopped, set };
  }

  it('stops each tab after its own site\'s delay, and never the site whose rule says never', async () => {
    const { autoStop, stopped, set } = setUp(5 * MINUTE);
    autoStop.all();
    await vi.advanceTimersByTimeAsync(0);
    expect(Object.fromEntries(set)).toEqual({ 'auto-stop:1': MINUTE, 'auto-stop:3': 5 * MINUTE });
    await vi.advanceTimersByTimeAsync(MINUTE - 1);
    expect(stopped).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(stopped).toEqual([asTabId(1)]);
    await vi.advanceTimersByTimeAsync(4 * MINUTE);
    expect(stopped).toEqual([asTabId(1), asTabId(3)]);
    await vi.advanceTimersByTimeAsync(60 * MINUTE);
    expect(stopped).toEqual([asTabId(1), asTabId(3)]);
  });

  it('stops a site with its own delay even while the global setting is off', async () => {
    const { autoStop, stopped, set } = setUp(0);
    autoStop.all();
    await vi.advanceTimersByTimeAsync(2 * MINUTE);
    expect([...set.keys()]).toEqual(['auto-stop:1']);
    expect(stopped).toEqual([asTabId(1)]);
  });

  it('stops on the alarm after a worker restart, and only once the site\'s time has come', async () => {
    const { autoStop, stopped } = setUp(0);
    await autoStop.onAlarm({ name: 'auto-stop:1', scheduledTime: MINUTE });
    expect(stopped).toEqual([]);
    vi.setSystemTime(MINUTE);
    await autoStop.onAlarm({ name: 'auto-stop:2', scheduledTime: MINUTE });
    await autoStop.onAlarm({ name: 'auto-stop:1', scheduledTime: MINUTE });
    expect(stopped).toEqual([asTabId(1)]);
  });
});
