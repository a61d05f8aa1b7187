/**
 * `npm start`: builds, serves the demo pages on localhost, and opens Chromium with a fresh profile, the extension
 * loaded and the demo page open. `--fake-media` uses a fake camera, microphone and screen instead of the real ones.
 * Ctrl+C closes the browser and removes the profile.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAll } from './build.mjs';
import { findChromium, missing } from './browsers.mjs';
import { serve } from './serve.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const isFake = process.argv.includes('--fake-media');

const binary = findChromium();
if (!binary) {
  console.error(missing('chromium'));
  process.exit(1);
}
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error('No display to open a browser on: run this on a desktop, or under xvfb-run for a virtual one.');
  process.exit(1);
}
const dist = join(await buildAll(), 'chromium');
const server = await serve(join(root, 'test/pages'), Number(process.env.PORT ?? 0));
const profile = mkdtempSync(join(tmpdir(), 'trackstop-start-'));
const fake = isFake ? ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] : [];
const args = [
  `--user-data-dir=${profile}`, `--disable-extensions-except=${dist}`, `--load-extension=${dist}`,
  // Branded Chrome 137+ ignores --load-extension unless this feature is off; Chromium accepts it as is.
  '--disable-features=DisableLoadExtensionCommandLineSwitch',
  '--no-first-run', '--no-default-browser-check', ...fake,
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), // Chromium refuses to run as root with its sandbox
  `${server.url}/demo.html`,
];
console.log(`Trackstop: ${binary}\n  demo page ${server.url}/demo.html${isFake ? ' (fake devices)' : ''}\n  Ctrl+C to quit`);
const browser = spawn(binary, args, { stdio: ['ignore', 'ignore', 'inherit'] });

/** Once the browser has exited (closed by the person, or by Ctrl+C below), clean up and leave. */
browser.on('exit', () => {
  void server.close();
  rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
  process.exit(0);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => browser.kill());
