/** The steps of `npm run release` (scripts/release-steps.mjs): the version check, the change log, the upload guide. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain ES module without types.
import { checkVersion, releaseChangelog, uploadGuide } from '../../scripts/release-steps.mjs';

const check = checkVersion as (version: string | undefined, current: string) => string | undefined;
const changelog = releaseChangelog as (text: string, version: string, date: string) => string;
const guide = uploadGuide as (version: string, sums: Record<string, string>) => string;

describe('the version', () => {
  it.each([['0.2.0'], ['0.1.0'], ['1.0.0'], ['0.1.10']])('takes %s after 0.1.0', (version) => {
    expect(check(version, '0.1.0')).toBeUndefined();
  });

  it.each([[undefined], [''], ['v0.2.0'], ['0.2'], ['0.2.0-beta.1'], ['01.2.3']])('refuses %s', (version) => {
    expect(check(version, '0.1.0')).toMatch(/not a version/);
  });

  it('refuses to go back', () => {
    expect(check('0.0.9', '0.1.0')).toMatch(/older/);
  });
});

describe('the change log', () => {
  const text = '# Changelog\n\nIntro.\n\n## Unreleased\n\n- A fix.\n\n## 0.1.0\n\n- First.\n';

  it('moves what is unreleased under the version, leaving an empty Unreleased above', () => {
    expect(changelog(text, '0.2.0', '2026-12-06')).toBe(
      '# Changelog\n\nIntro.\n\n## Unreleased\n\n## 0.2.0 — 2026-12-06\n\n- A fix.\n\n## 0.1.0\n\n- First.\n');
  });

  it('leaves a version that has its section alone, so a release can be run again', () => {
    expect(changelog(text, '0.1.0', '2026-12-06')).toBe(text);
  });

  it('refuses a release with nothing said about it', () => {
    expect(() => changelog('## Unreleased\n\n## 0.1.0\n\n- First.\n', '0.2.0', 'today')).toThrow(/nothing/);
  });

  it('holds this repository\'s CHANGELOG.md to the same form', () => {
    const ours = readFileSync(join(resolve(__dirname, '../..'), 'CHANGELOG.md'), 'utf8');
    const { version } = JSON.parse(readFileSync(join(resolve(__dirname, '../..'), 'package.json'), 'utf8'));
    expect(ours).toMatch(/^## Unreleased$/m);
    expect(ours).toMatch(new RegExp(`^## ${version.replace(/\./g, '\\.')}( |$)`, 'm'));
  });
});

it('says which archive goes to which store, with each SHA-256', () => {
  const said = guide('0.2.0', { chromium: 'c'.repeat(64), firefox: 'f'.repeat(64), source: 's'.repeat(64) });
  expect(said).toMatch(/Chrome Web Store[\s\S]*artifacts\/trackstop-0\.2\.0-chromium\.zip\n\s+sha256 c{64}/);
  expect(said).toMatch(/addons\.mozilla\.org[\s\S]*-firefox\.zip\n\s+sha256 f{64}[\s\S]*-source\.zip\n\s+sha256 s{64}/);
  expect(said).toContain('git push origin v0.2.0');
});
