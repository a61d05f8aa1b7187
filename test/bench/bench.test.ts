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
import type { Page } from 'puppeteer-core';
import { DIST, launch } from '../e2e/chromium';

/**
 * Browsers launched per side; each metric's figure is the median over them. On a 2-core machine two launches of the
 * same browser differ by up to 10%, so the ratios are medians of each round's paired ratio (the sides of a round run
 * back to back), and the empty-script side doubles as a control: for the media metrics, where an empty script does
 * nothing, its ratio shows how far the noise alone moves a ratio.
 */
const ROUNDS = 10;
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

/**
 * getUserMedia({video}) until the stream resolves, median of 50 (each stream stopped before the next); per browser
 * the median of four such blocks, after three calls that open the fake device. The page is cross-origin isolated,
 * so its clock has microseconds (otherwise 100 µs steps, 3% of a call).
 */
const gumLatency = (page: Page) => page.evaluate(async () => {
  if (!crossOriginIsolated) throw new Error('the benchmark page is not cross-origin isolated');
  const once = async () => {
    const t0 = performance.now();
    const stream = await navigator.mediaDevices.getUserMedia({ video: true });
    const time = performance.now() - t0;
    for (const t of stream.getTracks()) t.stop();
    return time;
  };
  const medianOf = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  for (let i = 0; i < 3; i++) await once();
  const blocks: number[] = [];
  for (let b = 0; b < 4; b++) {
    const times: number[] = [];
    for (let i = 0; i < 50; i++) times.push(await once());
    blocks.push(medianOf(times));
  }
  return medianOf(blocks);
});

/**
 * 10,000 clone()+stop() of a camera track, as five runs of 2,000 (median), each including the task after it, after
 * one run that warms up the JIT.
 */
const cloneStop = (page: Page) => page.evaluate(async () => {
  const [track] = (await navigator.mediaDevices.getUserMedia({ video: true })).getTracks();
  for (let i = 0; i < 2_000; i++) track!.clone().stop();
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

const METRICS = { 'blank page load (ms)': blankLoad, 'getUserMedia latency (ms)': gumLatency,
  '10,000 clone()+stop() (ms)': cloneStop };
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
      const page = await session.open(name.startsWith('blank') ? 'blank.html' : 'demo.html?isolated');
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
  const pairedRatio = (name: Name, side: Side, base: Side) =>
    +median(samples[side].map((s, round) => s[name] / samples[base][round]![name])).toFixed(3);
  const rows = (Object.keys(METRICS) as Name[]).map((name) => {
    const [without, floor, withExt] = sides.map((side) => median(samples[side].map((s) => s[name])));
    return {
      metric: name, without: +without!.toFixed(2), 'empty script': +floor!.toFixed(2), with: +withExt!.toFixed(2),
      ratio: pairedRatio(name, 'with', 'without'), 'floor ratio': pairedRatio(name, 'empty script', 'without'),
      'ratio over floor': pairedRatio(name, 'with', 'empty script'),
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
