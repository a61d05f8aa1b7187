/**
 * The slice end to end in Chromium: what the popup lists, and what the page itself reads back after a stop.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { type Session, badgeColorOf, badgeOf, demo, launch, openPopup, pageStates, tabIdOf } from './chromium';

let session: Session;
beforeAll(async () => { session = await launch(); });
afterAll(async () => { await session?.close(); });

const CAMERA = 'fake_device_0';
const poll = { timeout: 5000, interval: 50 };

/** The popup's row for one track, found by the track's id. */
const row = (popup: Page, trackId: string) => popup.locator(`li[data-track-id="${trackId}"]`);

async function setUp(action: 'both' | 'camera' | 'screen') {
  const page = await session.open();
  const ids = await demo(page, action);
  const tabId = await tabIdOf(session, page);
  const popup = await openPopup(session, tabId);
  return { page, ids, tabId, popup };
}

describe('in one tab', () => {
  it('lists camera and microphone as two tracks under two sources, and badges the tab 2', async () => {
    const { ids, tabId, popup } = await setUp('both');
    await expect.poll(() => popup.locator('section.source').count(), poll).toBe(2);
    await expect.poll(() => popup.locator('section.source li.track.live').count(), poll).toBe(2);
    for (const id of ids) await expect.poll(() => row(popup, id).count(), poll).toBe(1);
    await expect.poll(() => popup.getByRole('button', { name: `Stop source ${CAMERA}` }).count(), poll).toBe(1);
    await expect.poll(() => popup.locator('main').innerText(), poll).toMatch(/2 live tracks from 2 sources/);
    await expect.poll(() => badgeOf(session, tabId), poll).toBe('2');
    expect(await badgeColorOf(session, tabId)).toEqual([197, 34, 31, 255]);
  });

  it('keeps a source live while a clone holds it, and stopping the source ends both in the page', async () => {
    const { page, ids, tabId, popup } = await setUp('camera');
    const original = ids[0]!;
    const clone = await demo(page, 'clone');
    await expect.poll(() => row(popup, clone).innerText(), poll).toContain(`clone of ${original.slice(0, 8)}`);

    await row(popup, original).getByRole('button', { name: `Stop ${CAMERA}` }).click();
    await expect.poll(() => row(popup, original).locator('.result').innerText(), poll).toBe('Stop: ended');
    expect((await pageStates(page))[original]).toBe('ended');
    expect((await pageStates(page))[clone]).toBe('live');
    const source = popup.locator('section.source');
    await expect.poll(() => source.count(), poll).toBe(1);
    await expect.poll(() => source.locator('.count').innerText(), poll).toBe('1 live track');

    await popup.getByRole('button', { name: `Stop source ${CAMERA}` }).click();
    await expect.poll(() => pageStates(page), poll).toEqual({ [original]: 'ended', [clone]: 'ended' });
    await expect.poll(() => row(popup, clone).locator('.result').innerText(), poll).toBe('Stop: ended');
    await expect.poll(() => badgeOf(session, tabId), poll).toBe('');
    await expect.poll(() => popup.locator('main').innerText(), poll).toMatch(/Nothing is capturing in this tab/);
  });

  it('"Stop everything in this tab" ends every track, a leaked clone the page no longer holds included', async () => {
    const { page, popup } = await setUp('both');
    await demo(page, 'clone');
    const leaked = await demo(page, 'leak');
    await expect.poll(() => row(popup, leaked).count(), poll).toBe(1);
    expect(Object.values(await pageStates(page))).toEqual(['live', 'live', 'live', 'live']);

    await popup.getByRole('button', { name: 'Stop everything in this tab' }).click();
    await expect.poll(async () => Object.values(await pageStates(page)), poll).toEqual(['ended', 'ended', 'ended', 'ended']);
    expect((await pageStates(page))[leaked]).toBe('ended');
    await expect.poll(() => popup.locator('.ended .result').allInnerTexts(), poll).toEqual(Array(4).fill('Stop: ended'));
    expect(await popup.locator('li.track.live').count()).toBe(0);
  });

  it('lists a track the page stopped itself as ended "by the page", with no Stop button', async () => {
    const { page, ids, popup } = await setUp('camera');
    await expect.poll(() => row(popup, ids[0]!).count(), poll).toBe(1);
    await demo(page, 'stopOwn');
    await expect.poll(() => row(popup, ids[0]!).innerText(), poll).toMatch(/ended by the page/);
    expect(await row(popup, ids[0]!).getByRole('button').count()).toBe(0);
  });

  it('lists a screen capture as screen, and stops it', async () => {
    const { page, ids, popup } = await setUp('screen');
    const source = popup.locator('section.source');
    await expect.poll(() => source.locator('.kind').first().innerText(), poll).toMatch(/^screen$/i);
    await source.getByRole('button', { name: /^Stop source / }).click();
    await expect.poll(() => pageStates(page), poll).toEqual({ [ids[0]!]: 'ended' });
    await expect.poll(() => row(popup, ids[0]!).locator('.result').innerText(), poll).toBe('Stop: ended');
  });

  it('tracks the legacy callback getUserMedia, stream clones and new MediaStream()', async () => {
    const page = await session.open();
    const made = await page.evaluate(() => new Promise<Record<string, string>>((resolve, reject) => {
      const legacy = (navigator as unknown as { webkitGetUserMedia: Function }).webkitGetUserMedia;
      legacy.call(navigator, { video: true }, (stream: MediaStream) => {
        const copy = stream.clone();
        const composed = new MediaStream([...copy.getTracks()]);
        const held = [stream, copy, composed];
        (window as unknown as { held: MediaStream[] }).held = held;
        resolve({ legacy: stream.getTracks()[0]!.id, cloned: copy.getTracks()[0]!.id });
      }, reject);
    }));
    const popup = await openPopup(session, await tabIdOf(session, page));
    await expect.poll(() => row(popup, made.legacy!).innerText(), poll).toContain('getUserMedia');
    await expect.poll(() => row(popup, made.cloned!).innerText(), poll).toContain(`clone of ${made.legacy!.slice(0, 8)}`);
    expect(await popup.locator('section.source').count()).toBe(1);
    await popup.getByRole('button', { name: 'Stop everything in this tab' }).click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { held: MediaStream[] }).held
      .flatMap((s) => s.getTracks().map((t) => t.readyState))), poll).toEqual(['ended', 'ended', 'ended']);
  });
});
