/**
 * What must survive: the service worker being stopped while tracks are live, and other tabs closing or navigating.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { type Session, badgeOf, demo, launch, openPopup, pageStates, stopWorker, tabIdOf } from './chromium';

let session: Session;
beforeAll(async () => { session = await launch(); });
afterAll(async () => { await session?.close(); });

const poll = { timeout: 5000, interval: 50 };
const row = (popup: Page, trackId: string) => popup.locator(`li[data-track-id="${trackId}"]`);
const liveRows = (popup: Page) => popup.locator('li.track.live');

it('still lists live tracks after the service worker is stopped, and a stop is still confirmed', async () => {
  const page = await session.open();
  const [camera] = await demo(page, 'camera');
  const clone = await demo(page, 'clone');
  const tabId = await tabIdOf(session, page);
  const before = await openPopup(session, tabId);
  await expect.poll(() => liveRows(before).count(), poll).toBe(2);
  await before.close();

  await stopWorker(session);
  // A track made while the worker is down must reach it too: the relay reconnects and reports.
  const [microphone] = await demo(page, 'microphone');

  const popup = await openPopup(session, tabId);
  await expect.poll(() => liveRows(popup).count(), poll).toBe(3);
  for (const id of [camera!, clone, microphone!]) expect(await row(popup, id).count()).toBe(1);

  await stopWorker(session);
  await row(popup, clone).getByRole('button', { name: 'Stop fake_device_0' }).click();
  await expect.poll(() => row(popup, clone).locator('.result').innerText(), poll).toBe('Stop: ended');
  expect(await pageStates(page)).toEqual({ [camera!]: 'live', [clone]: 'ended', [microphone!]: 'live' });
  await expect.poll(() => badgeOf(session, tabId), poll).toBe('2');
});

it('counts each tab on its own badge; closing or navigating one tab removes only its tracks', async () => {
  const tabs: { page: Page; tabId: number }[] = [];
  for (const action of ['both', 'camera', 'microphone'] as const) {
    const page = await session.open();
    await demo(page, action);
    tabs.push({ page, tabId: await tabIdOf(session, page) });
  }
  const [closing, navigating, staying] = tabs as [typeof tabs[0], typeof tabs[0], typeof tabs[0]];
  await expect.poll(() => Promise.all(tabs.map((t) => badgeOf(session, t.tabId))), poll).toEqual(['2', '1', '1']);

  await closing.page.close();
  await navigating.page.goto(`${session.baseUrl}/demo.html?navigated`);
  await expect.poll(() => badgeOf(session, navigating.tabId), poll).toBe('');

  for (const gone of [closing, navigating]) {
    const popup = await openPopup(session, gone.tabId);
    await expect.poll(() => popup.locator('main').innerText(), poll).toMatch(/Nothing is capturing in this tab/);
    expect(await popup.locator('li.track').count()).toBe(0);
    await popup.close();
  }
  const popup = await openPopup(session, staying.tabId);
  await expect.poll(() => liveRows(popup).count(), poll).toBe(1);
  expect(await badgeOf(session, staying.tabId)).toBe('1');
});
