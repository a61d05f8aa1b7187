/**
 * Alerts, in Chromium and Firefox: turned on in the options page (which asks for the notifications permission), a
 * tab that is not in front starting the microphone makes a notification, read from the browser's own record
 * (`notifications.getAll()` from an extension page), that names the tab; the tab in front starting the camera makes
 * none, and a second microphone within the minute no second one. A later start of another kind in the background
 * tab is the barrier: the alerts for what came before it have been decided by then.
 */
import { expect, it } from 'vitest';
import { type Harness, type TestPage, demo, eachBrowser, poll, popupOf, waitFor } from './harness';

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

/** The notifications about one tab, by the tab id their id carries (`trackstop-alert|<tab>|<site>|<kinds>|<time>`). */
const aboutTab = (all: Record<string, unknown>, tabId: number) =>
  Object.entries(all).filter(([id]) => id.split('|')[1] === String(tabId));
const kindsOf = (id: string) => id.split('|')[3];

/** Turns alerts on in the options page, as a person does; returns the page, left open. */
async function turnAlertsOn(h: Harness): Promise<TestPage> {
  const options = await h.openExtensionPage('options.html');
  await waitFor(() => options.evaluate(() => !!document.getElementById('alertOnBackgroundCapture')), 'the options');
  await options.click('#alertOnBackgroundCapture');
  await waitFor(async () => await popupOf(options).text('p.said') !== '', 'the option to be saved or refused');
  expect(await popupOf(options).text('p.said')).toBe('Saved.');
  return options;
}

const titled = (page: TestPage, title: string) => page.evaluate((t) => { document.title = t; }, title);

eachBrowser((harness) => {
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
}, { launch: { grantOptionalPermissions: true } });
