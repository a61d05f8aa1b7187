/**
 * `npm run package`: byte-identical archives for the same commit on any machine (scripts/zip.mjs: sorted entries,
 * one fixed time, modes 0644/0755 only), each with its SHA-256 printed and written beside it in sha256sum's format:
 *   artifacts/trackstop-<version>-chromium.zip   Chrome Web Store
 *   artifacts/trackstop-<version>-firefox.zip    addons.mozilla.org (an .xpi is the same zip, signed by AMO)
 *   artifacts/trackstop-<version>-source.zip     what `git archive` holds at HEAD, for AMO's reviewers (SOURCE.md)
 * The version is package.json's, the one place it is kept (scripts/build.mjs writes it into both manifests).
 * Outside a git checkout (the unpacked source archive, rebuilt by a reviewer) there is no source to archive: the
 * two browser archives are made and the source archive is skipped, saying so.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAll } from './build.mjs';
import { zip } from './zip.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const artifacts = join(root, 'artifacts');
const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));

async function filesUnder(dir) {
  const found = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    // Built files are never executable; the mode is fixed rather than read, so a umask cannot change the archive.
    found.push({ name: relative(dir, path).split(sep).join('/'), data: await readFile(path) });
  }
  return found;
}

const git = (args, options = {}) => execFileSync('git', args, { cwd: root, maxBuffer: 1 << 30, ...options });

/** True when `root` is the top of a git work tree (not a folder inside some other repository). */
function isGitCheckout() {
  try {
    return resolve(git(['rev-parse', '--show-toplevel'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim())
      === root;
  } catch {
    return false;
  }
}

/** Every file of HEAD's tree, as `git archive` would hold it, read from git's objects (not the work tree). */
function filesAtHead() {
  const entries = git(['ls-tree', '-r', '-z', '--full-tree', 'HEAD']).toString().split('\0').filter(Boolean)
    .map((line) => {
      const [meta, name] = line.split('\t');
      const [mode, type, object] = meta.split(' ');
      if (type !== 'blob' || !['100644', '100755'].includes(mode)) {
        throw new Error(`package: ${name} is a ${type} of mode ${mode}; the source archive holds plain files only`);
      }
      return { name, object, isExecutable: mode === '100755' };
    });
  return entries.map(({ name, object, isExecutable }) =>
    ({ name, isExecutable, data: git(['cat-file', 'blob', object]) }));
}

async function write(filename, bytes) {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  await writeFile(join(artifacts, filename), bytes);
  await writeFile(join(artifacts, `${filename}.sha256`), `${sha256}  ${filename}\n`);
  console.log(`${sha256}  artifacts/${filename}`);
  return sha256;
}

const dist = await buildAll();
await mkdir(artifacts, { recursive: true });
for (const target of ['chromium', 'firefox']) {
  await write(`trackstop-${version}-${target}.zip`, zip(await filesUnder(join(dist, target))));
}
if (isGitCheckout()) {
  if (git(['status', '--porcelain', '--untracked-files=no']).length > 0) {
    console.warn('package: the work tree has uncommitted changes; the source archive holds HEAD, not them');
  }
  await write(`trackstop-${version}-source.zip`, zip(filesAtHead()));
} else {
  console.log(`package: ${root} is not a git checkout, so no source archive (the browser archives are complete)`);
}
