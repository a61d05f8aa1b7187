/**
 * `npm run screenshot`: the README's pictures of the popup and the options page (with two rules per site), light and
 * dark, made with the e2e harness from a real session: camera, microphone, a clone, a screen capture, one track
 * stopped from the popup, and another tab with a microphone.
 */
import { resolve } from 'node:path';
import { it } from 'vitest';
import { launch, openExtensionPage, openPopupPage, tabIdOf } from '../e2e/chromium';
import { pageStates, popupOf, waitFor } from '../e2e/harness';

const DOCS = resolve(__dirname, '../../docs');

it.each(['light', 'dark'] as const)('pictures the popup in %s mode', async (colorScheme) => {
  const session = await launch();
  try {
    const page = await session.open();
    // Clicked as a person would, so that the creation stacks shown are the demo's own code.
    for (const [button, tracks] of [['#both', 2], ['#clone', 3], ['#screen', 4]] as const) {
      await page.click(button);
      await waitFor(async () => Object.keys(await pageStates(page)).length === tracks, `${button} to make its track`);
    }
    // A second tab with a microphone, listed under Other tabs.
    const other = await session.open();
    await other.click('#microphone');
    await waitFor(async () => Object.keys(await pageStates(other)).length === 1, 'the other tab\'s microphone');
    await page.bringToFront();
    const clone = Object.keys(await pageStates(page))[2]!;
    await page.evaluate((id) =>
      (window as unknown as { demo: { track(id: string): MediaStreamTrack } }).demo.track(id).stop(), clone);
    const tabId = await tabIdOf(session, page);
    const popupPage = await openPopupPage(session, tabId);
    await popupPage.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: colorScheme }]);
    await popupPage.setViewport({ width: 420, height: 600 });
    const popup = popupOf(popupPage);
    await waitFor(async () => await popup.count('section.source') >= 3, 'three sources');
    await waitFor(async () => await popup.count('li.other-tab') === 1, 'the other tab');
    await (await popupPage.$$('button[aria-label^="Stop source "]')).at(-1)!.click();
    await waitFor(async () => await popup.count('.result') > 0, 'the stop\'s result');
    await popupPage.evaluate(() => [...document.querySelectorAll<HTMLElement>('section.source details summary')]
      .at(-1)!.click());
    await popupPage.screenshot({ path: `${DOCS}/popup-${colorScheme}.png`, fullPage: true });
    const options = await openExtensionPage(session, 'options.html');
    // Two rules per site, as a person might set them: a call site that may only listen, and a quiet one.
    await options.evaluate(() => (globalThis as unknown as {
      chrome: { storage: { sync: { set(items: object): Promise<void> } } };
    }).chrome.storage.sync.set({ siteRules: {
      'meet.example.com': { hold: ['camera', 'screen'], autoStopHiddenMs: 600_000 },
      'radio.example': { neverAlert: true },
    } }));
    await options.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: colorScheme }]);
    await options.setViewport({ width: 720, height: 600 });
    await options.waitForSelector('li.site-rule[data-site="radio.example"]');
    await options.screenshot({ path: `${DOCS}/options-${colorScheme}.png`, fullPage: true });
  } finally {
    await session.close();
  }
});

/** The leak fixture as a developer meets it: a clone that feeds nothing and an orphan, flagged in popup and panel. */
it('pictures a flagged leak in the popup and the DevTools panel', async () => {
  const session = await launch();
  try {
    const settingsPage = await openExtensionPage(session, 'popup.html?tab=-1');
    await settingsPage.evaluate(() => (globalThis as unknown as {
      chrome: { storage: { sync: { set(items: object): Promise<void> } } };
    }).chrome.storage.sync.set({ settings: { leakDelayMs: 1000 } }));
    await settingsPage.close();
    const page = await session.open('leaks.html');
    await page.click('#start');
    const tabId = await tabIdOf(session, page);
    const popupPage = await openPopupPage(session, tabId);
    await popupPage.setViewport({ width: 420, height: 600 });
    const popup = popupOf(popupPage);
    await waitFor(async () => await popup.count('li.track.leaky') === 2, 'two flagged tracks');
    await popupPage.screenshot({ path: `${DOCS}/leak-popup.png`, fullPage: true });
    const panelPage = await openExtensionPage(session, `panel.html?tab=${tabId}`);
    await panelPage.setViewport({ width: 1100, height: 760 });
    await waitFor(async () => await popupOf(panelPage).count('article.panel-track.leaky') === 2, 'the panel\'s flags');
    await panelPage.screenshot({ path: `${DOCS}/panel.png` });
  } finally {
    await session.close();
  }
});

/** The popup in German, the second language, with plurals of one and of more. */
it('pictures the popup in German', async () => {
  const session = await launch({ lang: 'de' });
  try {
    const page = await session.open();
    await page.click('#both');
    await waitFor(async () => Object.keys(await pageStates(page)).length === 2, 'camera and microphone');
    await page.click('#clone');
    await waitFor(async () => Object.keys(await pageStates(page)).length === 3, 'the clone');
    const popupPage = await openPopupPage(session, await tabIdOf(session, page));
    await popupPage.setViewport({ width: 420, height: 600 });
    await waitFor(async () => await popupOf(popupPage).count('li.track.live') === 3, 'three tracks');
    await popupPage.screenshot({ path: `${DOCS}/popup-de.png`, fullPage: true });
  } finally {
    await session.close();
  }
});

/** Stop and hold: a call page whose camera was stopped and held, and whose retry was refused; in both languages. */
it.each([['en', 'light'], ['en', 'dark'], ['de', 'light']] as const)('pictures a held tab (%s, %s)',
  async (lang, colorScheme) => {
  const session = await launch({ lang });
  try {
    const page = await session.open('hold.html');
    type HoldPage = { keepCamera(): Promise<unknown>; ask(c: object): Promise<unknown>; outcomes: unknown[] };
    await page.evaluate(() => (window as unknown as HoldPage).ask({ audio: true }));
    await page.evaluate(() => (window as unknown as HoldPage).keepCamera());
    const popupPage = await openPopupPage(session, await tabIdOf(session, page));
    await popupPage.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: colorScheme }]);
    await popupPage.setViewport({ width: 420, height: 600 });
    const popup = popupOf(popupPage);
    await waitFor(async () => await popup.count('li.track.live') === 2, 'camera and microphone');
    // The camera's source: its Stop and hold is the one whose label names the fake camera.
    await popupPage.evaluate(() => [...document.querySelectorAll('button')]
      .find((b) => /fake_device_0/.test(b.getAttribute('aria-label') ?? '') && b.classList.contains('hold'))!.click());
    const outcomes = () => page.evaluate(() => (window as unknown as HoldPage).outcomes.length);
    await waitFor(async () => await outcomes() === 2, 'the refused retry');
    await waitFor(async () => /\b1\b/.test(await popup.text('.held strong')), 'the refusal counted');
    const suffix = lang === 'de' ? 'de' : colorScheme;
    await popupPage.screenshot({ path: `${DOCS}/popup-held-${suffix}.png`, fullPage: true });
  } finally {
    await session.close();
  }
});
