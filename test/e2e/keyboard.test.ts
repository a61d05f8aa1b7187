/**
 * The popup is usable from the keyboard alone: Tab reaches every Stop button in reading order with a visible focus
 * ring, and Enter stops the focused one. Chromium only, through chromium.ts rather than the Harness: it presses real
 * keys with puppeteer's keyboard over the DevTools protocol, which the Harness's TestPage (the part every test
 * shares) leaves out; the markup is the same in Firefox.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, launch, openPopup, tabIdOf } from './chromium';
import { BROWSERS, demo, pageStates, poll, popupOf, waitFor } from './harness';

describe.skipIf(!BROWSERS.includes('chromium'))('chromium', () => {
  let session: Session;
  beforeAll(async () => { session = await launch(); });
  afterAll(async () => { await session?.close(); });

  it('reaches every Stop button with Tab and stops the focused track with Enter', async () => {
    const page = await session.open();
    const [first] = await demo(page, 'both');
    const popup = await openPopup(session, await tabIdOf(session, page));
    const rows = popupOf(popup);
    await waitFor(async () => await rows.count('li.track.live') === 2, 'both tracks listed');

    const names: string[] = [];
    for (let i = 0; i < 8; i++) {
      await popup.keyboard.press('Tab');
      const focused = await popup.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        return { name: el.getAttribute('aria-label') ?? el.textContent?.trim() ?? '',
          outline: getComputedStyle(el).outlineStyle };
      });
      if (focused.name.startsWith('Stop')) expect(focused.outline, focused.name).not.toBe('none');
      names.push(focused.name);
    }
    expect(names.slice(0, 3)).toEqual(['Stop everything in this tab', 'Stop source Fake Default Audio Input',
      'Stop Fake Default Audio Input']);

    await popup.focus(`li[data-track-id="${first}"] button`);
    await popup.keyboard.press('Enter');
    await expect.poll(async () => (await pageStates(page))[first!], poll).toBe('ended');
    await expect.poll(() => rows.text(`li[data-track-id="${first}"] .result`), poll).toBe('Stop: ended');
  });
});
