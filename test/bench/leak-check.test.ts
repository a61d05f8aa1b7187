/**
 * The leak check's budget (issue #19): on a page with 50 live tracks, `toHaveNoLeakedTracks` answers in under
 * 100 ms. Measured as the matcher's own work, `checkLeaks` on a Playwright page (the matcher adds only its message
 * and, on failure, the attachments): the median of 15 checks after one warm-up, in Chromium. The shim's start-up
 * cost per document is the extension's (the same bundle), measured in bench.test.ts.
 */
import { type Browser, chromium } from '@playwright/test';
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { checkLeaks, installLeakCheck } from '../../leak-check/dist/playwright.js';
// @ts-expect-error: plain ES modules without types.
import { serve } from '../../scripts/serve.mjs';
// @ts-expect-error: plain ES modules without types.
import { findChromium } from '../../scripts/browsers.mjs';

let server: { url: string; close: () => Promise<void> };
let browser: Browser;
beforeAll(async () => {
  server = await serve(resolve(__dirname, '../pages'));
  browser = await chromium.launch({ executablePath: findChromium() as string,
    args: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--no-sandbox', '--disable-gpu'] });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

it('checks a page with 50 tracks in under 100 ms', async () => {
  const context = await browser.newContext();
  await installLeakCheck(context);
  const page = await context.newPage();
  await page.goto(`${server.url}/leak-check/fifty.html`);
  await page.locator('body[data-checked]').waitFor();
  const first = await checkLeaks(page);
  expect(first.leaks).toHaveLength(50);
  const times: number[] = [];
  for (let i = 0; i < 15; i++) {
    const started = performance.now();
    const { leaks } = await checkLeaks(page);
    times.push(performance.now() - started);
    expect(leaks).toHaveLength(50);
  }
  times.sort((a, b) => a - b);
  const median = times[7]!;
  console.log(`leak check, 50 tracks: median ${median.toFixed(1)} ms, min ${times[0]!.toFixed(1)} ms, `
    + `max ${times[14]!.toFixed(1)} ms (15 checks)`);
  expect(median).toBeLessThan(100);
  await context.close();
});
