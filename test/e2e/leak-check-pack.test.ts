/**
 * trackstop-leak-check as its users meet it (issue #19): `npm pack`, the tarball installed into an empty temporary
 * project with @playwright/test (`--prefer-offline`: the npm cache first), and a three-line test from the README run
 * by the real runner against a leaking page (it must fail, with the message asserted) and a clean one (it passes).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
// @ts-expect-error: plain ES modules without types.
import { serve } from '../../scripts/serve.mjs';
// @ts-expect-error: plain ES modules without types.
import { findChromium } from '../../scripts/browsers.mjs';
import { runPlaywright } from './leak-check-runner';

const root = resolve(__dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'trackstop-leak-check-'));
let server: { url: string; close: () => Promise<void> };
beforeAll(async () => { server = await serve(resolve(root, 'test/pages')); });
afterAll(async () => {
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
const env = { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1', PUPPETEER_SKIP_DOWNLOAD: '1' };

it('packs ESM, type declarations, README and licence, and fails a leaking page in a fresh project', async () => {
  let started = performance.now();
  // The prepack build prints a line before npm's JSON.
  const printed = execFileSync('npm', ['pack', '--json', '--pack-destination', work],
    { cwd: join(root, 'leak-check'), encoding: 'utf8', env });
  const packed = JSON.parse(printed.slice(printed.indexOf('['))) as { filename: string; files: { path: string }[] }[];
  const files = packed[0]!.files.map((f) => f.path);
  expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'index.d.ts',
    'playwright.d.ts', 'puppeteer.d.ts', 'dist/index.js', 'dist/playwright.js', 'dist/puppeteer.js']));
  expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
  console.log(`leak-check pack: ${files.length} files in ${seconds(started)}`);

  const project = join(work, 'app');
  mkdirSync(join(project, 'tests'), { recursive: true });
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  started = performance.now();
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '-D',
    join(work, packed[0]!.filename), '@playwright/test@1.65.2'], { cwd: project, encoding: 'utf8', env });
  console.log(`leak-check install: ${seconds(started)}`);
  expect(readdirSync(join(project, 'node_modules/trackstop-leak-check'))).toContain('LICENSE');

  writeFileSync(join(project, 'playwright.config.js'), `export default {
  use: { launchOptions: { executablePath: ${JSON.stringify(findChromium())},
    args: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--no-sandbox'] } },
};
`);
  // The README's example, three lines per test.
  writeFileSync(join(project, 'tests/camera.spec.js'), `import { test, expect } from 'trackstop-leak-check/playwright';

test('leaking page', async ({ page }) => {
  await page.goto(${JSON.stringify(`${server.url}/leak-check/permission-check.html`)});
  await page.locator('body[data-checked]').waitFor();
  await expect(page).toHaveNoLeakedTracks();
});

test('clean page', async ({ page }) => {
  await page.goto(${JSON.stringify(`${server.url}/leak-check/clean.html`)});
  await page.locator('body[data-checked]').waitFor();
  await expect(page).toHaveNoLeakedTracks();
});
`);
  started = performance.now();
  const outcomes = await runPlaywright(project, [], {});
  console.log(`leak-check fresh project: 2 specs in ${seconds(started)}`);
  const leaking = outcomes.get('leaking page')!;
  expect(leaking.status).toBe('failed');
  const message = leaking.messages.join('\n');
  console.log(`leak-check failure message:\n${message}`);
  expect(message).toContain('Expected no leaked tracks, but 2 track(s)');
  expect(message.match(/Leak: feeds nothing for \d+ s/g)).toHaveLength(2);
  expect(message).toContain(`${server.url}/leak-check/permission-check.js:3:47`);
  expect(message).toContain(`${server.url}/leak-check/permission-check.js:4:51`);
  expect(leaking.attachments).toEqual(expect.arrayContaining(['trackstop-report.json', 'trackstop-report.html']));
  expect(outcomes.get('clean page')!.status).toBe('passed');
}, 170_000);
