/**
 * The popup is usable from the keyboard alone: Tab reaches every control in reading order with a visible focus ring,
 * Enter stops the focused track, the outcome is said in a live region, and Escape closes the popup. Where the
 * driver presses real keys (`can.pressKeys`), and, for Escape, sees the popup window a script opens
 * (`can.watchOpenedPages`: Chromium).
 */
import { expect, it } from 'vitest';
import { can, demo, eachBrowser, openPopup, pageStates, poll, waitFor } from './harness';

eachBrowser((harness, name) => {
  it('reaches every control with Tab, each with a visible focus ring, and stops the focused track with Enter',
    async () => {
      const h = harness();
      const page = await h.open();
      const ids = await demo(page, 'both');
      const [first] = ids;
      // The fake microphone's label is the browser's own ("Fake Default Audio Input", "Default Audio Device").
      const mic = await page.evaluate((all) => {
        const { demo: d } = window as unknown as { demo: { track(id: string): MediaStreamTrack } };
        return all.map((id) => d.track(id)).find((t) => t.kind === 'audio')?.label ?? '';
      }, ids);
      const rows = await openPopup(h, await h.tabIdOf(page));
      const popup = rows.page;
      await waitFor(async () => await rows.count('li.track.live') === 2, 'both tracks listed');

      const names: string[] = [];
      for (let i = 0; i < 12; i++) {
        await popup.keyboard.press('Tab');
        const focused = await popup.evaluate(() => {
          const el = document.activeElement as HTMLElement;
          return { name: el.getAttribute('aria-label') ?? el.textContent?.trim() ?? '',
            outline: getComputedStyle(el).outlineStyle };
        });
        expect(focused.outline, focused.name).not.toBe('none');
        names.push(focused.name);
      }
      expect(names.slice(0, 11)).toEqual(['Settings', 'Stop everything everywhere',
        'Stop and hold everything everywhere', 'Pause everything in this tab', 'Stop everything in this tab',
        'Stop and hold everything in this tab', `Pause source ${mic}`, `Stop source ${mic}`,
        `Stop and hold source ${mic}`, `Pause ${mic}`, `Stop ${mic}`]);

      await popup.focus(`li[data-track-id="${first}"] button.stop`);
      await popup.keyboard.press('Enter');
      await expect.poll(async () => (await pageStates(page))[first!], poll).toBe('ended');
      await expect.poll(() => rows.text(`li[data-track-id="${first}"] .result`), poll).toBe('Stop: ended');
      // One live region says it for screen readers.
      expect(await rows.text('p.said[role="status"]')).toBe('Stopped: 1 ended.');
    });

  it.skipIf(!can(name).watchOpenedPages)('closes on Escape', async () => {
    const h = harness();
    const page = await h.open();
    await demo(page, 'camera');
    const tabId = await h.tabIdOf(page);
    // A page may close only a window a script opened, as the browser opens the toolbar popup.
    const opener = await h.openExtensionPage('popup.html?tab=-1');
    const opened = h.pageOpened((url) => url.endsWith(`popup.html?tab=${tabId}`));
    await opener.evaluate((id) => { window.open(`popup.html?tab=${id}`); }, tabId);
    const popup = await opened;
    await popup.waitForSelector('main');
    const closed = new Promise<void>((resolve) => popup.once('close', () => resolve()));
    // The popup closes while the key is still being delivered, which the driver reports as its target closing.
    await popup.keyboard.press('Escape').catch((e: unknown) => { if (!/Target closed/.test(String(e))) throw e; });
    await closed;
    expect(popup.isClosed()).toBe(true);
  });
}, { needs: ['pressKeys'] });
