/** The repository's own rules, enforced. */
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

it('builds every file the manifest names', () => {
  const build = readFileSync(join(root, 'scripts/build.mjs'), 'utf8');
  const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
  const named = [manifest.background.service_worker, ...manifest.background.scripts, manifest.action.default_popup,
    ...manifest.content_scripts.flatMap((c: { js: string[] }) => c.js)];
  for (const file of named) expect(build, file).toContain(`'${file.replace('.html', '')}`);
});

it('declares the relay before the shim, so the relay hears the shim\'s first word', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
  expect(manifest.content_scripts.map((c: { js: string[] }) => c.js[0])).toEqual(['relay.js', 'shim.js']);
});
