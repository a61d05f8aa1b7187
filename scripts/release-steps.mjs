/**
 * The pure steps of `npm run release -- <version>` (scripts/release.mjs runs them, with git, npm and the files):
 * checking the version, moving CHANGELOG.md's "Unreleased" section under the version, and saying what to upload
 * where. No file or process is touched here, so test/unit/release.test.ts checks each step as it is.
 */

/** A release version: plain semantic versioning, major.minor.patch, which both stores accept as a manifest version. */
export function checkVersion(version, current) {
  if (!/^(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})$/.test(version ?? '')) {
    return `"${version ?? ''}" is not a version like 1.2.3 (numbers only: the stores accept no pre-release tags)`;
  }
  const [a, b] = [version, current].map((v) => v.split('.').map(Number));
  const order = a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
  if (order < 0) return `${version} is older than package.json's ${current}`;
  return undefined;
}

/**
 * CHANGELOG.md with "## Unreleased" renamed to "## <version> — <date>" and an empty "Unreleased" above it; or, if
 * the version already has its section (a release run again), the text unchanged. Throws if neither holds anything.
 */
export function releaseChangelog(text, version, date) {
  if (new RegExp(`^## ${version.replace(/\./g, '\\.')}( |$)`, 'm').test(text)) return text;
  const unreleased = /^## Unreleased\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(text);
  if (!unreleased || !unreleased[1].trim()) {
    throw new Error('CHANGELOG.md: nothing under "## Unreleased" to release; write what changed for a person first');
  }
  return text.replace(unreleased[0], `## Unreleased\n\n## ${version} — ${date}\n${unreleased[1]}`);
}

/** What to upload where, given the archives' SHA-256s by kind (chromium, firefox, source). */
export function uploadGuide(version, sums) {
  const file = (kind) => `artifacts/trackstop-${version}-${kind}.zip`;
  return `Trackstop ${version} is packaged. Upload:

Chrome Web Store (https://chrome.google.com/webstore/devconsole), Trackstop, Package → Upload new package:
  ${file('chromium')}
    sha256 ${sums.chromium}
  Store listing, Privacy practices: store/chrome-web-store/en.md and de.md; pictures in store/images/<lang>/.

addons.mozilla.org (https://addons.mozilla.org/developers/), Trackstop, Upload New Version:
  ${file('firefox')}
    sha256 ${sums.firefox}
  "Do you need to submit source code?" Yes:
  ${file('source')}
    sha256 ${sums.source}
  Notes to reviewers and listing: store/addons-mozilla-org/en.md and de.md.

Then push the release commit and its tag: git push && git push origin v${version}
`;
}
