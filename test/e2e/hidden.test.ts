/**
 * A tab the person switched away from, in Chromium and Firefox: with the hidden-tab leak rule on, its camera is
 * flagged once the tab has been hidden for the set time; with auto-stop set in the options page, its camera and
 * microphone are released then, read back in the page, and a canvas track is left alone.
 */
import { expect, it } from 'vitest';
import {
  type TestPage, demo, eachBrowser, openPopup, pageStates, poll, popupOf, setSettings, waitFor,
} from './harness';

/** Short enough to keep the test quick; the tab is hidden well before it runs out, however slow the machine. */
const HIDDEN_MS = 2000;

/** Sets a number field of the options page as a person would, and waits for it to be saved. */
async function setOption(page: TestPage, id: string, value: string): Promise<void> {
  await page.evaluate(([field, v]) => {
    const input = document.getElementById(field) as HTMLInputElement;
    input.value = v;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, [id, value] as [string, string]);
  await waitFor(() => popupOf(page).text('p.said').then((t) => t === 'Saved.'), 'the option to be saved');
}

// Each test has a browser of its own: a hidden window or a tab in front would hide the next test's pages too.
eachBrowser((harness) => {
  it('flags a camera held in a tab hidden longer than the set time', async () => {
    const h = harness();
    await setSettings(h, { hiddenLeakMs: HIDDEN_MS, leakDelayMs: 3_600_000 });
    const page = await h.open();
    const [camera] = await demo(page, 'camera');
    const tabId = await h.tabIdOf(page);
    await h.hide(page);
    await expect.poll(() => page.evaluate(() => document.visibilityState), poll).toBe('hidden');
    const popup = await openPopup(h, tabId);
    await expect.poll(() => popup.texts(`${popup.row(camera!)} .leak strong`), poll)
      .toEqual([expect.stringMatching(/^Leak: holds the camera in a tab hidden for \d+ s$/)]);
    await setSettings(h, {});
  });
});

eachBrowser((harness) => {
  it('auto-stops the camera and microphone of a hidden tab, as set in the options page, and nothing else', async () => {
    const h = harness();
    const options = await h.openExtensionPage('options.html');
    await waitFor(() => options.evaluate(() => !!document.getElementById('autoStopHiddenMs')), 'the options page');
    await setOption(options, 'autoStopHiddenMs', String(HIDDEN_MS / 60_000)); // minutes
    await options.close();

    const page = await h.open();
    const devices = await demo(page, 'both');
    const canvas = await page.evaluate(() => {
      const stream = document.createElement('canvas').captureStream();
      (window as unknown as { keep: unknown }).keep = stream;
      return stream.getVideoTracks()[0]!.id;
    });
    const tabId = await h.tabIdOf(page);
    const popup = await openPopup(h, tabId);
    await expect.poll(() => popup.count(popup.row(canvas)), poll).toBe(1);
    await popup.page.close();

    expect(await page.evaluate(() => document.visibilityState)).toBe('visible');
    // The page notes when it was hidden and when its camera ended (Trackstop tells it, by default).
    await page.evaluate((id) => {
      type Page = { hiddenAt: number; endedAt: number; demo: { track(id: string): MediaStreamTrack } };
      const w = window as unknown as Page;
      document.addEventListener('visibilitychange', () => { w.hiddenAt ??= Date.now(); });
      // A handler: Firefox calls no addEventListener listener for an `ended` that a script dispatches.
      w.demo.track(id).onended = () => { w.endedAt = Date.now(); };
    }, devices[0]!);
    await h.hide(page);
    await expect.poll(() => pageStates(page), poll).toEqual(Object.fromEntries(devices.map((id) => [id, 'ended'])));
    const { hiddenAt, endedAt } = await page.evaluate(() => {
      const w = window as unknown as { hiddenAt: number; endedAt: number };
      return { hiddenAt: w.hiddenAt, endedAt: w.endedAt };
    });
    // Not before the set time; how much later depends on the machine.
    expect(endedAt - hiddenAt).toBeGreaterThanOrEqual(HIDDEN_MS - 50);
    const isCanvasLive = await page.evaluate((id) => (window as unknown as { keep: MediaStream }).keep
      .getTrackById(id)?.readyState, canvas);
    expect(isCanvasLive).toBe('live');
    await setSettings(h, {});
  });
});
