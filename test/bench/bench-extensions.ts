/**
 * The benchmark's stand-in extensions (bench.test.ts, parts.test.ts): an empty control, the floors, and Trackstop with
 * the floor run first in the same world, each a folder Chromium loads unpacked.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Reads what any shim that wraps what Trackstop wraps must read before the page's first script (wrap-floor.js). */
export const FLOOR_SCRIPT = readFileSync(join(__dirname, 'wrap-floor.js'), 'utf8');
/** The floor, then what such a shim must also do: replace each wrapped function with a wrapper (wrap-replace.js). */
export const WRAP_FLOOR_SCRIPT = `${FLOOR_SCRIPT}\n${readFileSync(join(__dirname, 'wrap-replace.js'), 'utf8')}`;

/**
 * The whole floor: the wrapping floor, then the line a shim must hand its isolated world to report without the page
 * hearing (line-main.js, line-isolated.js). Its ISOLATED-world script is `isolated`.
 */
export const WHOLE_FLOOR = {
  main: `${WRAP_FLOOR_SCRIPT}\n${readFileSync(join(__dirname, 'line-main.js'), 'utf8')}`,
  isolated: readFileSync(join(__dirname, 'line-isolated.js'), 'utf8'),
} as const;

/** An extension that runs the whole floor. */
export const wholeFloorExtension = () => contentScriptExtension(WHOLE_FLOOR.main, WHOLE_FLOOR.isolated);

/**
 * An extension with `isolatedScript` in the ISOLATED world (isolated.js) and `mainScript` in the MAIN world (main.js),
 * each empty by default.
 */
export function contentScriptExtension(mainScript = '', isolatedScript = ''): string {
  const dir = mkdtempSync(join(tmpdir(), 'trackstop-control-'));
  writeFileSync(join(dir, 'isolated.js'), isolatedScript);
  writeFileSync(join(dir, 'main.js'), mainScript);
  const script = { matches: ['<all_urls>'], js: ['isolated.js'], run_at: 'document_start', all_frames: true,
    match_about_blank: true };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({
    manifest_version: 3, name: 'content scripts for the benchmark', version: '1',
    content_scripts: [script, { ...script, js: ['main.js'], world: 'MAIN' }],
  }));
  return dir;
}

/**
 * A build (its dist/chromium folder) with the floor script run just before shim.js, in the same MAIN-world entry:
 * every interface the floor builds is built when the shim starts, so shim.js's own run is what it adds above the floor.
 */
export function floorFirstExtension(build: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'trackstop-floor-first-'));
  cpSync(build, dir, { recursive: true });
  writeFileSync(join(dir, 'floor.js'), FLOOR_SCRIPT);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  for (const script of manifest.content_scripts) {
    if (script.js.includes('shim.js')) script.js = ['floor.js', ...script.js];
  }
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}
