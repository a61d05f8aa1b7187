/**
 * Builds the test-suite leak check (leak-check/, package `trackstop-leak-check`) from the extension's own code: the
 * shim (content/page/) bundled exactly as dist/<browser>/shim.js is, with the same wrapper but as a function the init
 * script calls with its reader's hand-over (`shimTake`), the reader (leak-check/page/reader.ts), and the runner side
 * (leak-check/src/, which imports src/'s rules and report). No second copy of either: both page scripts reach the
 * package as text through a virtual module. Writes leak-check/dist/{index,playwright,puppeteer}.js (ESM, Node).
 * Usage: node scripts/build-leak-check.mjs
 */
import { build } from 'esbuild';
import { rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENTRIES, SHIM_BANNER, TARGET_BROWSERS } from './build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'leak-check', 'dist');

/** One page script as text: esbuild's output, in memory. */
async function pageScript(options) {
  const result = await build({
    bundle: true, write: false, absWorkingDir: root, preserveSymlinks: true, target: TARGET_BROWSERS,
    legalComments: 'none', logLevel: 'warning', ...options,
  });
  return result.outputFiles[0].text;
}

export async function buildLeakCheck() {
  const shimEntry = ENTRIES['shim.js'];
  const [shim, reader] = await Promise.all([
    pageScript({ entryPoints: [join(root, shimEntry.src)], format: 'iife', minify: true,
      mangleProps: shimEntry.mangleProps, banner: { js: SHIM_BANNER }, footer: { js: '})' } }),
    pageScript({ entryPoints: [join(root, 'leak-check/page/reader.ts')], format: 'iife', minify: true,
      globalName: 'trackstopReader' }),
  ]);
  const pageScripts = {
    name: 'page-scripts',
    setup(b) {
      b.onResolve({ filter: /^trackstop:page-scripts$/ }, () => ({ path: 'page-scripts', namespace: 'trackstop' }));
      b.onLoad({ filter: /.*/, namespace: 'trackstop' }, () => ({
        contents: `export const SHIM = ${JSON.stringify(shim.trim().replace(/;$/, ''))};\n`
          + `export const READER = ${JSON.stringify(reader)};\n`,
        loader: 'js',
      }));
    },
  };
  await rm(out, { recursive: true, force: true });
  await build({
    entryPoints: ['index', 'playwright', 'puppeteer'].map((n) => join(root, 'leak-check/src', `${n}.ts`)),
    outdir: out, bundle: true, splitting: true, format: 'esm', platform: 'node', target: 'node20',
    absWorkingDir: root, preserveSymlinks: true, external: ['@playwright/test', 'puppeteer-core'],
    legalComments: 'none', logLevel: 'warning', plugins: [pageScripts],
  });
  // Each bundle's types are the package's hand-written declarations beside package.json.
  for (const name of ['index', 'playwright', 'puppeteer']) {
    await writeFile(join(out, `${name}.d.ts`), `export * from '../${name}.js';\n`);
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(`built ${await buildLeakCheck()}`);
