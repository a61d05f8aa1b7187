/**
 * What must survive, in Chromium and Firefox: the background being stopped while tracks are live (service worker,
 * or event page after its idle timeout), and other tabs closing or navigating.
 */
import { expect, it } from 'vitest';
import { type TestPage, badgeOf, demo, eachBrowser, openPopup, pageStates, poll } from './harness';

eachBrowser((harness) => {
  it('still lists live tracks after the background restarts, and a stop is still confirmed', async () => {
    const h = harness();
    const page = await h.open();
    const [camera] = await demo(page, 'camera');
    const clone = await demo(page, 'clone');
    const tabId = await h.tabIdOf(page);
    const before = await openPopup(h, tabId);
    await expect.poll(() => before.count('li.track.live'), poll).toBe(2);
    await before.page.close();

    await h.restartBackground();
    // A track made while the background is down must reach it too: the relay reconnects and reports.
    const [microphone] = await demo(page, 'microphone');

    const popup = await openPopup(h, tabId);
    await expect.poll(() => popup.count('li.track.live'), poll).toBe(3);
    for (const id of [camera!, clone, microphone!]) expect(await popup.count(popup.row(id))).toBe(1);
    await popup.page.close();

    await h.restartBackground();
    const after = await openPopup(h, tabId);
    await expect.poll(() => after.count('li.track.live'), poll).toBe(3);
    await after.click('Stop ', { scope: after.row(clone), isPrefix: true });
    await expect.poll(() => after.text(`${after.row(clone)} .result`), poll).toBe('Stop: ended');
    expect(await pageStates(page)).toEqual({ [camera!]: 'live', [clone]: 'ended', [microphone!]: 'live' });
    await expect.poll(() => badgeOf(h, tabId), poll).toBe('2');
  });

  it('counts each tab on its own badge; closing or navigating one tab removes only its tracks', async () => {
    const h = harness();
    const tabs: { page: TestPage; tabId: number }[] = [];
    for (const action of ['both', 'camera', 'microphone'] as const) {
      const page = await h.open();
      await demo(page, action);
      tabs.push({ page, tabId: await h.tabIdOf(page) });
    }
    const [closing, navigating, staying] = tabs as [typeof tabs[0], typeof tabs[0], typeof tabs[0]];
    await expect.poll(() => Promise.all(tabs.map((t) => badgeOf(h, t.tabId))), poll).toEqual(['2', '1', '1']);

    await closing.page.close();
    await navigating.page.goto(`${h.baseUrl}/blank.html?navigated`);
    await expect.poll(() => badgeOf(h, navigating.tabId), poll).toBe('');

    for (const gone of [closing, navigating]) {
      const popup = await openPopup(h, gone.tabId);
      await expect.poll(() => popup.text('main'), poll).toMatch(/Nothing is capturing in this tab/);
      expect(await popup.count('li.track')).toBe(0);
      await popup.page.close();
    }
    const popup = await openPopup(h, staying.tabId);
    await expect.poll(() => popup.count('li.track.live'), poll).toBe(1);
    expect(await badgeOf(h, staying.tabId)).toBe('1');
  });
});
