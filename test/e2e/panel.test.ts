/**
 * The DevTools panel and the report, in Chromium. Headless Chromium opens no DevTools window to hold the panel, so
 * the panel page is loaded as a tab (`panel.html?tab=<id>`), where it watches the tab it is given as it watches the
 * inspected tab inside DevTools; the DevTools page itself is held to adding the panel through web-ext lint and the
 * manifest. The report is saved through the browser's own downloads, into a folder the driver names
 * (`can.saveDownloads`: Chromium, over the DevTools protocol).
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type TestPage, eachBrowser, poll, popupOf, waitFor } from './harness';
import { schemaErrors } from '../report-schema';

type Ids = { shown: string; sent: string; idle: string; orphan: string };
const start = (page: TestPage) => page.evaluate(() =>
  (window as unknown as { leaks: { start(): Promise<Ids> } }).leaks.start());

eachBrowser((harness) => {
  let downloads: string;
  beforeAll(async () => {
    downloads = await mkdtemp(join(tmpdir(), 'trackstop-downloads-'));
    await harness().saveDownloadsTo(downloads);
  });
  afterAll(async () => {
    await rm(downloads, { recursive: true, force: true });
  });

  it('the panel lists every track with its sinks, flags and stack, the timeline, and filters them', async () => {
    const h = harness();
    const page = await h.open('leaks.html');
    const ids = await start(page);
    const tabId = await h.tabIdOf(page);
    const panelPage = await h.openExtensionPage(`panel.html?tab=${tabId}`);
    const panel = popupOf(panelPage);
    const card = (id: string) => `article.panel-track[data-track-id="${id}"]`;

    await expect.poll(() => panel.text(`${card(ids.shown)} .sinks`), poll).toBe('shown in video#self');
    expect(await panel.text(`${card(ids.sent)} .sinks`)).toBe('sent on peer connection 1');
    expect(await panel.texts(`${card(ids.orphan)} .leak strong`)).toContain('Leak: outlived its original');
    // The stack names the fixture's own code, not Trackstop's.
    const frames = await panel.texts(`${card(ids.idle)} .frames li`);
    expect(frames.some((f) => f.includes('leaks.js'))).toBe(true);
    expect(frames.some((f) => f.includes('shim.js'))).toBe(false);
    const timeline = await panel.texts('.timeline .event');
    expect(timeline.some((e) => e.endsWith('now shown in video#self'))).toBe(true);
    expect(timeline.some((e) => e.endsWith('now sent on peer connection 1'))).toBe(true);
    expect(timeline.some((e) => e.endsWith('ended by the page'))).toBe(true);

    await panelPage.select('.filters label:nth-child(2) select', 'ended');
    await expect.poll(() => panel.count('article.panel-track'), poll).toBe(1);
    expect(await panel.count('article.panel-track.ended')).toBe(1);
    await panelPage.select('.filters label:nth-child(2) select', 'all');
    await panelPage.click('.filters input[type=checkbox]');
    await expect.poll(() => panel.count('article.panel-track'), poll).toBe(1);
    expect(await panel.count(card(ids.orphan))).toBe(1);

    await panel.click('Stop ', { scope: card(ids.orphan), isPrefix: true });
    await expect.poll(() => page.evaluate(() =>
      (window as unknown as { leaks: { states(): Record<string, string> } }).leaks.states().orphan),
        poll).toBe('ended');
    await expect.poll(() => panel.count('article.panel-track'), poll).toBe(0);
    await expect.poll(async () => (await panel.texts('.timeline .event'))[0], poll).toMatch(/ended by Trackstop$/);
    await panel.page.close();
    await page.close();
  });

  it('"Export report" saves a file that meets the schema and holds every track of the tab', async () => {
    const h = harness();
    const page = await h.open('leaks.html');
    const ids = await start(page);
    const tabId = await h.tabIdOf(page);
    const popup = popupOf(await h.openExtensionPage(`popup.html?tab=${tabId}`));
    await expect.poll(() => popup.count('li.track'), poll).toBeGreaterThanOrEqual(5);
    const listed = await popup.page.evaluate(() =>
      [...document.querySelectorAll('li.track')].map((li) => li.getAttribute('data-track-id')!).sort());
    await popup.click('Export report');
    await expect.poll(() => popup.text('.exported'), poll).toMatch(/^Saved trackstop-localhost-\d{4}-\d\d-\d\d\.json$/);
    const name = (await popup.text('.exported')).slice('Saved '.length);
    await waitFor(async () => (await readdir(downloads)).includes(name), `${name} to be saved`);

    const report = JSON.parse(await readFile(join(downloads, name), 'utf8')) as {
      tracks: { id: string; flags: { text: string }[]; sinks?: unknown[] }[]; timeline: unknown[]; tab: { id: number };
    };
    expect(schemaErrors(report)).toEqual([]);
    expect(report.tab.id).toBe(tabId);
    expect(report.tracks.map((t) => t.id).sort()).toEqual(listed);
    for (const id of Object.values(ids)) expect(report.tracks.map((t) => t.id)).toContain(id);
    expect(report.tracks.find((t) => t.id === ids.orphan)!.flags.map((f) =>
      f.text)).toContain('Leak: outlived its original');
    expect(report.tracks.find((t) => t.id === ids.shown)!.sinks).toEqual([{ kind: 'element', name: 'video#self' }]);
    expect(report.timeline.length).toBeGreaterThanOrEqual(listed.length);
    await popup.page.close();
    await page.close();
  });
}, { needs: ['saveDownloads'] });
