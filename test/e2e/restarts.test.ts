/**
 * The background dies often (Chromium stops an idle worker after 30 s; Firefox suspends its event page). Restarted
 * over and over with tracks live, at the worst moments too, Trackstop must lose no live track and confirm every stop.
 */
import { expect, it } from 'vitest';
import { type Harness, type TestPage, demo, eachBrowser, openPopup, pageStates, poll } from './harness';

/** Restarts per browser: Chromium's worker stops in milliseconds, Firefox's event page needs its idle timeout. */
const RESTARTS = { chromium: 50, firefox: 4 };

const liveInPage = async (page: TestPage) =>
  Object.entries(await pageStates(page)).filter(([, state]) => state === 'live').map(([id]) => id).sort();

async function liveInPopup(h: Harness, tabId: number): Promise<string[]> {
  const popup = await openPopup(h, tabId);
  const ids = await popup.page.evaluate(() =>
    [...document.querySelectorAll('li.track.live')].map((li) => li.getAttribute('data-track-id')!).sort());
  await popup.page.close();
  return ids;
}

eachBrowser((harness, browser) => {
  it(`loses no live track and confirms every stop across ${RESTARTS[browser]} restarts`, async () => {
    const h = harness();
    const page = await h.open();
    await demo(page, 'both');
    const tabId = await h.tabIdOf(page);
    let lost = 0;
    let unconfirmed = 0;
    for (let i = 0; i < RESTARTS[browser]; i++) {
      await h.restartBackground();
      if (i % 2 === 0) await demo(page, 'clone'); // made while the background is down
      const expected = await liveInPage(page);
      await expect.poll(() => liveInPopup(h, tabId), poll).toEqual(expected);
      lost += expected.length - (await liveInPopup(h, tabId)).length;
      if (i % 2 === 1) {
        // Stop the newest clone from a popup opened on a freshly restarted background.
        await h.restartBackground();
        const popup = await openPopup(h, tabId);
        const victim = expected[expected.length - 1]!;
        await expect.poll(() => popup.count(popup.row(victim)), poll).toBe(1);
        await popup.click('Stop ', { scope: popup.row(victim), isPrefix: true });
        await expect.poll(() => popup.text(`${popup.row(victim)} .result`), poll).toMatch(/^Stop: /);
        if (await popup.text(`${popup.row(victim)} .result`) !== 'Stop: ended') unconfirmed++;
        expect((await pageStates(page))[victim]).toBe('ended');
        await popup.page.close();
      }
    }
    console.log(`${browser}: ${RESTARTS[browser]} restarts, ${lost} live tracks lost, ${unconfirmed} stops unconfirmed`);
    expect([lost, unconfirmed]).toEqual([0, 0]);
  });

  it('lists a track made just before the background dies, before it could be reported', async () => {
    const h = harness();
    const page = await h.open();
    await demo(page, 'camera');
    const tabId = await h.tabIdOf(page);
    await expect.poll(() => liveInPopup(h, tabId), poll).toHaveLength(1);
    const clone = await demo(page, 'clone');
    await h.restartBackground(); // within the relay's 50 ms batching window, in Chromium
    await expect.poll(() => liveInPopup(h, tabId), poll).toContain(clone);
  });

  it('never claims a stop it could not confirm when the background dies during it', async () => {
    const h = harness();
    const page = await h.open();
    const [camera] = await demo(page, 'camera');
    const tabId = await h.tabIdOf(page);
    const popup = await openPopup(h, tabId);
    await expect.poll(() => popup.count(popup.row(camera!)), poll).toBe(1);
    await popup.click('Stop ', { scope: popup.row(camera!), isPrefix: true });
    await h.restartBackground();
    const isEnded = (await pageStates(page))[camera!] === 'ended';
    // What any popup says now agrees with the page.
    const again = await openPopup(h, tabId);
    await expect.poll(() => again.count(`li.track.${isEnded ? 'ended' : 'live'}[data-track-id="${camera}"]`), poll).toBe(1);
  });
});
