/**
 * `npm run bench`: what Trackstop costs a page, in one run against the same Chromium without it and with a control
 * extension whose only content is an empty MAIN-world and an empty ISOLATED-world script at document_start in every
 * frame. A second, identical control browser is the A/A pair: how far two launches of one configuration differ is
 * the noise every other figure carries. A fifth, the floor, runs test/bench/wrap-floor.js in the MAIN world: only the
 * descriptor reads that any shim wrapping what Trackstop wraps must make before the page's first script. A sixth, the
 * whole floor, does everything any shim must do to wrap those functions unseen and report from the page without the
 * page hearing (bench-extensions.ts WHOLE_FLOOR): read them, replace each with a Proxy, make `toString` print the
 * natives, and hand a private line to one listener in the isolated world. Trackstop's budget is above that.
 *
 * Page cost is the renderer's own script time: CDP `Performance.getMetrics` `ScriptDuration`, with
 * `Performance.enable({ timeDomain: 'threadTicks' })`, so that it is CPU time of the renderer's main thread, not
 * wall-clock time. It is read after the load event; Chromium starts the page's counters afresh at each navigation
 * (seen here: a page with no scripts reads 0 after every load). Chosen over a trace because it is one call per
 * load, sums the main frame and its same-process frames, and needs no parsing of trace events; a trace would split
 * the shim from the relay, which the closing notes did by building each alone.
 *
 * Prints one table (figure, budget, pass) and writes it to dist/bench.json; fails if a budget is exceeded.
 * Past 200 lines: one run of six browsers, whose page, media and size figures make one table.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect, it } from 'vitest';
import type { CDPSession, Page } from 'puppeteer-core';
import { DIST, type Session, launch } from '../e2e/chromium';
import { FLOOR_SCRIPT, contentScriptExtension, wholeFloorExtension } from './bench-extensions';

const LOADS = 21;
const WARMUP_LOADS = 3;
/** Paired rounds of the media figures; each round measures every side once, in turn. */
const MEDIA_ROUNDS = 7;
/**
 * shimBytes: 13 KB until the leak debugger's sinks (content/page/sinks.ts) added 4 KB, 17 KB until guarded realms
 * (content/page/guard.ts: the reach wrappers, and natives captured as one set a guardian can hand on) added 2.5 KB,
 * 20 KB until stop and hold (content/page/hold.ts: a refusal must happen in the page's own wrappers, before the
 * device opens, and with the page realm's error) added 1.7 KB; compiling costs 0.012 ms per document per 12 KB (a
 * copy of the shim that returns before running, measured alone), so 22 KB costs 0.009 ms more than 13 KB did.
 */
/**
 * cpuOverFloorMs: what Trackstop may add to a document's script CPU, over the control, beyond the whole floor: issue
 * #23's budget, replacing an absolute 0.25 ms that the reading floor alone exceeded. The issue set it above the reading
 * floor (the reads, which build each interface object in every new realm); the rest of the whole floor proved to be
 * floor as well (test/bench/parts.test.ts times each script of it; README, Performance): no shim can wrap without
 * replacing, hide its wrappers without a registry for `toString`, or report without a line to the isolated world.
 */
const BUDGET = { cpuOverFloorMs: 0.15, mediaRatio: 1.03, shimBytes: 22 * 1024 } as const;
const RESULTS = join(DIST, '..', 'bench.json');

/** The documents of each page: test/pages/cost.html holds four same-origin frames. */
const PAGES = { 'five documents': { path: 'cost.html', documents: 5 }, blank: { path: 'blank.html', documents: 1 } };
type PageName = keyof typeof PAGES;
const SIDES = ['none', 'control', 'control (A/A)', 'floor', 'whole floor', 'Trackstop'] as const;
type Side = typeof SIDES[number];

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]!; };
const round3 = (x: number) => +x.toFixed(3);


interface Browser {
  side: Side;
  session: Session;
  page: Page;
  cdp: CDPSession;
}

/** Each side's extension, made when its browser opens (`none` loads none). */
const EXTENSIONS: Record<Side, () => string> = {
  none: () => DIST, control: () => contentScriptExtension(), 'control (A/A)': () => contentScriptExtension(),
  floor: () => contentScriptExtension(FLOOR_SCRIPT), 'whole floor': wholeFloorExtension, Trackstop: () => DIST,
};

async function open(side: Side): Promise<Browser> {
  const session = await launch({ withExtension: side !== 'none', extensionDir: EXTENSIONS[side]() });
  const page = await session.open('blank.html');
  const cdp = await page.createCDPSession();
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  return { side, session, page, cdp };
}

/** Loads `path` once: the page's script CPU time and its wall-clock time to the load event, both in ms. */
async function load({ session, page, cdp }: Browser, path: string, n: number) {
  await page.goto(`${session.baseUrl}/${path}?n=${n}`, { waitUntil: 'load' });
  const { metrics } = await cdp.send('Performance.getMetrics');
  const scriptSeconds = metrics.find((m) => m.name === 'ScriptDuration')?.value;
  const taskSeconds = metrics.find((m) => m.name === 'TaskDuration')?.value;
  if (scriptSeconds === undefined || taskSeconds === undefined) throw new Error('no ScriptDuration or TaskDuration');
  const wall = await page.evaluate(() => {
    const [nav] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
    return nav!.loadEventEnd - nav!.startTime;
  });
  return { cpu: scriptSeconds * 1000, task: taskSeconds * 1000, wall };
}

/**
 * getUserMedia({video}) until the stream resolves, median of 50 (each stream stopped before the next), after three
 * calls that open the fake device. The page is cross-origin isolated, so its clock has microseconds, not 100 µs steps.
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
  for (let i = 0; i < 3; i++) await once();
  const times: number[] = [];
  for (let i = 0; i < 50; i++) times.push(await once());
  return times.sort((a, b) => a - b)[25]!;
});

/**
 * Collects the page's garbage before a timed window, so that the window holds the collections of its own garbage and
 * not, in some rounds and not others, of what the rounds before left: without it, one side's script CPU for
 * 10,000 clone()+stop() read 0.54 to 3.2 times the other's from one round to the next (15 rounds); with it, 0.93–1.22.
 */
const collectGarbage = (cdp: CDPSession) => cdp.send('HeapProfiler.collectGarbage');

/** 10,000 clone()+stop() of a camera track, as five runs of 2,000 (median × 5), each with the task after it. */
async function cloneStop({ page, cdp }: Browser): Promise<number> {
  await collectGarbage(cdp);
  return page.evaluate(async () => {
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
    return times.sort((a, b) => a - b)[2]! * 5;
  });
}

/**
 * The renderer's script CPU time for 10,000 clone()+stop() of a camera track, after 2,000 that warm the JIT up,
 * and 300 ms of quiet after them in which Trackstop's shim and relay report the churn. CPU time, unlike the wall
 * clock above, does not move with what the other core is doing.
 */
async function cloneStopCpu({ page, cdp }: Browser): Promise<number> {
  const scriptMs = async () =>
    (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ScriptDuration')!.value * 1000;
  await page.evaluate(async () => {
    const w = window as unknown as { benchTrack?: MediaStreamTrack };
    [w.benchTrack] = (await navigator.mediaDevices.getUserMedia({ video: true })).getTracks();
    for (let i = 0; i < 2_000; i++) w.benchTrack!.clone().stop();
    await new Promise((resolve) => setTimeout(resolve, 300));
  });
  await collectGarbage(cdp);
  const before = await scriptMs();
  await page.evaluate(async () => {
    const track = (window as unknown as { benchTrack: MediaStreamTrack }).benchTrack;
    // In a task of the page's own: the renderer counts script run from DevTools' evaluate apart, if at all.
    await new Promise((resolve) => setTimeout(() => {
      for (let i = 0; i < 10_000; i++) track.clone().stop();
      resolve(undefined);
    }, 0));
    await new Promise((resolve) => setTimeout(resolve, 300));
  });
  const after = await scriptMs();
  await page.evaluate(() => (window as unknown as { benchTrack: MediaStreamTrack }).benchTrack.stop());
  return after - before;
}

interface Row {
  figure: string;
  none?: number;
  control?: number;
  'control (A/A)'?: number;
  floor?: number;
  'whole floor'?: number;
  Trackstop?: number;
  result: number;
  budget: number | string;
  pass: boolean | '—';
}

/** Each side in turn, the order reversed every other round, so that drift hits all sides alike. */
const inTurn = (round: number, browsers: Browser[]) => (round % 2 ? [...browsers].reverse() : browsers);

async function pageCost(browsers: Browser[], name: PageName): Promise<Row[]> {
  const { path, documents } = PAGES[name];
  const cpu = new Map<Side, number[]>(SIDES.map((s) => [s, []]));
  const task = new Map<Side, number[]>(SIDES.map((s) => [s, []]));
  const wall = new Map<Side, number[]>(SIDES.map((s) => [s, []]));
  for (let n = 0; n < WARMUP_LOADS + LOADS; n++) {
    for (const browser of inTurn(n, browsers)) {
      const sample = await load(browser, path, n);
      if (n < WARMUP_LOADS) continue;
      cpu.get(browser.side)!.push(sample.cpu);
      task.get(browser.side)!.push(sample.task);
      wall.get(browser.side)!.push(sample.wall);
    }
  }
  const of = (samples: Map<Side, number[]>) =>
    Object.fromEntries(SIDES.map((s) => [s, round3(median(samples.get(s)!))])) as Record<Side, number>;
  const c = of(cpu);
  const t = of(task);
  const w = of(wall);
  const perDocument = round3((c.Trackstop - c.control) / documents);
  const floor = round3((c.floor - c.control) / documents);
  const wholeFloor = round3((c['whole floor'] - c.control) / documents);
  const overFloor = round3(perDocument - wholeFloor);
  return [
    { figure: `${name}: script CPU per load (ms)`, ...c, result: perDocument, budget: 'over the control, per document',
      pass: '—' },
    { figure: `${name}: A/A, control − control per document (ms)`, result: round3((c['control (A/A)'] - c.control)
      / documents), budget: 'noise', pass: '—' },
    { figure: `${name}: the reading floor, per document (ms)`, result: floor, budget: 'reference', pass: '—' },
    { figure: `${name}: Trackstop above the reading floor, per document (ms)`, result: round3(perDocument - floor),
      budget: 'reported', pass: '—' },
    { figure: `${name}: the whole floor, per document (ms)`, result: wholeFloor, budget: 'reference', pass: '—' },
    { figure: `${name}: Trackstop above the whole floor, per document (ms)`, result: overFloor,
      budget: BUDGET.cpuOverFloorMs, pass: overFloor <= BUDGET.cpuOverFloorMs },
    // The renderer's whole task time: script, and what script time does not show (style, layout, the isolated
    // world's creation), which moves more between runs.
    { figure: `${name}: task CPU per load (ms)`, ...t, result: round3((t.Trackstop - t.control) / documents),
      budget: `over the control, per document; A/A ${round3((t['control (A/A)'] - t.control) / documents)}`,
      pass: '—' },
    { figure: `${name}: load event, wall clock (ms)`, ...w, result: round3(w.Trackstop / w.control),
      budget: `ratio over control; A/A ${round3(w['control (A/A)'] / w.control)}`, pass: '—' },
  ];
}

async function mediaCost(all: Browser[]): Promise<Row[]> {
  // The floors record nothing a media call goes through.
  const browsers = all.filter((b) => b.side !== 'floor' && b.side !== 'whole floor');
  const figures: Record<string, (b: Browser) => Promise<number>> = {
    'getUserMedia latency (ms)': (b) => gumLatency(b.page),
    '10,000 clone()+stop(), wall clock (ms)': cloneStop,
    '10,000 clone()+stop(), script CPU (ms)': cloneStopCpu,
  };
  const rows: Row[] = [];
  for (const browser of browsers) {
    await browser.page.goto(`${browser.session.baseUrl}/demo.html?isolated`);
  }
  for (const [figure, run] of Object.entries(figures)) {
    const sides = browsers.map((b) => b.side);
    const samples = new Map<Side, number[]>(sides.map((s) => [s, []]));
    for (let r = 0; r < MEDIA_ROUNDS; r++) {
      for (const browser of inTurn(r, browsers)) samples.get(browser.side)!.push(await run(browser));
    }
    const paired = (side: Side) => round3(median(samples.get(side)!.map((x, i) => x / samples.get('none')![i]!)));
    const medians = Object.fromEntries(sides.map((s) => [s, round3(median(samples.get(s)!))]));
    const ratio = paired('Trackstop');
    rows.push({ figure, ...medians, result: ratio, budget: BUDGET.mediaRatio, pass: ratio <= BUDGET.mediaRatio });
    rows.push({ figure: `${figure}: control's ratio (noise)`, result: paired('control'), budget: 'noise', pass: '—' });
  }
  return rows;
}

it('costs a page no more than its budgets', async () => {
  const browsers: Browser[] = [];
  try {
    for (const side of SIDES) browsers.push(await open(side));
    const chromium = await browsers[0]!.session.browser.version();
    const rows = [...await pageCost(browsers, 'five documents'), ...await pageCost(browsers, 'blank'),
      ...await mediaCost(browsers)];
    const shim = readFileSync(join(DIST, 'shim.js')).length;
    const relay = readFileSync(join(DIST, 'relay.js')).length;
    rows.push({ figure: 'shim.js (bytes, minified)', result: shim, budget: BUDGET.shimBytes,
      pass: shim <= BUDGET.shimBytes });
    rows.push({ figure: 'relay.js (bytes, minified)', result: relay, budget: '—', pass: '—' });
    console.table(rows);
    mkdirSync(dirname(RESULTS), { recursive: true });
    const metric = 'CDP Performance.getMetrics ScriptDuration, threadTicks';
    const report = { chromium, date: new Date().toISOString(), loads: LOADS, mediaRounds: MEDIA_ROUNDS, metric, rows };
    writeFileSync(RESULTS, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`written to ${RESULTS}`);
    for (const row of rows) if (row.pass !== '—') expect(row.pass, row.figure).toBe(true);
  } finally {
    for (const { session } of browsers) await session.close();
  }
});
