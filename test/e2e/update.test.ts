/**
 * An update or reload of the extension while tabs hold live tracks: Chrome does not re-inject content scripts into
 * open tabs, so the background injects a new relay that takes over the shim already in the page. Afterwards the
 * tracks are listed and stoppable, nothing is wrapped twice, and the orphaned relay says nothing in the console.
 */
import { expect, it } from 'vitest';
import { demo, eachBrowser, openPopup, pageStates, poll } from './harness';

eachBrowser((harness, browser) => {
  // Firefox re-injects declared content scripts itself; its reload path is not driven here yet.
  it.skipIf(browser === 'firefox')('keeps open tabs listed and stoppable across an extension update', async () => {
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

    await h.reloadExtension!();
    const later = await demo(page, 'clone'); // made after the update: reported by the new relay

    const popup = await openPopup(h, tabId);
    await expect.poll(() => popup.count('li.track.live'), poll).toBe(3);
    await popup.click('Stop ', { scope: popup.row(clone), isPrefix: true });
    await expect.poll(() => popup.text(`${popup.row(clone)} .result`), poll).toBe('Stop: ended');
    expect(await pageStates(page)).toEqual({ [camera!]: 'live', [clone]: 'ended', [later]: 'live' });
    // Recorded once, by one shim: a double wrap would list the later clone twice or as "seen first" elsewhere.
    expect(await popup.text(popup.row(later))).toContain('clone of');
    expect(errors).toEqual([]);
  });
});
