/**
 * `npm run bench`, stops and listings while another tab floods (issue #23): a tab churns track clones and stops as
 * fast as it can for `FLOOD_MS` (test/pages/flood.html); meanwhile, from the popup of a calm tab, (1) a new tab's
 * camera is listed among the other tabs, timed from when its `getUserMedia` resolved in that tab to when the row
 * appears in the popup (a MutationObserver in the popup); (2) a stop is clicked on the calm tab's camera, timed from
 * the click in the popup to the camera's own `ended` event in the page; and (3) the flooding tab itself is listed,
 * timed from its camera to its row. Both ends read `Date.now()`, one clock for every process of the browser. ROUNDS
 * rounds each: without a flood (the reference), during a flood, and during a flood with one core kept busy by a
 * spinning process. Prints min/median/max and adds them to dist/bench-flood.json.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { DIST, type Session, launch, openPopupPage, tabIdOf } from '../e2e/chromium';

const ROUNDS = 7;
const FLOOD_MS = 10_000;
/** The flood is well under way (about a second of churn) before anything is timed. */
const FLOOD_TASKS_BEFORE = 1_000;
const BUDGET = { stopMs: 200, listMs: 500 } as const;
const RESULTS = join(DIST, '..', 'bench-flood.json');

type Calm = { camera: MediaStreamTrack; ended: Promise<number> };
type Flood = { flood(ms: number): Promise<number>; floodTasks: number; cameraAt: number };
type Watch = { listed: Promise<number> };

const spread = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0]!, median: s[s.length >> 1]!, max: s[s.length - 1]! };
};
const show = (xs: number[]) => { const { min, median, max } = spread(xs); return `${min} / ${median} / ${max}`; };

/** The calm tab makes a camera and keeps its `ended` time; returns once the popup lists it. */
async function newCamera(calm: Page, popup: Page): Promise<string> {
  const id = await calm.evaluate(async () => {
    const camera = (await navigator.mediaDevices.getUserMedia({ video: true })).getVideoTracks()[0]!;
    const ended = new Promise<number>((resolve) => camera.addEventListener('ended', () => resolve(Date.now())));
    Object.assign(window, { camera, ended } satisfies Calm);
    return camera.id;
  });
  await popup.waitForSelector(`li[data-track-id="${id}"] button.stop`, { timeout: 60_000 });
  return id;
}

/** Has the popup note when the tab's row appears among its other tabs (`Watch.listed`). */
async function watchListing(popup: Page, tabId: number): Promise<void> {
  await popup.bringToFront();
  await popup.evaluate((id) => {
    const selector = `li.other-tab[data-tab-id="${id}"]`;
    const listed = new Promise<number>((resolve) => {
      const observer = new MutationObserver(() => {
        if (!document.querySelector(selector)) return;
        observer.disconnect();
        resolve(Date.now());
      });
      observer.observe(document.body, { childList: true, subtree: true });
    });
    Object.assign(window, { listed } satisfies Watch);
  }, tabId);
}

/** Milliseconds from a new tab's camera to its row among the popup's other tabs. */
async function timeListing(session: Session, popup: Page): Promise<number> {
  const tab = await session.open('blank.html');
  await watchListing(popup, await tabIdOf(session, tab));
  const madeAt = await tab.evaluate(async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ video: true });
    Object.assign(window, { stream });
    return Date.now();
  });
  const listedAt = await popup.evaluate(() => (window as unknown as Watch).listed);
  await tab.close();
  return listedAt - madeAt;
}

/** Milliseconds from the click on the camera's Stop in the popup to the camera's `ended` in its page. */
async function timeStop(calm: Page, popup: Page, camera: string): Promise<number> {
  await popup.bringToFront();
  const clickedAt = await popup.evaluate((row) => {
    const button = document.querySelector<HTMLButtonElement>(`${row} button.stop`)!;
    const at = Date.now();
    button.click();
    return at;
  }, `li[data-track-id="${camera}"]`);
  const endedAt = await calm.evaluate(() => (window as unknown as Calm).ended);
  expect(await calm.evaluate(() => (window as unknown as Calm).camera.readyState)).toBe('ended');
  return endedAt - clickedAt;
}

/** ROUNDS rounds of a listing and a stop, each during a fresh flood if `isFlooding`. */
async function rounds(session: Session, calm: Page, popup: Page, isFlooding: boolean) {
  const list: number[] = [];
  const stop: number[] = [];
  /** From the flooding tab's own camera to its row in the popup, the flood under way from the start. */
  const listFlooding: number[] = [];
  let tasks = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const camera = await newCamera(calm, popup);
    const flooding = isFlooding ? await session.open('flood.html') : undefined;
    if (flooding) await watchListing(popup, await tabIdOf(session, flooding));
    const done = flooding?.evaluate((ms) => (window as unknown as Flood).flood(ms), FLOOD_MS);
    if (flooding) {
      await flooding.waitForFunction((n) => (window as unknown as Flood).floodTasks > n,
        { timeout: 60_000, polling: 50 }, FLOOD_TASKS_BEFORE);
      const listedAt = await popup.evaluate(() => (window as unknown as Watch).listed);
      listFlooding.push(listedAt - await flooding.evaluate(() => (window as unknown as Flood).cameraAt));
    }
    list.push(await timeListing(session, popup));
    stop.push(await timeStop(calm, popup, camera));
    tasks += (await done) ?? 0;
    await flooding?.close();
  }
  return { list, stop, listFlooding, tasksPerSecond: Math.round(tasks / ROUNDS / (FLOOD_MS / 1000)) };
}

/** One core kept busy, as a person's other work would, until the returned function is called. */
function busyCore(): () => void {
  const spinner: ChildProcess = spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' });
  return () => { spinner.kill(); };
}

it('lands a stop and lists a new tab promptly while another tab floods', async () => {
  const session = await launch();
  try {
    const calm = await session.open('blank.html');
    const popup = await openPopupPage(session, await tabIdOf(session, calm));
    // Untimed: a stop in the first seconds after the browser starts waits up to 2 s for the administrator's settings
    // (background/settings.ts, MANAGED_WAIT_MS), a matter of startup, not of load (1.5 s in the first runs).
    await timeStop(calm, popup, await newCamera(calm, popup));
    const quiet = await rounds(session, calm, popup, false);
    const flood = await rounds(session, calm, popup, true);
    const release = busyCore();
    const busy = await rounds(session, calm, popup, true).finally(release);

    const row = (figure: string, xs: number[], budget?: number) => ({
      figure, 'min / median / max (ms)': show(xs),
      ...(budget !== undefined && { budget, pass: Math.max(...xs) <= budget }),
    });
    const rows = [
      row('no flood: click → ended in the page', quiet.stop),
      row('no flood: getUserMedia → listed in the popup', quiet.list),
      row(`flood (${flood.tasksPerSecond} tasks/s): click → ended`, flood.stop, BUDGET.stopMs),
      row('flood: getUserMedia → listed', flood.list, BUDGET.listMs),
      row('flood: the flooding tab\'s own camera → listed', flood.listFlooding, BUDGET.listMs),
      row(`flood, a core busy (${busy.tasksPerSecond} tasks/s): click → ended`, busy.stop, BUDGET.stopMs),
      row('flood, a core busy: getUserMedia → listed', busy.list, BUDGET.listMs),
      row('flood, a core busy: the flooding tab\'s own camera → listed', busy.listFlooding, BUDGET.listMs),
    ];
    console.table(rows);
    writeFileSync(RESULTS, `${JSON.stringify({ date: new Date().toISOString(), rounds: ROUNDS, rows,
      raw: { quiet, flood, busy } }, null, 2)}\n`);
    for (const r of rows) if ('pass' in r) expect(r.pass, r.figure).toBe(true);
  } finally {
    await session.close();
  }
});
