/**
 * `npm run screenshot` also makes the store pictures (store/images/<language>/), at the sizes both stores take:
 * 1280×800 screenshots from real sessions (the popup over a call with a leaked clone; every tab at a glance; the
 * DevTools panel; the options page) and the Chrome Web Store's 440×280 promo tile. The popup is shown as the
 * toolbar shows it, over the page it is about: its own screenshot laid on the page's, nothing drawn by hand.
 * store/README.md lists them; a unit test (test/unit/store-listings.test.ts) holds their sizes.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { type Session, launch, openExtensionPage, openPopupPage, tabIdOf } from '../e2e/chromium';
import { pageStates, popupOf, waitFor } from '../e2e/harness';

const STORE = resolve(__dirname, '../../store/images');
const SCREEN = { width: 1280, height: 800 };
const TILE = { width: 440, height: 280 };

const dataUrl = (png: Uint8Array) => `data:image/png;base64,${Buffer.from(png).toString('base64')}`;

/** Lays the popup's screenshot over the page's, below the toolbar's corner, as the browser shows a popup. */
async function popupOverPage(session: Session, backdrop: Uint8Array, popup: Uint8Array, path: string) {
  const stage = await session.browser.newPage();
  await stage.setViewport(SCREEN);
  await stage.setContent(`<!doctype html><body style="margin:0;width:1280px;height:800px;overflow:hidden;
    background:url(${dataUrl(backdrop)}) no-repeat">
    <div style="position:absolute;top:8px;right:24px;max-height:776px;overflow:hidden;border-radius:8px;
      box-shadow:0 8px 28px rgba(0,0,0,.35),0 0 0 1px rgba(0,0,0,.12)">
      <img src="${dataUrl(popup)}" style="display:block"></div></body>`, { waitUntil: 'load' });
  await stage.screenshot({ path });
  await stage.close();
}

async function shootPopup(session: Session, tabId: number, ready: (p: Page) => Promise<void>): Promise<Uint8Array> {
  const popupPage = await openPopupPage(session, tabId);
  await popupPage.setViewport({ width: 420, height: 600 });
  await ready(popupPage);
  // As the toolbar shows it: at most 600 px tall (Chromium's popup limit), the rest scrolled.
  const shot = await popupPage.screenshot();
  await popupPage.close();
  return shot;
}

async function clickAndCount(page: Page, button: string, tracks: number) {
  await page.click(button);
  await waitFor(async () => Object.keys(await pageStates(page)).length === tracks, `${button} to make its track`);
}

it.each(['en', 'de'])('pictures the store screenshots and the promo tile in %s', async (lang) => {
  const out = `${STORE}/${lang}`;
  await mkdir(out, { recursive: true });
  const session = await launch({ lang });
  try {
    const settings = await openExtensionPage(session, 'popup.html?tab=-1');
    await settings.evaluate(() => (globalThis as unknown as {
      chrome: { storage: { sync: { set(items: object): Promise<void> } } };
    }).chrome.storage.sync.set({ settings: { leakDelayMs: 1000 } }));
    await settings.close();

    // 1. A call (camera and microphone) that leaked a clone: the popup flags it.
    const call = await session.open();
    await call.setViewport(SCREEN);
    await clickAndCount(call, '#both', 2);
    await clickAndCount(call, '#leak', 3);
    const callTab = await tabIdOf(session, call);
    const leak = await shootPopup(session, callTab, async (p) => {
      await waitFor(async () => await popupOf(p).count('li.track.leaky') === 1, 'the leaked clone flagged');
    });
    await popupOverPage(session, await call.screenshot(), leak, `${out}/1-leak.png`);

    // 2. Every tab at a glance, from a tab with a microphone: the call above and a screen share are listed too.
    const share = await session.open();
    await clickAndCount(share, '#screen', 1);
    const podcast = await session.open();
    await podcast.setViewport(SCREEN);
    await clickAndCount(podcast, '#microphone', 1);
    const tabs = await shootPopup(session, await tabIdOf(session, podcast), async (p) => {
      await waitFor(async () => await popupOf(p).count('li.other-tab') === 2, 'the two other tabs');
    });
    await popupOverPage(session, await podcast.screenshot(), tabs, `${out}/2-every-tab.png`);

    // 3. The DevTools panel on the call.
    const panel = await openExtensionPage(session, `panel.html?tab=${callTab}`);
    await panel.setViewport(SCREEN);
    await waitFor(async () => await popupOf(panel).count('article.panel-track.leaky') === 1, 'the panel\'s flag');
    await panel.screenshot({ path: `${out}/3-panel.png` });

    // 4. The options page, with the defaults back (the pictures above used a shorter leak delay).
    const options = await openExtensionPage(session, 'options.html');
    await options.evaluate(() => (globalThis as unknown as {
      chrome: { storage: { sync: { set(items: object): Promise<void> } } };
    }).chrome.storage.sync.set({ settings: {} }));
    await options.setViewport(SCREEN);
    await waitFor(() => options.evaluate(() => document.querySelector<HTMLInputElement>('#leakDelayMs')?.value === '5'),
      'the default leak delay');
    await options.screenshot({ path: `${out}/4-options.png` });

    // The promo tile: the icon, the name and the manifest's own description in this language.
    const messages = JSON.parse(await readFile(resolve(__dirname, `../../_locales/${lang}/messages.json`), 'utf8'));
    const icon = await readFile(resolve(__dirname, '../../icons/128.png'));
    const tile = await session.browser.newPage();
    await tile.setViewport(TILE);
    await tile.setContent(`<!doctype html><body style="margin:0;width:440px;height:280px;overflow:hidden;
      display:flex;align-items:center;gap:20px;padding:0 28px;box-sizing:border-box;background:#0b57d0;color:#fff;
      font:15px/1.4 system-ui,sans-serif"><img src="${dataUrl(icon)}" width="96" height="96"
      style="background:#fff;border-radius:20px;padding:8px"><div><div style="font-size:30px;font-weight:700">${
      messages.extensionName.message}</div><p style="margin:6px 0 0">${messages.extensionDescription.message}</p>
      </div></body>`, { waitUntil: 'load' });
    await tile.screenshot({ path: `${out}/promo-440x280.png` });
    await tile.close();
  } finally {
    await session.close();
  }
}, 120_000);
