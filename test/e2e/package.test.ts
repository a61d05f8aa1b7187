/**
 * `npm run package` tried from outside, as issue #20's "done" reads: two fresh clones of HEAD give the same three
 * SHA-256s, and the source archive, unpacked into an empty folder and rebuilt by following SOURCE.md's own steps,
 * gives the Firefox archive's SHA-256. No browser: it sits in the e2e project because it takes tens of seconds.
 * One clone shares this checkout's node_modules through a symlink (as a git worktree may), the other and the
 * unpacked source install with `npm ci --prefer-offline` (the local npm cache; the registry only for what it lacks).
 */
import { execFileSync, execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { unzip } from '../unzip';

const root = resolve(__dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'trackstop-package-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const run = (command: string, cwd: string) => execSync(command, { cwd, encoding: 'utf8', stdio: 'pipe' });
const npmCi = 'npm ci --prefer-offline --no-audit --no-fund';

/** The archives `npm run package` printed, by kind (chromium, firefox, source), checked against their .sha256. */
function packageIn(dir: string): Record<string, string> {
  const printed = run('npm run package --silent', dir);
  const sums: Record<string, string> = {};
  for (const [, sha256, file, kind] of printed.matchAll(/^([0-9a-f]{64}) {2}(artifacts\/trackstop-[^ ]+-(\w+)\.zip)$/gm)) {
    expect(readFileSync(join(dir, `${file}.sha256`), 'utf8')).toBe(`${sha256}  ${file!.split('/')[1]}\n`);
    sums[kind!] = sha256!;
  }
  return sums;
}

function freshClone(name: string, head: string): string {
  const dir = join(work, name);
  execFileSync('git', ['clone', '-q', '--no-checkout', root, dir]);
  execFileSync('git', ['checkout', '-q', head], { cwd: dir });
  return dir;
}

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
let first: Record<string, string> = {};
let sourceZip = '';

it('gives the same three SHA-256s in two fresh clones of HEAD', () => {
  const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  let started = performance.now();
  const a = freshClone('a', head);
  symlinkSync(join(root, 'node_modules'), join(a, 'node_modules'));
  first = packageIn(a);
  console.log(`clone a (shared node_modules): ${seconds(started)}`, first);
  started = performance.now();
  const b = freshClone('b', head);
  run(npmCi, b);
  const second = packageIn(b);
  console.log(`clone b (npm ci): ${seconds(started)}`, second);
  expect(Object.keys(first).sort()).toEqual(['chromium', 'firefox', 'source']);
  expect(second).toEqual(first);
  const { version } = JSON.parse(readFileSync(join(a, 'package.json'), 'utf8'));
  sourceZip = join(a, 'artifacts', `trackstop-${version}-source.zip`);
}, 240_000);

it('rebuilds the same Firefox archive from the source archive by SOURCE.md\'s steps, in an empty folder', () => {
  expect(first.firefox).toMatch(/^[0-9a-f]{64}$/);
  const started = performance.now();
  const dir = join(work, 'source');
  mkdirSync(dir);
  for (const entry of unzip(readFileSync(sourceZip))) {
    mkdirSync(dirname(join(dir, entry.name)), { recursive: true });
    writeFileSync(join(dir, entry.name), entry.data, { mode: entry.mode & 0o777 });
  }
  // The shell block of "## Steps", run line by line as a reviewer would (comments dropped; npm ci told to use the
  // local cache first, which changes nothing it installs: package-lock.json pins every file by its integrity hash).
  const guide = readFileSync(join(dir, 'SOURCE.md'), 'utf8');
  const steps = /## Steps[\s\S]*?```sh\n([\s\S]*?)```/.exec(guide)?.[1]?.split('\n')
    .map((line) => line.replace(/#.*$/, '').trim()).filter(Boolean) ?? [];
  expect(steps).toEqual(['npm ci', 'npm run package', 'sha256sum artifacts/trackstop-*-firefox.zip']);
  const outputs = steps.map((step) => run(step === 'npm ci' ? npmCi : step, dir));
  const rebuilt = /^([0-9a-f]{64}) {2}artifacts\/trackstop-.+-firefox\.zip$/m.exec(outputs.at(-1)!)?.[1];
  console.log(`source rebuild: ${seconds(started)}, firefox ${rebuilt}`);
  expect(rebuilt).toBe(first.firefox);
}, 240_000);
