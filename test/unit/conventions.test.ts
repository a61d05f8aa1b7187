/** The repository's own rules, enforced. */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const filesIn = (dir: string): string[] => readdirSync(join(root, dir), { withFileTypes: true })
  .flatMap((e) => (e.isDirectory() ? filesIn(join(dir, e.name)) : [join(dir, e.name)]));
const imports = (file: string) => [...readFileSync(join(root, file), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]!);

it('keeps src/ pure: no imports from outside src/, no browser or extension globals', () => {
  for (const file of filesIn('src')) {
    const text = readFileSync(join(root, file), 'utf8');
    expect(imports(file).filter((i) => !i.startsWith('./')), file).toEqual([]);
    expect(text, file).not.toMatch(/\b(chrome|browser|window|document|navigator)\./);
  }
});

it('lets background/, content/ and popup/ import from src/ but never from each other', () => {
  for (const dir of ['background', 'content', 'popup']) {
    for (const file of filesIn(dir).filter((f) => /\.tsx?$/.test(f))) {
      const foreign = imports(file).filter((i) => i.startsWith('..') && !/^(\.\.\/)+src\//.test(i));
      expect(foreign, file).toEqual([]);
    }
  }
});

it('builds every file the manifest names', async () => {
  // @ts-expect-error: plain ES module without types.
  const { ENTRIES, STATIC } = await import('../../scripts/build.mjs') as { ENTRIES: object; STATIC: string[] };
  const built = new Set([...Object.keys(ENTRIES), ...STATIC.map((file) => file.split('/').pop())]);
  const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
  const named: string[] = [manifest.background.service_worker, ...manifest.background.scripts, manifest.action.default_popup,
    ...manifest.content_scripts.flatMap((c: { js: string[] }) => c.js)];
  expect(named.filter((file) => !built.has(file))).toEqual([]);
});

/** What may stand at the top of the repository; anything else (a debug script, a log) belongs elsewhere or nowhere. */
const TOP_LEVEL = ['.ci', '.gitignore', 'README.md', 'background', 'content', 'docs', 'eslint.config.js', 'icons',
  'manifest.json', 'package-lock.json', 'package.json', 'popup', 'scripts', 'src', 'test', 'tsconfig.json',
  'tsconfig.page.json', 'vitest.config.ts'];

it('commits nothing stray: only the known top-level entries, and tests only under test/', () => {
  const committed = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
  const tops = [...new Set(committed.map((file) => file.split('/')[0]!))];
  expect(tops.filter((top) => !TOP_LEVEL.includes(top))).toEqual([]);
  expect(committed.filter((file) => /\.(test|spec)\.[cm]?[jt]sx?$/.test(file) && !file.startsWith('test/'))).toEqual([]);
});

it('declares the relay before the shim, so the relay hears the shim\'s first word', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
  expect(manifest.content_scripts.map((c: { js: string[] }) => c.js[0])).toEqual(['relay.js', 'shim.js']);
});
