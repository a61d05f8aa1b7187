/**
 * Alerts, in Chromium and Firefox: turned on in the options page (which asks for the notifications permission), a
 * tab that is not in front starting the microphone makes a notification, read from the browser's own record
 * (`notifications.getAll()` from an extension page), that names the tab; the tab in front starting the camera makes
 * none, and a second microphone within the minute no second one. A later start of another kind in the background
 * tab is the barrier: the alerts for what came before it have been decided by then.
 */
import { expect, it } from 'vitest';
import { type Harness, type TestPage, demo, eachBrowser, openPopup, poll, popupOf, waitFor } from './harness';

type NotificationsApi = {
  getAll(): Promise<Record<string, { title?: string; message?: string } | true>>;
  onShown: { addListener(listener: (id: string) => void): void };
  onClosed: { addListener(listener: (id: string) => void): void };
};
type Reader = typeof globalThis & { browser?: { notifications: NotificationsApi };
  chrome: { notifications: NotificationsApi }; alertsSeen: Record<string, true> };

/**
 * Keeps the browser's word on every notification it shows, in an extension page left open behind the tabs (opening
 * one later would put it in front, and the tab in front gets no alert): headless Firefox closes a notification
 * within a moment, so its `onShown` and `onClosed` are kept beside `getAll()`.
 */
async function listenForNotifications(reader: TestPage): Promise<void> {
  await reader.evaluate(() => {
    const g = globalThis as Reader;
    const api = (g.browser ?? g.chrome).notifications;
    g.alertsSeen = {};
    const seen = (id: string) => { g.alertsSeen[id] = true; };
    api.onShown?.addListener(seen);
    api.onClosed.addListener(seen);
  });
}

/** The notifications the browser showed, still shows or closed: id → its options (Firefox, while open) or `true`. */
const notifications = (reader: TestPage) => reader.evaluate(async () => {
  const g = globalThis as Reader;
  return { ...g.alertsSeen, ...await (g.browser ?? g.chrome).notifications.getAll() };
});

/** The notifications about one tab, by the tab id their id carries (`trackstop-alert|<tab>|<site>|<how>|<kinds>|…`). */
const aboutTab = (all: Record<string, unknown>, tabId: number) =>
  Object.entries(all).filter(([id]) => id.split('|')[1] === String(tabId));
const kindsOf = (id: string) => id.split('|')[4];
const whatOf = (id: string) => id.split('|').slice(3, 5).join(' ');

/** Turns alerts on in the options page, as a person does, unless they are; returns the page, left open. */
async function turnAlertsOn(h: Harness): Promise<TestPage> {
  const options = await h.openExtensionPage('options.html');
  await waitFor(() => options.evaluate(() => !!document.getElementById('alertOnBackgroundCapture')), 'the options');
  if (await options.evaluate(() => (document.getElementById('alertOnBackgroundCapture') as HTMLInputElement).checked)) {
    return options;
  }
  await options.click('#alertOnBackgroundCapture');
  await waitFor(async () => await popupOf(options).text('p.said') !== '', 'the option to be saved or refused');
  expect(await popupOf(options).text('p.said')).toBe('Saved.');
  return options;
}

const titled = (page: TestPage, title: string) => page.evaluate((t) => { document.title = t; }, title);

eachBrowser((harness, name) => {
  it('alerts for a background tab that starts the microphone, not for the tab in front, once a minute', async () => {
    const h = harness();
    const reader = await turnAlertsOn(h);
    await listenForNotifications(reader);
    const back = await h.open();
    await titled(back, 'Background call');
    const front = await h.open();
    await front.bringToFront();
    const [backId, frontId] = [await h.tabIdOf(back), await h.tabIdOf(front)];

    await demo(back, 'microphone');
    await expect.poll(async () => aboutTab(await notifications(reader), backId).map(([id]) => kindsOf(id)), poll)
      .toEqual(['microphone']);
    const [[, record]] = aboutTab(await notifications(reader), backId) as [[string, unknown]];
    // Only Firefox's record holds the text, while the notification is open; Chromium's says that it exists.
    if (record !== true) {
      expect(record).toMatchObject({ title: 'Background call started capturing',
        message: 'Started while not in front: microphone' });
    }

    await demo(front, 'camera');
    await demo(back, 'microphone');
    await demo(back, 'camera'); // the barrier: a new kind, told
    await expect.poll(async () => aboutTab(await notifications(reader), backId).map(([id]) => kindsOf(id)).sort(), poll)
      .toEqual(['camera', 'microphone']);
    expect(aboutTab(await notifications(reader), frontId)).toEqual([]);
  });

  // Firefox skips it: there, headless, the tab a test brings to front was in 3 of 5 runs still not the active tab
  // when its start was decided, so its start was told and the resume then held back by the minute between alerts.
  it.skipIf(name === 'firefox')('alerts when a page turns back on a track the person paused, not for the person\'s own '
    + 'Resume', async () => {
    const h = harness();
    const reader = await turnAlertsOn(h);
    await listenForNotifications(reader);
    const page = await h.open();
    await page.bringToFront();
    const [micId, camId] = await demo(page, 'both'); // in front: no alert
    const tabId = await h.tabIdOf(page);
    // The badge counts them once the background has them, and has decided there and then that the tab is in front.
    await expect.poll(() => reader.evaluate((id) => {
      type Api = { action: { getBadgeText(d: { tabId: number }): Promise<string> } };
      const g = globalThis as unknown as { browser?: Api; chrome: Api };
      return (g.browser ?? g.chrome).action.getBadgeText({ tabId: id });
    }, tabId), poll).toBe('2');
    const popup = await openPopup(h, tabId); // now the popup is in front, and the page is not
    await expect.poll(() => popup.count('li.track.live'), poll).toBe(2);
    const pauseOrResume = async (action: 'Pause' | 'Resume', trackId: string, result: string) => {
      await popup.click(action, { isPrefix: true, scope: popup.row(trackId) });
      await expect.poll(() => popup.text(`${popup.row(trackId)} .result`), poll).toBe(result);
    };
    await pauseOrResume('Pause', camId!, 'Pause: paused');
    await pauseOrResume('Resume', camId!, 'Resume: resumed');
    await pauseOrResume('Pause', micId!, 'Pause: paused');
    await page.evaluate((id) => {
      (window as unknown as { demo: { track(id: string): MediaStreamTrack } }).demo.track(id).enabled = true;
    }, micId!);
    // The page's resume of the microphone is told; the person's own of the camera, before it, was not.
    await expect.poll(async () => aboutTab(await notifications(reader), tabId).map(([id]) => whatOf(id)), poll)
      .toEqual(['resumed microphone']);
    await popup.page.close();
  });
}, { launch: { grantOptionalPermissions: true } });
