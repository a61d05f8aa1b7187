/**
 * The Playwright config a user's suite would have, for the leak check's own specs (run by leak-check.test.ts as a
 * child process): the installed Chromium, fake devices, no download. LEAK_CHECK_BASE and LEAK_CHECK_OTHER are the
 * two origins of the test's server (localhost and 127.0.0.1).
 */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.ts$/,
  outputDir: '../../../.tmp/leak-check-results',
  workers: 1,
  retries: 0,
  timeout: 30_000,
  use: {
    baseURL: process.env.LEAK_CHECK_BASE,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium',
      args: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--no-sandbox', '--disable-gpu'],
    },
  },
});
