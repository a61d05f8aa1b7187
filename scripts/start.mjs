/**
 * `npm start` (Chromium) and `npm run start:firefox`: build, serve the demo pages on localhost, and open the browser
 * with a fresh profile, the extension loaded and the demo page open. `--fake-media` uses fake camera, microphone
 * (and, in Chromium, screen) instead of the real ones. Ctrl+C closes the browser and removes the profile.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAll } from './build.mjs';
import { findChromium, findFirefox, missing } from './browsers.mjs';
import { serve } from './serve.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const isFirefox = process.argv.includes('--firefox');
const isFake = process.argv.includes('--fake-media');

const binary = isFirefox ? findFirefox() : findChromium();
if (!binary) {
  console.error(missing(isFirefox ? 'firefox' : 'chromium'));
  process.exit(1);
}
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error('No display to open a browser on: run this on a desktop, or under xvfb-run for a virtual one.');
  process.exit(1);
}
const dist = await buildAll();
const server = await serve(join(root, 'test/pages'), Number(process.env.PORT ?? 0));
const demoUrl = `${server.url}/demo.html`;
const profile = mkdtempSync(join(tmpdir(), 'trackstop-start-'));

function chromiumCommand() {
  const extension = join(dist, 'chromium');
  const fake = isFake ? ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] : [];
  return [binary, [
    `--user-data-dir=${profile}`, `--disable-extensions-except=${extension}`, `--load-extension=${extension}`,
    // Branded Chrome 137+ ignores --load-extension unless this feature is off; Chromium accepts it as is.
    '--disable-features=DisableLoadExtensionCommandLineSwitch',
    '--no-first-run', '--no-default-browser-check', ...fake,
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), // Chromium refuses to run as root with its sandbox
    demoUrl,
  ]];
}

/** Firefox takes an unsigned extension only as a temporary add-on, which web-ext installs for us. */
function firefoxCommand() {
  const fake = isFake
    ? ['--pref', 'media.navigator.streams.fake=true', '--pref', 'media.navigator.permission.disabled=true'] : [];
  return [join(root, 'node_modules', '.bin', 'web-ext'), [
    'run', '--source-dir', join(dist, 'firefox'), '--firefox', binary, '--firefox-profile', profile,
    '--start-url', demoUrl, '--no-reload', '--no-input', ...fake,
  ]];
}

const [command, args] = isFirefox ? firefoxCommand() : chromiumCommand();
console.log(`Trackstop: ${binary}\n  demo page ${demoUrl}${isFake ? ' (fake devices)' : ''}\n  Ctrl+C to quit`);
const browser = spawn(command, args, { stdio: ['ignore', 'ignore', 'inherit'] });

/** Once the browser has exited (closed by the person, or by Ctrl+C below), clean up and leave. */
browser.on('exit', () => {
  void server.close();
  rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
  process.exit(0);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => browser.kill('SIGINT'));
