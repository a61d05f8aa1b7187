/**
 * The one build: bundles each entry with esbuild and writes two loadable unpacked extensions, dist/chromium and
 * dist/firefox, from the one manifest.json. Each browser's copy drops only the keys meant for the other browser, and
 * takes its version from package.json, the one place it is kept: manifest.json holds only VERSION_PLACEHOLDER.
 * Usage: node scripts/build.mjs
 */
import { build } from 'esbuild';
import { cp, copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writePolicyPages } from './privacy-page.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
const manifest = JSON.parse(await readFile(join(root, 'manifest.json'), 'utf8'));

/**
 * The shim's bundle is one named function (content/page/start.d.ts): the browser's run calls it with no arguments, and
 * a guardian shim calls it again for each realm it instruments (content/page/guard.ts), with that realm's window and
 * its own natives; every run gets its own module state. Before anything else, a run the browser started in a realm a
 * guardian has instrumented stands down: GUARD_SLOT (src/page-world.ts) is an own, non-configurable property of such
 * a window, read here with nothing a page could have replaced (`window` itself is unforgeable).
 */
const GUARD_SLOT = 'trackstop:guarded';
export const SHIM_BANNER = `(function trackstopShim(shimTarget, shimGiven, shimTake) {"use strict";\n`
  + `if (shimTarget === undefined && window[${JSON.stringify(GUARD_SLOT)}] !== undefined) return;`;
const SHIM_WRAPPER = { banner: { js: SHIM_BANNER }, footer: { js: '})();' } };

/** What manifest.json says instead of a version, so that nobody bumps it there and nothing loads it unbuilt. */
export const VERSION_PLACEHOLDER = 'set-by-build-from-package.json';
if (manifest.version !== VERSION_PLACEHOLDER) {
  throw new Error(`manifest.json: version must be "${VERSION_PLACEHOLDER}"; the version lives in package.json only`);
}

/** The naming rule of the shim's private fields: a lower-case name ending in one `_` (never `__proto__`). */
export const SHIM_PRIVATE_FIELD = /^[a-z][A-Za-z0-9]*_$/;

/** Entry points, by output name. Content scripts are IIFEs: they are classic scripts in the page. */
export const ENTRIES = {
  // The shim's own records (content/page/entries.ts) name every private field with a trailing `_`, a name no report
  // and no browser object uses; shortened, they save a twentieth of the script every frame loads. One bundle, so the
  // shortened names agree between the browser's run and a guardian's runs of it (content/page/guard.ts).
  'shim.js': { src: 'content/page/shim.ts', minify: true, wrap: SHIM_WRAPPER, mangleProps: SHIM_PRIVATE_FIELD },
  // Content scripts run in every frame of every page: minified, they parse faster. The rest stays readable.
  // The relay proper (content/create-relay.ts and all it imports) is a function in the same file that runs when the
  // frame first has something to report (RELAY_LOADER), so that its modules' definitions cost a frame nothing until
  // then: bundled as one script with a lazy `require`, esbuild's module wrappers alone cost every frame 0.05 ms.
  'relay.js': { src: 'content/relay.ts', minify: true, lazy: 'content/create-relay.ts' },
  // Registered by the background for the sites it may hold only (background/holds.ts).
  'gate.js': { src: 'content/gate.ts', minify: true },
  'background.js': { src: 'background/index.ts' },
  'popup.js': { src: 'popup/popup.tsx' },
  'devtools.js': { src: 'popup/devtools.ts' },
  'panel.js': { src: 'popup/panel.tsx' },
  'options.js': { src: 'popup/options.tsx' },
};
/** The oldest browsers the manifest admits (minimum_chrome_version, gecko's strict_min_version): the target. */
export const TARGET_BROWSERS = [`chrome${manifest.minimum_chrome_version}`,
  `firefox${parseInt(manifest.browser_specific_settings.gecko.strict_min_version, 10)}`];
export const STATIC = ['popup/popup.html', 'popup/popup.css', 'popup/devtools.html', 'popup/panel.html',
  'popup/panel.css', 'popup/options.html', 'background/managed-schema.json'];

/**
 * Trackstop never renders HTML it did not build: page-supplied labels and stacks are text. Preact still carries
 * `dangerouslySetInnerHTML`, whose `innerHTML` assignment web-ext lint rightly flags, so the build turns it into a
 * `textContent` assignment. If a Preact update changes that code, the build fails here instead of going quiet.
 */
const textOnlyPreact = {
  name: 'text-only-preact',
  setup(b) {
    b.onLoad({ filter: /[\\/]preact[\\/]dist[\\/]preact\.mjs$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      const pattern = /\((\w+)\.innerHTML=(\w+)\.__html\)/g;
      const writes = (source.match(pattern) ?? []).length;
      if (writes !== 1) throw new Error(`text-only-preact: ${writes} innerHTML writes in ${path}, not one`);
      return { contents: source.replace(pattern, '($1.textContent=$2.__html)'), loader: 'js' };
    });
  },
};

const TARGETS = {
  chromium: (m) => {
    delete m.browser_specific_settings;
    delete m.background.scripts;
    return m;
  },
  firefox: (m) => {
    delete m.background.service_worker;
    delete m.minimum_chrome_version;
    // Chromium's managed storage schema; Firefox takes managed values from enterprise policies without one.
    delete m.storage;
    return m;
  },
};

/** The manifest one browser gets: its own keys only, and package.json's version. */
export const manifestFor = (name) => TARGETS[name](structuredClone({ ...manifest, version: pkg.version }));

/** What content/relay.ts calls to evaluate the relay proper, bundled beside it (ENTRIES). */
const RELAY_LOADER = 'loadRelayModule';

/**
 * A module bundled as the body of a function named RELAY_LOADER that evaluates it and returns its exports, wrapped
 * around the entry's own bundle with it, which calls that function when it needs the module.
 */
async function lazyWrap(src, options) {
  const { outputFiles: [lazy] } = await build({ ...options, entryPoints: [join(root, src)], write: false,
    globalName: 'lazyModule' });
  return { banner: { js: `(()=>{function ${RELAY_LOADER}(){${lazy.text.trim()}\nreturn lazyModule}` },
    footer: { js: '})();' } };
}

async function bundleTo(outdir) {
  await Promise.all(Object.entries(ENTRIES).map(async ([out, { src, minify, mangleProps, wrap, lazy }]) => {
    const options = {
      bundle: true,
      // The bundles name each module's path in comments: relative to the repository, and as the path reads (a
      // node_modules that is a symlink stays node_modules/…), so the files are the same from any folder or checkout.
      absWorkingDir: root,
      preserveSymlinks: true,
      format: 'iife',
      target: TARGET_BROWSERS,
      minify: !!minify,
      ...(mangleProps && { mangleProps }),
      legalComments: 'none',
      jsx: 'automatic',
      jsxImportSource: 'preact',
      logLevel: 'warning',
      plugins: [textOnlyPreact],
    };
    await build({ ...options, entryPoints: [join(root, src)], outfile: join(outdir, out),
      ...(lazy ? await lazyWrap(lazy, options) : wrap) });
  }));
}

export async function buildAll() {
  const dist = join(root, 'dist');
  await rm(dist, { recursive: true, force: true });
  const first = join(dist, 'chromium');
  await bundleTo(first);
  for (const name of Object.keys(TARGETS)) {
    const outdir = join(dist, name);
    await mkdir(outdir, { recursive: true });
    if (outdir !== first) for (const out of Object.keys(ENTRIES)) await copyFile(join(first, out), join(outdir, out));
    for (const file of STATIC) await copyFile(join(root, file), join(outdir, file.split('/').pop()));
    await cp(join(root, 'icons'), join(outdir, 'icons'), { recursive: true });
    await cp(join(root, '_locales'), join(outdir, '_locales'), { recursive: true });
    await writePolicyPages(root, outdir);
    await writeFile(join(outdir, 'manifest.json'), `${JSON.stringify(manifestFor(name), null, 2)}\n`);
  }
  return dist;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dist = await buildAll();
  console.log(`built ${dist}/{chromium,firefox}`);
}
