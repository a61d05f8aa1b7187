/**
 * What one tab can make Trackstop keep is bounded (src/tab-budget.ts, src/state.ts): a page that makes 2,000 live
 * tracks, each created 150 calls deep with a 200-frame stack limit (8 KB stacks, the shim's cap), is listed whole but
 * keeps its stacks only up to the tab's budget, and another tab is still listed and stopped while it holds them.
 */
import { expect, it } from 'vitest';
import { type Harness, demo, eachBrowser, openPopup, pageStates, poll } from './harness';
import { MAX_LIVE_PER_TAB } from '../../src/state';

/** The tab's stored record, as the background wrote it to storage.session: its live count and its size in bytes. */
async function storedTab(h: Harness, tabId: number): Promise<{ live: number; bytes: number; detail: number }> {
  const page = await h.openExtensionPage('popup.html?tab=-1');
  try {
    return await page.evaluate(async (id) => {
      type Session = { get(key: string): Promise<Record<string, { live: object; dropped: { detail?: number } }>> };
      const g = globalThis as unknown as { browser?: { storage: { session: Session } };
        chrome: { storage: { session: Session } } };
      const tab = (await (g.browser ?? g.chrome).storage.session.get(`tab:${id}`))[`tab:${id}`];
      return { live: tab ? Object.keys(tab.live).length : 0, bytes: JSON.stringify(tab ?? {}).length,
        detail: tab?.dropped.detail ?? 0 };
    }, tabId);
  } finally {
    await page.close().catch(() => {});
  }
}

eachBrowser((harness) => it('bounds what one tab makes it keep; another tab stays listed and stoppable', async () => {
  const h = harness();
  const forging = await h.open('blank.html');
  const made = await forging.evaluate(async (count) => {
    (Error as unknown as { stackTraceLimit: number }).stackTraceLimit = 200;
    const [track] = (await navigator.mediaDevices.getUserMedia({ video: true })).getTracks();
    const kept: MediaStreamTrack[] = [track!];
    (window as unknown as { kept: MediaStreamTrack[] }).kept = kept;
    const aVeryLongFunctionNameSoThatEveryFrameOfTheStackTakesRoom = (depth: number): MediaStreamTrack =>
      (depth === 0 ? track!.clone() : aVeryLongFunctionNameSoThatEveryFrameOfTheStackTakesRoom(depth - 1));
    // The shim keeps the stacks of 32 tracks a batch; a batch leaves at most every 100 ms while the page is busy.
    while (kept.length < count) {
      for (let i = 0; i < 30 && kept.length < count; i++) {
        kept.push(aVeryLongFunctionNameSoThatEveryFrameOfTheStackTakesRoom(150));
      }
      await new Promise((resolve) => setTimeout(resolve, 110));
    }
    return kept.length;
  }, MAX_LIVE_PER_TAB);
  const forgingTab = await h.tabIdOf(forging);
  await expect.poll(async () => (await storedTab(h, forgingTab)).live, { ...poll, timeout: poll.timeout * 2 })
    .toBe(made);
  const stored = await storedTab(h, forgingTab);
  console.log(`a tab with ${stored.live} live tracks of 8 KB stacks is stored in ${stored.bytes} bytes; ` +
    `${stored.detail} kept without their details`);
  expect(stored.bytes).toBeLessThan(2.5 * 1024 * 1024);
  expect(stored.detail).toBeGreaterThan(0);

  const other = await h.open();
  const [camera] = await demo(other, 'camera');
  const popup = await openPopup(h, await h.tabIdOf(other));
  await expect.poll(() => popup.liveIds(), poll).toEqual([camera]);
  await popup.click('Stop everything in this tab');
  await expect.poll(() => pageStates(other), poll).toEqual({ [camera!]: 'ended' });
  await forging.close();
}));
