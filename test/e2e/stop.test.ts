/**
 * The slice end to end, in Chromium and Firefox: what the popup lists, and what the page itself reads back after
 * a stop.
 */
import { expect, it } from 'vitest';
import { shortId } from '../../src/format';
import { badgeColorOf, badgeOf, demo, eachBrowser, openPopup, pageStates, poll } from './harness';

eachBrowser((harness, browser) => {
  async function setUp(action: 'both' | 'camera' | 'screen') {
    const h = harness();
    const page = await h.open();
    const ids = await demo(page, action);
    const tabId = await h.tabIdOf(page);
    const popup = await openPopup(h, tabId);
    return { h, page, ids, tabId, popup };
  }

  /** The fake camera's label: the name a person reads, and the one the Stop buttons carry. */
  const camera = () => (browser === 'firefox' ? 'Default Video Device' : 'fake_device_0');

  it('lists camera and microphone as two tracks under two sources, and badges the tab 2 in red', async () => {
    const { h, ids, tabId, popup } = await setUp('both');
    await expect.poll(() => popup.count('section.source'), poll).toBe(2);
    await expect.poll(() => popup.count('section.source li.track.live'), poll).toBe(2);
    for (const id of ids) expect(await popup.count(popup.row(id))).toBe(1);
    expect(await popup.count(`button[aria-label="Stop source ${camera()}"]`)).toBe(1);
    await expect.poll(() => popup.text('main .summary'), poll).toMatch(/2 live tracks from 2 sources/);
    await expect.poll(() => badgeOf(h, tabId), poll).toBe('2');
    expect(await badgeColorOf(h, tabId)).toEqual([197, 34, 31, 255]);
  });

  it('keeps a source live while a clone holds it, and stopping the source ends both in the page', async () => {
    const { h, page, ids, tabId, popup } = await setUp('camera');
    const original = ids[0]!;
    const clone = await demo(page, 'clone');
    await expect.poll(() => popup.text(popup.row(clone)), poll).toContain(`clone of ${shortId(original)}`);

    await popup.click(`Stop ${camera()}`, { scope: popup.row(original) });
    await expect.poll(() => popup.text(`${popup.row(original)} .result`), poll).toBe('Stop: ended');
    expect(await pageStates(page)).toEqual({ [original]: 'ended', [clone]: 'live' });
    await expect.poll(() => popup.count('section.source'), poll).toBe(1);
    await expect.poll(() => popup.text('section.source .count'), poll).toBe('1 live track');

    await popup.click(`Stop source ${camera()}`);
    await expect.poll(() => pageStates(page), poll).toEqual({ [original]: 'ended', [clone]: 'ended' });
    await expect.poll(() => popup.text(`${popup.row(clone)} .result`), poll).toBe('Stop: ended');
    await expect.poll(() => badgeOf(h, tabId), poll).toBe('');
    await expect.poll(() => popup.text('main'), poll).toMatch(/Nothing is capturing in this tab/);
  });

  it('"Stop everything in this tab" ends every track, a leaked clone the page no longer holds included', async () => {
    const { page, popup } = await setUp('both');
    await demo(page, 'clone');
    const leaked = await demo(page, 'leak');
    await expect.poll(() => popup.count(popup.row(leaked)), poll).toBe(1);
    expect(Object.values(await pageStates(page))).toEqual(['live', 'live', 'live', 'live']);

    await popup.click('Stop everything in this tab');
    await expect.poll(async () => Object.values(await pageStates(page)), poll).toEqual(['ended', 'ended', 'ended',
      'ended']);
    expect((await pageStates(page))[leaked]).toBe('ended');
    await expect.poll(() => popup.texts('.ended .result'), poll).toEqual(Array(4).fill('Stop: ended'));
    expect(await popup.count('li.track.live')).toBe(0);
  });

  it('lists a track the page stopped itself as ended "by the page", with no Stop button', async () => {
    const { page, ids, popup } = await setUp('camera');
    await expect.poll(() => popup.count(popup.row(ids[0]!)), poll).toBe(1);
    await demo(page, 'stopOwn');
    await expect.poll(() => popup.text(popup.row(ids[0]!)), poll).toMatch(/ended by the page/);
    expect(await popup.count(`${popup.row(ids[0]!)} button`)).toBe(0);
  });

  // Headless Firefox has no fake screen: getDisplayMedia fails there with NotFoundError.
  it.skipIf(browser === 'firefox')('lists a screen capture as screen, and stops it', async () => {
    const { page, ids, popup } = await setUp('screen');
    await expect.poll(() => popup.text('section.source .kind'), poll).toMatch(/^screen$/i);
    await popup.click('Stop source ', { isPrefix: true });
    await expect.poll(() => pageStates(page), poll).toEqual({ [ids[0]!]: 'ended' });
    await expect.poll(() => popup.text(`${popup.row(ids[0]!)} .result`), poll).toBe('Stop: ended');
  });

  it('tracks the legacy callback getUserMedia, stream clones and new MediaStream()', async () => {
    const h = harness();
    const page = await h.open();
    const made = await page.evaluate(() => new Promise<Record<string, string>>((resolve, reject) => {
      const nav = navigator as unknown as Record<string, ((this: Navigator, ...args: unknown[]) => void) | undefined>;
      const legacy = (nav.webkitGetUserMedia ?? nav.mozGetUserMedia)!;
      legacy.call(navigator, { video: true }, (stream: MediaStream) => {
        const copy = stream.clone();
        (window as unknown as { held: MediaStream[] }).held = [stream, copy, new MediaStream([...copy.getTracks()])];
        resolve({ legacy: stream.getTracks()[0]!.id, cloned: copy.getTracks()[0]!.id });
      }, reject);
    }));
    const popup = await openPopup(h, await h.tabIdOf(page));
    await expect.poll(() => popup.text(popup.row(made.legacy!)), poll).toContain('getUserMedia');
    await expect.poll(() => popup.text(popup.row(made.cloned!)), poll).toContain(`clone of ${shortId(made.legacy!)}`);
    expect(await popup.count('section.source')).toBe(1);
    await popup.click('Stop everything in this tab');
    await expect.poll(() => page.evaluate(() => (window as unknown as { held: MediaStream[] }).held
      .flatMap((s) => s.getTracks().map((t) => t.readyState))), poll).toEqual(['ended', 'ended', 'ended']);
  });
});
