// Specs as a user writes them, run by the real @playwright/test runner (leak-check.test.ts judges the JSON report).
import type { Page } from '@playwright/test';
import { expect, test } from '../../../leak-check/dist/playwright.js';

const ready = (page: Page) => page.waitForFunction(() => (window as { checked?:
  Promise<unknown> }).checked?.then(() => true));

test('permission check leaks two tracks', async ({ page }) => {
  await page.goto('/leak-check/permission-check.html');
  await ready(page);
  await expect(page).toHaveNoLeakedTracks();
});

test('a clone outlives its original', async ({ page }) => {
  await page.goto('/leak-check/clone-orphan.html');
  await ready(page);
  await expect(page).toHaveNoLeakedTracks();
});

test('a call that hangs up correctly passes', async ({ page }) => {
  await page.goto('/leak-check/call.html');
  await ready(page);
  await expect(page).toHaveNoLeakedTracks();
  await expect(page).toHaveNoLiveCapture();
});

test('a leak in a cross-origin frame is found', async ({ page }) => {
  const child = `${process.env.LEAK_CHECK_OTHER}/leak-check/permission-check.html`;
  await page.goto(`/leak-check/frame-host.html?child=${encodeURIComponent(child)}`);
  await expect.poll(() => page.frames()[1]?.evaluate(() => document.body.dataset.checked)).toBe('true');
  await expect(page).toHaveNoLeakedTracks();
});

test('an app that replaced stop() is still checked', async ({ page }) => {
  await page.goto('/leak-check/replaced-stop.html');
  await ready(page);
  await expect(page).toHaveNoLeakedTracks();
});

test('ignoring the leaked labels passes', async ({ page }) => {
  await page.goto('/leak-check/permission-check.html');
  await ready(page);
  await expect(page).toHaveNoLeakedTracks({ ignore: (track) => track.creator === 'getUserMedia' });
});

test('live capture after leaving is named', async ({ page }) => {
  await page.goto('/leak-check/clone-orphan.html');
  await ready(page);
  await expect(page).toHaveNoLiveCapture();
});

test('a check before any page loaded says so', async ({ page }) => {
  await expect(page).toHaveNoLeakedTracks();
});

test('a closed page says so', async ({ page }) => {
  await page.goto('/leak-check/clean.html');
  await page.close();
  await expect(page).toHaveNoLeakedTracks();
});
