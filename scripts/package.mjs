/**
 * `npm run package`: the two store archives, built with `web-ext build` from a fresh build and named with the
 * version: artifacts/trackstop-<version>-chromium.zip (Chrome Web Store) and -firefox.zip (AMO; an .xpi is the
 * same zip, signed by AMO).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAll } from './build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const dist = await buildAll();
const webExt = join(root, 'node_modules', '.bin', 'web-ext');
for (const target of ['chromium', 'firefox']) {
  const filename = `trackstop-${version}-${target}.zip`;
  execFileSync(webExt, ['build', '--source-dir', join(dist, target), '--artifacts-dir', join(root, 'artifacts'),
    '--filename', filename, '--overwrite-dest', '--no-input'], { stdio: ['ignore', 'ignore', 'inherit'] });
  console.log(`artifacts/${filename}`);
}
