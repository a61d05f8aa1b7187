/**
 * Every tab at a glance, in Chromium and Firefox: a camera in one tab and a microphone in another are both listed
 * from either tab's popup; each tab's own Stop and "Stop everything everywhere" end what they cover, read back in
 * each page; Pause and Resume set `enabled`, read back in the page, for a track, a source and a tab.
 */
import { expect, it } from 'vitest';
import { type Harness, type TestPage, demo, eachBrowser, openPopup, pageStates, poll } from './harness';

/** The page's own `enabled` of each of its tracks. */
const enabledIn = (page: TestPage) => page.evaluate(() => {
  const d = (window as unknown as { demo: { states(): object; track(id: string): MediaStreamTrack } }).demo;
  return Object.fromEntries(Object.keys(d.states()).map((id) => [id, d.track(id).enabled]));
});

/** Whether the tab is the active one of its window, asked from an extension page. */
const isActive = (extensionPage: TestPage, tabId: number) => extensionPage.evaluate(async (id) => {
  type Tabs = { get(id: number): Promise<{ active: boolean }> };
  const g = globalThis as unknown as { browser?: { tabs: Tabs }; chrome: { tabs: Tabs } };
  return (await (g.browser ?? g.chrome).tabs.get(id)).active;
}, tabId);

eachBrowser((harness) => {
  /** A tab titled `title` holding what `action` makes. */
  async function tabWith(h: Harness, action: 'camera' | 'microphone', title: string) {
    const page = await h.open();
    await page.evaluate((t) => { document.title = t; }, title);
    const ids = await demo(page, action);
    return { page, ids, tabId: await h.tabIdOf(page) };
  }

  it('lists a camera tab and a microphone tab from either popup, each with its own Stop', async () => {
    const h = harness();
    const camera = await tabWith(h, 'camera', 'Camera tab');
    const mic = await tabWith(h, 'microphone', 'Microphone tab');

    const fromCamera = await openPopup(h, camera.tabId);
    await expect.poll(() => fromCamera.text(`li.other-tab[data-tab-id="${mic.tabId}"]`), poll)
      .toMatch(/Microphone tab[\s\S]*1 microphone/);
    expect(await fromCamera.count(`li.other-tab[data-tab-id="${camera.tabId}"]`)).toBe(0); // it is "This tab"
    const fromMic = await openPopup(h, mic.tabId);
    await expect.poll(() => fromMic.text(`li.other-tab[data-tab-id="${camera.tabId}"]`), poll)
      .toMatch(/Camera tab[\s\S]*1 camera/);

    // The title switches to the tab.
    await fromCamera.click('Microphone tab', { scope: `li.other-tab[data-tab-id="${mic.tabId}"]` });
    await expect.poll(() => isActive(fromCamera.page, mic.tabId), poll).toBe(true);

    await fromCamera.click('Stop everything in Microphone tab');
    await expect.poll(() => pageStates(mic.page), poll).toEqual({ [mic.ids[0]!]: 'ended' });
    expect(await pageStates(camera.page)).toEqual({ [camera.ids[0]!]: 'live' });
    await expect.poll(() => fromCamera.count(`li.other-tab[data-tab-id="${mic.tabId}"]`), poll).toBe(0);
    await expect.poll(() => fromMic.text('main .summary'), poll).toMatch(/Nothing is capturing in this tab/);
    for (const popup of [fromCamera, fromMic]) await popup.page.close();
  });

  it('"Stop everything everywhere" ends every track of every tab, read back in each page, and says so per tab',
    async () => {
      const h = harness();
      const camera = await tabWith(h, 'camera', 'Camera tab');
      const mic = await tabWith(h, 'microphone', 'Microphone tab');
      const popup = await openPopup(h, camera.tabId);
      await expect.poll(() => popup.count(`li.other-tab[data-tab-id="${mic.tabId}"]`), poll).toBe(1);

      await popup.click('Stop everything everywhere');
      await expect.poll(() => pageStates(camera.page), poll).toEqual({ [camera.ids[0]!]: 'ended' });
      await expect.poll(() => pageStates(mic.page), poll).toEqual({ [mic.ids[0]!]: 'ended' });
      await expect.poll(() => popup.text('.everywhere-said'), poll).toMatch(/^Stopped \d+ tracks? in \d+ tabs?\./);
      const said = await popup.text('.everywhere-said');
      expect(said).toContain('This tab: Stopped: 1 ended.');
      expect(said).toContain('Microphone tab: Stopped: 1 ended.');
      await popup.page.close();
    });

  it('pauses and resumes a track, a source and a tab, read back in the page as enabled', async () => {
    const h = harness();
    const page = await h.open();
    const [micId, camId] = await demo(page, 'both');
    const tabId = await h.tabIdOf(page);
    const popup = await openPopup(h, tabId);
    await expect.poll(() => popup.count('li.track.live'), poll).toBe(2);
    const micLabel = await page.evaluate((id) =>
      (window as unknown as { demo: { track(id: string): MediaStreamTrack } }).demo.track(id).label, micId!);

    await popup.click(`Pause ${micLabel}`, { scope: popup.row(micId!) });
    await expect.poll(() => enabledIn(page), poll).toEqual({ [micId!]: false, [camId!]: true });
    await expect.poll(() => popup.text(`${popup.row(micId!)} .state`), poll).toBe('paused by Trackstop');
    expect(await popup.text(`${popup.row(micId!)} .result`)).toBe('Pause: paused');
    expect(await pageStates(page)).toEqual({ [micId!]: 'live', [camId!]: 'live' }); // paused, not stopped

    await popup.click(`Resume ${micLabel}`, { scope: popup.row(micId!) });
    await expect.poll(() => enabledIn(page), poll).toEqual({ [micId!]: true, [camId!]: true });
    await expect.poll(() => popup.text(`${popup.row(micId!)} .state`), poll).toBe('live');

    await popup.click('Pause everything in this tab');
    await expect.poll(() => enabledIn(page), poll).toEqual({ [micId!]: false, [camId!]: false });
    await expect.poll(() => popup.text('p.said'), poll).toBe('Paused: 2 paused.'); // the live region says it
    await popup.click('Resume everything in this tab');
    await expect.poll(() => enabledIn(page), poll).toEqual({ [micId!]: true, [camId!]: true });
    await expect.poll(() => popup.text('p.said'), poll).toBe('Resumed: 2 resumed.');

    await popup.click('Pause source', { isPrefix: true, scope: 'section.source:last-of-type' });
    await expect.poll(async () => Object.values(await enabledIn(page)).filter((on) => !on).length, poll).toBe(1);

    // The page's own pause is told apart from Trackstop's.
    await page.evaluate((id) => {
      (window as unknown as { demo: { track(id: string): MediaStreamTrack } }).demo.track(id).enabled = false;
    }, micId!);
    await expect.poll(() => popup.text(`${popup.row(micId!)} .state`), poll).toBe('paused by the page');
    await popup.page.close();
  });
});
