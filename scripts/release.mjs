/**
 * `npm run release -- <version>`: sets the version in package.json (the one place it lives; npm also writes it into
 * package-lock.json), moves CHANGELOG.md's "Unreleased" under it, runs `npm run lint` and `npm test`, commits the
 * three files as "Release <version>" with the tag v<version>, then `npm run package` from that commit and says what
 * to upload where. Refuses to start on a work tree with changes, since the source archive must be the release
 * commit, or under another Node.js than SOURCE.md names, since reviewers rebuild with that one. If lint or a test
 * fails, nothing is committed: the version change is left in the work tree to look at. The pure steps are
 * scripts/release-steps.mjs.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkVersion, releaseChangelog, uploadGuide } from './release-steps.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (command, args, options = {}) => execFileSync(command, args, { cwd: root, stdio: 'inherit', ...options });
const say = (text) => console.log(`\nrelease: ${text}`);

const version = process.argv[2];
const current = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
const problem = checkVersion(version, current);
if (problem) {
  console.error(`Usage: npm run release -- <version>\n${problem}`);
  process.exit(2);
}
// Reviewers rebuild with the Node.js SOURCE.md names; another Node may compress to other bytes (its own zlib).
const sourceNode = /^\| Node\.js \| (\d+\.\d+\.\d+)/m.exec(readFileSync(join(root, 'SOURCE.md'), 'utf8'))?.[1];
if (`v${sourceNode}` !== process.version) {
  console.error(`release: SOURCE.md names Node.js ${sourceNode}, this is ${process.version}; release with that one, `
    + 'or update SOURCE.md (and commit it) first');
  process.exit(2);
}
if (execFileSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' }).trim()) {
  console.error('release: the work tree has changes; commit or stash them first (the source archive is the release '
    + 'commit, nothing else)');
  process.exit(2);
}

say(`version ${current} → ${version} in package.json and package-lock.json`);
run('npm', ['version', version, '--no-git-tag-version', '--allow-same-version'], { stdio: 'ignore' });
const changelog = join(root, 'CHANGELOG.md');
writeFileSync(changelog, releaseChangelog(readFileSync(changelog, 'utf8'), version,
  new Date().toISOString().slice(0, 10)));

say('npm run lint');
run('npm', ['run', 'lint']);
say('npm test (about 13 minutes on 2 cores)');
run('npm', ['test']);

say(`commit and tag v${version}`);
run('git', ['add', 'package.json', 'package-lock.json', 'CHANGELOG.md']);
run('git', ['commit', '-q', '-m', `Release ${version}`]);
run('git', ['tag', `v${version}`]);

say('npm run package');
const printed = execFileSync('npm', ['run', '--silent', 'package'], { cwd: root, encoding: 'utf8' });
const sums = Object.fromEntries([...printed.matchAll(/^([0-9a-f]{64}) {2}artifacts\/trackstop-.+-(\w+)\.zip$/gm)]
  .map((m) => [m[2], m[1]]));
console.log(`\n${uploadGuide(version, sums)}`);
