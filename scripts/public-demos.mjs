/**
 * The public WebRTC samples (github.com/webrtc/samples, as published to npm as webrtc-samples 1.0.0, adapter.js
 * included), fetched from the npm registry on first use into .cache/ and served from there. Not a dependency: its
 * install script expects the samples' own development checkout and would fail every `npm install`. `npm pack`
 * fetches the tarball without running anything and checks it against the registry's integrity hash, and the hash
 * below pins that tarball.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = 'webrtc-samples@1.0.0';
const SHA512 = 'WbDaEkhny/qiqOkNVOS7ublqUEU45by+3rbUMAst3oFEGeyT5og+7HSmLHVY0qJJvmRnXPA0923Gpd0BixRx1g==';
const cache = join(dirname(fileURLToPath(import.meta.url)), '..', '.cache');

/** The samples' `src` folder (its pages live under content/), fetched if need be. */
export function publicDemosDir() {
  const root = join(cache, 'webrtc-samples-1.0.0');
  const src = join(root, 'package', 'src');
  if (existsSync(join(src, 'js', 'adapter.js'))) return src;
  mkdirSync(root, { recursive: true });
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const packed = execFileSync(npm, ['pack', PACKAGE, '--json', '--pack-destination', root], { encoding: 'utf8' });
  const [{ filename }] = JSON.parse(packed);
  const tarball = join(root, filename);
  const digest = createHash('sha512').update(readFileSync(tarball)).digest('base64');
  if (digest !== SHA512) {
    rmSync(root, { recursive: true, force: true });
    throw new Error(`${PACKAGE}: tarball sha512 ${digest} is not the pinned ${SHA512}`);
  }
  execFileSync('tar', ['xzf', tarball, '-C', root]);
  return src;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(publicDemosDir());
