/**
 * `npm run bench`, beside bench.test.ts: where a document's script time goes, script by script, from a trace of each
 * load (CDP tracing, categories `v8` and `devtools.timeline`), in one run of six (or eight) Chromiums side by side:
 * the control (empty scripts in both worlds), the floor (wrap-floor.js: reading what is wrapped), the wrapping floor
 * (the floor, then wrap-replace.js: replacing each wrapped function with a bare wrapper that `toString` prints as its
 * native), the whole floor (the wrapping floor, then the private line to the isolated world: line-main.js and
 * line-isolated.js; the budget's reference in bench.test.ts), Trackstop, and Trackstop with the floor run just before
 * its shim (bench-extensions.ts), whose shim.js run is what the shim adds above the floor; and, if BENCH_BASELINE names
 * another build, that build both ways too, for a before and after in one run. The relay's answer to the shim's
 * announcement runs inside the shim's dispatch, so it counts in shim.js's run, not relay.js's.
 *
 * Each script's run (`v8.run`, with the compile `v8.compile`) is counted in the renderer main thread's own CPU time
 * (`tdur`), so one script is told from another without building a variant of the extension per part; the median of
 * one script's run moves by about 0.01 ms between two browsers of one configuration, where `ScriptDuration` moves by
 * up to 0.1 ms.
 * The renderer's other work (the isolated world's creation, parsing, style, layout) is compared event by event
 * between the control and Trackstop: what task time holds beside script time.
 *
 * Reports only (it asserts that every script it times was seen, and that the whole floor hands its line over in every
 * document, not budgets: bench.test.ts holds those); writes
 * dist/bench-parts.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { DIST, type Session, launch } from '../e2e/chromium';
import {
  FLOOR_SCRIPT, WHOLE_FLOOR, WRAP_FLOOR_SCRIPT, contentScriptExtension, floorFirstExtension, wholeFloorExtension,
} from './bench-extensions';

const LOADS = 21;
const WARMUP_LOADS = 3;
const RESULTS = join(DIST, '..', 'bench-parts.json');
const PAGES = { 'five documents': { path: 'cost.html', documents: 5 }, blank: { path: 'blank.html', documents: 1 } };
/**
 * Another build to measure beside this one in the same run (its dist/chromium folder), for a before and after:
 * `BENCH_BASELINE=/path/to/old/dist/chromium npm run bench`. Two runs of one build differ by more than a change does.
 */
const BASELINE = process.env.BENCH_BASELINE;
const SIDES: Record<string, () => string> = {
  control: () => contentScriptExtension(),
  floor: () => contentScriptExtension(FLOOR_SCRIPT),
  'wrapping floor': () => contentScriptExtension(WRAP_FLOOR_SCRIPT),
  'whole floor': wholeFloorExtension,
  Trackstop: () => DIST,
  'floor, then Trackstop': () => floorFirstExtension(DIST),
  ...(BASELINE && { baseline: () => BASELINE, 'floor, then baseline': () => floorFirstExtension(BASELINE) }),
};
/** A browser of the run, by what it loads. */
type Side = string;
/** The content scripts whose runs are timed, by file name. */
const SCRIPTS = /^(shim|relay|floor|main|isolated)\.js$/;

interface TraceEvent {
  name: string; ph: string; pid: number; tid: number; tdur?: number;
  args?: { fileName?: string; name?: string };
}
/** Per load: microseconds of the renderer main thread's CPU, by event name (scripts by `run`/`compile` and file). */
type Load = Map<string, number>;

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1] ?? 0; };
const ms = (us: number) => +(us / 1000).toFixed(3);

/** One traced load of `path`: the CPU time of every complete event on the main thread of the page's renderer. */
async function tracedLoad(page: Page, url: string): Promise<Load> {
  await page.tracing.start({ categories: ['v8', 'devtools.timeline'] });
  await page.goto(url, { waitUntil: 'load' });
  const { traceEvents } = JSON.parse(Buffer.from((await page.tracing.stop())!).toString('utf8')) as
    { traceEvents: TraceEvent[] };
  const fileOf = (e: TraceEvent) => (e.args?.fileName ?? '').replace(/^.*\//, '');
  // The page's renderer main thread: where its content scripts ran.
  const anchor = traceEvents.find((e) => e.name === 'v8.run' && SCRIPTS.test(fileOf(e)));
  if (!anchor) throw new Error(`no content script ran in ${url}`);
  const load: Load = new Map();
  for (const e of traceEvents) {
    if (e.ph !== 'X' || e.pid !== anchor.pid || e.tid !== anchor.tid || e.tdur === undefined) continue;
    const file = fileOf(e);
    const key = (e.name === 'v8.run' || e.name === 'v8.compile') && SCRIPTS.test(file)
      ? `${e.name === 'v8.run' ? 'run' : 'compile'} ${file}` : e.name;
    load.set(key, (load.get(key) ?? 0) + e.tdur);
  }
  return load;
}

interface Opened { side: Side; session: Session; page: Page }

it('says where a document\'s script time goes, script by script', async () => {
  const sides: Opened[] = [];
  try {
    for (const side of Object.keys(SIDES)) {
      const session = await launch({ extensionDir: SIDES[side]!() });
      sides.push({ side, session, page: await session.open('blank.html') });
    }
    const report: Record<string, Record<string, Record<string, number>>> = {};
    for (const [name, { path, documents }] of Object.entries(PAGES)) {
      const loads = new Map<Side, Load[]>(sides.map(({ side }) => [side, []]));
      for (let n = 0; n < WARMUP_LOADS + LOADS; n++) {
        for (const { side, session, page } of n % 2 ? [...sides].reverse() : sides) {
          const load = await tracedLoad(page, `${session.baseUrl}/${path}?n=${n}`);
          if (n >= WARMUP_LOADS) loads.get(side)!.push(load);
        }
      }
      /** The median over loads of an event's CPU time per document, in ms; 0 where a load lacked it. */
      const per = (side: Side, key: string) => ms(median(loads.get(side)!.map((l) => l.get(key) ?? 0)) / documents);
      const scripts = (side: Side) => ms(median(loads.get(side)!.map((l) =>
        [...l].filter(([key]) => / \w+\.js$/.test(key)).reduce((sum, [, us]) => sum + us, 0))) / documents);
      const control = scripts('control');
      report[name] = {
        'content scripts over the control, per document (ms)': Object.fromEntries(Object.keys(SIDES)
          .map((side) => [side, +(scripts(side) - control).toFixed(3)])),
        ...Object.fromEntries(['Trackstop', ...BASELINE ? ['baseline'] : []].map((build) => [
          `${build}, by script (ms per document)`, {
            'shim.js run': per(build, 'run shim.js'), 'shim.js compile': per(build, 'compile shim.js'),
            'relay.js run': per(build, 'run relay.js'), 'relay.js compile': per(build, 'compile relay.js'),
            'shim.js run after the floor (the shim above the floor)': per(`floor, then ${build}`, 'run shim.js'),
          }])),
        'the others, by script (ms per document)': {
          'the control\'s empty isolated-world script (run and compile)':
            +(per('control', 'run isolated.js') + per('control', 'compile isolated.js')).toFixed(3),
          'the whole floor\'s isolated-world run (line-isolated.js)': per('whole floor', 'run isolated.js'),
          'the floor\'s run (wrap-floor.js)': per('floor', 'run main.js'),
          'the wrapping floor\'s run': per('wrapping floor', 'run main.js'),
          'the whole floor\'s MAIN-world run': per('whole floor', 'run main.js'),
        },
        // Whatever else the renderer's main thread did more with Trackstop than with the control, event by event
        // (events nest: a script's run is inside the parser's task, so these do not add up).
        'renderer events, Trackstop − control, per document (ms, over 0.005)': Object.fromEntries(
          [...new Set(loads.get('Trackstop')!.flatMap((l) => [...l.keys()]))]
            .map((key) => [key, +(per('Trackstop', key) - per('control', key)).toFixed(3)] as const)
            .filter(([, diff]) => Math.abs(diff) > 0.005).sort((a, b) => b[1] - a[1])),
      };
      for (const side of Object.keys(SIDES)) {
        expect(scripts(side), `${side} ran its scripts`).toBeGreaterThan(0);
      }
    }
    console.log(JSON.stringify(report, null, 2));
    mkdirSync(join(DIST, '..'), { recursive: true });
    const chromium = await sides[0]!.session.browser.version();
    writeFileSync(RESULTS, `${JSON.stringify({ chromium, date: new Date().toISOString(), loads: LOADS, report },
      null, 2)}\n`);
  } finally {
    for (const { session } of sides) await session.close();
  }
});

/**
 * The whole floor stands for a line handed over in every document: were its MAIN-world half to run before its
 * isolated listener, it would hand nothing over and cost less than any working shim. A copy whose listener also logs
 * what it took (the log is not in the timed floor) is loaded into the five-document page.
 */
it('has the whole floor hand its line over in every document', async () => {
  const { path, documents } = PAGES['five documents'];
  const logging = WHOLE_FLOOR.isolated.replace('globalThis.benchLine = event.relatedTarget;',
    'globalThis.benchLine = event.relatedTarget; console.log(`line taken: ${String(event.relatedTarget)}`);');
  expect(logging).not.toBe(WHOLE_FLOOR.isolated);
  const session = await launch({ extensionDir: contentScriptExtension(WHOLE_FLOOR.main, logging) });
  try {
    const page = await session.open('blank.html');
    const cdp = await page.createCDPSession();
    await cdp.send('Runtime.enable');
    const taken: string[] = [];
    const allTaken = new Promise<void>((resolve) => cdp.on('Runtime.consoleAPICalled', ({ args }) => {
      if (String(args[0]?.value).startsWith('line taken')) taken.push(String(args[0]!.value));
      if (taken.length === documents) resolve();
    }));
    await page.goto(`${session.baseUrl}/${path}`, { waitUntil: 'load' });
    await allTaken;
    expect(taken).toEqual(Array(documents).fill('line taken: [object EventTarget]'));
  } finally {
    await session.close();
  }
}, 60_000); // a launch and one load; a floor that hands nothing over fails here
