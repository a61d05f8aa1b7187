/**
 * trackstop-leak-check/puppeteer (issue #19): installLeakCheck and checkLeaks in Chromium over CDP and Firefox ESR
 * over WebDriver BiDi, against the fixture pages on two origins. Also what a check must never do: hang on a page
 * that navigates or closes, or stop a track.
 */
import { resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLeaks, installLeakCheck, leaksMessage } from '../../leak-check/dist/puppeteer.js';
// @ts-expect-error: plain ES modules without types.
import { serve } from '../../scripts/serve.mjs';
// @ts-expect-error: plain ES modules without types.
import { findChromium, findFirefox } from '../../scripts/browsers.mjs';

const PAGES = resolve(__dirname, '../pages');
let server: { url: string; close: () => Promise<void> };
beforeAll(async () => { server = await serve(PAGES); });
afterAll(() => server?.close());

const launchers: Record<string, () => Promise<Browser>> = {
  chromium: () => puppeteer.launch({ executablePath: findChromium() as string, headless: true,
    args: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--no-sandbox', '--disable-gpu'] }),
  firefox: () => puppeteer.launch({ browser: 'firefox', protocol: 'webDriverBiDi', headless: true,
    executablePath: findFirefox() as string,
    extraPrefsFirefox: { 'media.navigator.streams.fake': true, 'media.navigator.permission.disabled': true } }),
};

const ready = (page: Page) => page.waitForFunction(() => (window as { checked?: Promise<unknown> }).checked
  ?.then(() => true), { timeout: 15_000 });

describe.each(Object.keys(launchers))('checkLeaks in %s', (name) => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchers[name]!();
    await installLeakCheck(browser);
    page = await browser.newPage();
    await installLeakCheck(page);
  });
  afterAll(() => browser?.close());

  it('names both dropped permission-check tracks, "feeds nothing" and the fixture line', async () => {
    await page.goto(`${server.url}/leak-check/permission-check.html`);
    await ready(page);
    const started = performance.now();
    const result = await checkLeaks(page);
    console.log(`leak-check ${name}: checkLeaks answered in ${(performance.now() - started).toFixed(1)} ms`);
    expect(result.leaks.map((l) => l.kind).sort()).toEqual(['audio', 'video']);
    for (const leak of result.leaks) {
      expect(leak.reason).toMatch(/^Leak: feeds nothing for /);
      expect(leak.id).toBeTruthy();
      expect(leak.label).toBeTruthy();
      expect(leak.appFrames[0]).toMatch(new RegExp(`^${server.url}/leak-check/permission-check\\.js:[34]:\\d+$`));
    }
    const text = leaksMessage(result, page.url());
    expect(text).toContain('Leak: feeds nothing');
    expect(text).toContain(`${server.url}/leak-check/permission-check.js:3:`);
    // The check changed nothing: the leaked tracks are still live.
    expect(await page.evaluate(() => document.body.dataset.checked)).toBe('true');
    const again = await checkLeaks(page);
    expect(again.leaks.map((l) => l.track.readyState)).toEqual(['live', 'live']);
  });

  it('flags a clone that outlived its original', async () => {
    await page.goto(`${server.url}/leak-check/clone-orphan.html`);
    await ready(page);
    const { leaks } = await checkLeaks(page);
    expect(leaks).toHaveLength(1);
    expect(leaks[0]!.reason).toBe('Leak: outlived its original');
  });

  it('passes a call that hangs up correctly', async () => {
    await page.goto(`${server.url}/leak-check/call.html`);
    await ready(page);
    const { tracks, leaks } = await checkLeaks(page);
    expect(leaks).toEqual([]);
    expect(tracks.filter((t) => t.readyState === 'live')).toEqual([]);
  });

  it('finds the leak in a cross-origin frame', async () => {
    const other = server.url.replace('localhost', '127.0.0.1');
    await page.goto(`${server.url}/leak-check/frame-host.html?child=${encodeURIComponent(
      `${other}/leak-check/permission-check.html`)}`);
    await expect.poll(async () => {
      const frame = page.frames().find((f) => f.url().startsWith(other));
      return frame?.evaluate(() => document.body.dataset.checked).catch(() => undefined);
    }, { timeout: 15_000 }).toBe('true');
    const { leaks } = await checkLeaks(page);
    expect(leaks.map((l) => l.origin)).toEqual([other, other]);
  });

  it('still checks a page whose app replaced MediaStreamTrack.prototype.stop', async () => {
    await page.goto(`${server.url}/leak-check/replaced-stop.html`);
    await ready(page);
    const { leaks } = await checkLeaks(page);
    expect(leaks.map((l) => l.reason)).toEqual([expect.stringMatching(/^Leak: feeds nothing/)]);
  });

  it('forgets a frame that detached, and keeps answering', async () => {
    const other = server.url.replace('localhost', '127.0.0.1');
    await page.goto(`${server.url}/leak-check/frame-host.html?child=${encodeURIComponent(
      `${other}/leak-check/permission-check.html`)}`);
    await expect.poll(async () => (await checkLeaks(page)).leaks.length, { timeout: 15_000 }).toBe(2);
    await page.evaluate(() => document.querySelector('iframe')!.remove());
    const started = performance.now();
    const { leaks } = await checkLeaks(page);
    expect(leaks).toEqual([]);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('ends with a message, never a hang, when the page navigates during the check', async () => {
    await page.goto(`${server.url}/leak-check/permission-check.html`);
    await ready(page);
    const check = checkLeaks(page).then((r) => `answered ${r.leaks.length}`, (e: Error) => e.message);
    await page.goto(`${server.url}/leak-check/clean.html`);
    expect(await check).toMatch(/^(answered 2|The page navigated during the leak check: check after it has loaded\.)$/);
  });

  it('ends with a message, never a hang, when the page closes during the check (last: closes it)', async () => {
    await page.goto(`${server.url}/leak-check/clean.html`);
    await ready(page);
    const check = checkLeaks(page).then(() => 'answered', (e: Error) => e.message);
    await page.close();
    expect(await check).toMatch(/^(answered|The page closed during the leak check\.)$/);
    await expect(checkLeaks(page)).rejects.toThrow('The page is closed');
  });
});
