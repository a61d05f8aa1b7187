/**
 * `npm run bench`: the shim's cost, as ratios of the same Chromium with the extension to without it, measured in
 * one run with the configurations alternating so drift hits all alike. Budgets: each ratio ≤ 1.05, shim ≤ 12 KB.
 *
 * A third configuration, an extension whose only content is one empty ISOLATED-world script at document_start,
 * measures the platform's own price for any such script (Chromium creates the isolated world and its extension
 * bindings in every frame). The blank-page budget is checked against that floor: it is the part Trackstop's own
 * code adds. Prints a table; fails if a budget is exceeded.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DIST, launch } from '../e2e/chromium';

/** Browsers launched per side; each metric's figure is the median over them. */
const ROUNDS = 8;
const RATIO_BUDGET = 1.05;
const SHIM_BUDGET_BYTES = 12 * 1024;

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]!; };

/** Milliseconds from navigation start to the load event of a page that never touches media; median of 25. */
async function blankLoad(page: Page): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 25; i++) {
    await page.goto(page.url().replace(/\?.*$/, `?n=${i}`));
    times.push(await page.evaluate(() => {
      const [nav] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
      return nav!.loadEventEnd - nav!.startTime;
    }));
  }
  return median(times);
}

/** getUserMedia({video}) until the stream resolves, median of 50 (each stream stopped before the next). */
const gumLatency = (page: Page) => page.evaluate(async () => {
  const times: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t0 = performance.now();
    const stream = await navigator.mediaDevices.getUserMedia({ video: true });
    times.push(performance.now() - t0);
    for (const t of stream.getTracks()) t.stop();
  }
  times.sort((a, b) => a - b);
  return times[25]!;
});

/**
 * 10,000 clone()+stop() of a camera track, as five runs of 2,000 (median), each including the task after it, where
 * the shim reports.
 */
const cloneStop = (page: Page) => page.evaluate(async () => {
  const [track] = (await navigator.mediaDevices.getUserMedia({ video: true })).getTracks();
  const times: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    for (let i = 0; i < 2_000; i++) track!.clone().stop();
    await new Promise((resolve) => setTimeout(resolve, 0));
    times.push(performance.now() - t0);
  }
  track!.stop();
  times.sort((a, b) => a - b);
  return times[2]! * 5;
});

const METRICS = { 'blank page load (ms)': blankLoad, 'getUserMedia latency (ms)': gumLatency, '10,000 clone()+stop() (ms)': cloneStop };
type Name = keyof typeof METRICS;
type Side = 'without' | 'empty script' | 'with';

/** The floor: an extension with one empty ISOLATED-world content script in every frame at document_start. */
function emptyScriptExtension(): string {
  const dir = mkdtempSync(join(tmpdir(), 'trackstop-floor-'));
  writeFileSync(join(dir, 'empty.js'), '');
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({
    manifest_version: 3, name: 'empty content script', version: '1',
    content_scripts: [{ matches: ['<all_urls>'], js: ['empty.js'], run_at: 'document_start', all_frames: true }],
  }));
  return dir;
}

async function measure(side: Side, floorDir: string): Promise<Record<Name, number>> {
  const session = await launch({ withExtension: side !== 'without', extensionDir: side === 'with' ? DIST : floorDir });
  try {
    const out = {} as Record<Name, number>;
    for (const [name, run] of Object.entries(METRICS) as [Name, (p: Page) => Promise<number>][]) {
      const page = await session.open(name.startsWith('blank') ? 'blank.html' : 'demo.html');
      out[name] = await run(page);
      await page.close();
    }
    return out;
  } finally {
    await session.close();
  }
}

it('keeps the shim small and the page as fast as without it', async () => {
  const floorDir = emptyScriptExtension();
  const samples: Record<Side, Record<Name, number>[]> = { without: [], 'empty script': [], with: [] };
  const sides = Object.keys(samples) as Side[];
  for (let round = 0; round < ROUNDS; round++) {
    for (const side of round % 2 ? [...sides].reverse() : sides) samples[side].push(await measure(side, floorDir));
  }
  const shim = readFileSync(join(DIST, 'shim.js'));
  const rows = (Object.keys(METRICS) as Name[]).map((name) => {
    const [without, floor, withExt] = sides.map((side) => median(samples[side].map((s) => s[name])));
    return {
      metric: name, without: +without!.toFixed(2), 'empty script': +floor!.toFixed(2), with: +withExt!.toFixed(2),
      ratio: +(withExt! / without!).toFixed(3), 'floor ratio': +(floor! / without!).toFixed(3),
      'ratio over floor': +(withExt! / floor!).toFixed(3),
    };
  });
  console.table(rows);
  console.log(`shim.js: ${shim.length} bytes minified, ${gzipSync(shim).length} gzipped (budget ${SHIM_BUDGET_BYTES})`);
  expect(shim.length).toBeLessThanOrEqual(SHIM_BUDGET_BYTES);
  for (const row of rows) {
    const ratio = row.metric.startsWith('blank') ? row['ratio over floor'] : row.ratio;
    expect(ratio, row.metric).toBeLessThanOrEqual(RATIO_BUDGET);
  }
});
