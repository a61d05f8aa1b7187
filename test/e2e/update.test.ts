/**
 * An update or reload of the extension while tabs hold live tracks. Chrome does not re-inject content scripts into
 * open tabs, so the background injects a new relay; Firefox injects both scripts itself, and the new shim stands
 * down when it finds the old one. Either way the new relay takes over the old shim's channel. Afterwards the
 * tracks are listed and stoppable, nothing is wrapped twice, and the orphaned relay says nothing in the console.
 */
import { expect, it } from 'vitest';
import { demo, eachBrowser, openPopup, pageStates, poll } from './harness';

eachBrowser((harness) => {
  it('keeps open tabs listed and stoppable across an extension update', async () => {
    const h = harness();
    const page = await h.open();
    const errors: string[] = [];
    (page as unknown as { on(e: string, f: (m: { type(): string; text(): string }) => void): void })
      .on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text()); });
    const [camera] = await demo(page, 'camera');
    const clone = await demo(page, 'clone');
    const tabId = await h.tabIdOf(page);
    const before = await openPopup(h, tabId);
    await expect.poll(() => before.count('li.track.live'), poll).toBe(2);
    await before.page.close().catch(() => {});

    const wrapped = () => {
      const w = window as unknown as { wrappedBefore?: unknown[] };
      const now = [MediaStreamTrack.prototype.clone, MediaStreamTrack.prototype.stop,
        MediaDevices.prototype.getUserMedia,
        Function.prototype.toString];
      w.wrappedBefore ??= now;
      return now.every((f, i) => f === w.wrappedBefore![i]);
    };
    await page.evaluate(wrapped);
    await h.reloadExtension!();
    const later = await demo(page, 'clone'); // made after the update: reported by the new relay

    const popup = await openPopup(h, tabId);
    await expect.poll(() => popup.count('li.track.live'), poll).toBe(3);
    await popup.click('Stop ', { scope: popup.row(clone), isPrefix: true });
    await expect.poll(() => popup.text(`${popup.row(clone)} .result`), poll).toBe('Stop: ended');
    expect(await pageStates(page)).toEqual({ [camera!]: 'live', [clone]: 'ended', [later]: 'live' });
    // Recorded once, by one shim: Firefox injects a new shim into open pages, which must find the old one there
    // and stand down. A second wrap would replace the page's functions (and record every track twice).
    expect(await page.evaluate(wrapped), 'the same functions as before the update').toBe(true);
    expect(await popup.text(popup.row(later))).toContain('clone of');
    expect(errors).toEqual([]);
  });
});
