/**
 * A page that reaches a same-origin realm before that realm's document starts (its parent, its opener, a sibling
 * through its own realm's getter, a document.open() rewrite, a parent that replaces the child realm's built-ins, a
 * frame without scripts) tries to take Trackstop's channel there: listeners first on the child's window, which keep,
 * read and swallow the announcement and offer a fake line that invents a microphone and confirms every stop
 * (test/pages/takeover.js). None may hear an announcement, read a report, stop or pause anything, hide the child's
 * camera or get a fake confirmation shown; the child's camera is listed and a real click stops it, read back in the
 * page. Threat model: content/page/guard.ts. And a page that offers fake lines in a loop while an update brings a new
 * relay (Chromium: the driver reloads the extension).
 */
import { expect, it } from 'vitest';
import { type Harness, type TestPage, demo, eachBrowser, openPopup, pageStates, poll, waitFor } from './harness';

type Attack = { heard: number; lines: unknown[]; reports: number; seen: string[]; view: Window & Child };
type Child = { camera(): Promise<string>; states(): Record<string, string> };
declare const attack: Attack;

const childCamera = (page: TestPage) => page.evaluate(() => attack.view.camera());
const childStates = (page: TestPage) => page.evaluate(() => attack.view.states());

/** The tab a page's window.open made, asked from an extension page. */
async function openedBy(h: Harness, openerTabId: number): Promise<number> {
  const helper = await h.openExtensionPage('popup.html?tab=-1');
  try {
    let tabId: number | undefined;
    await waitFor(async () => {
      tabId = await helper.evaluate(async (opener) => {
        type Tabs = { tabs: { query(q: object): Promise<{ id?: number; openerTabId?: number }[]> } };
        const g = globalThis as unknown as { browser?: Tabs; chrome: Tabs };
        return (await (g.browser ?? g.chrome).tabs.query({})).find((t) => t.openerTabId === opener)?.id;
      }, openerTabId);
      return tabId !== undefined;
    }, 'the opened tab');
    return tabId!;
  } finally {
    await helper.close().catch(() => {});
  }
}

/** What the attacker got: nothing, in every case. */
const loot = (page: TestPage) => page.evaluate(() =>
  ({ heard: attack.heard, lines: attack.lines.length, reports: attack.reports, seen: attack.seen }));

const MODES = ['iframe', 'poison', 'sibling', 'opener', 'docopen'] as const;

eachBrowser((harness, browser) => {
  for (const mode of MODES) {
    it(`keeps the channel from a page that reaches the child first (${mode})`, async () => {
      const h = harness();
      const page = await h.open(`takeover.html?attack=${mode}`);
      await page.evaluate(() => (window as unknown as { child(): Promise<boolean> }).child());
      const camera = await childCamera(page);
      const stolen = await page.evaluate((ids) =>
        (window as unknown as { commandStolenLines(ids: string[]): number }).commandStolenLines(ids), [camera]);

      // Chromium hands a window's line to that window's own relay; Firefox keeps each frame's content scripts apart,
      // so there the opener's relay keeps reporting what the window it opened holds.
      const openerTabId = await h.tabIdOf(page);
      const tabId = mode === 'opener' && browser === 'chromium' ? await openedBy(h, openerTabId) : openerTabId;
      const popup = await openPopup(h, tabId);
      await expect.poll(() => popup.liveIds(), poll).toContain(camera);
      expect(await popup.liveIds(), 'no invented track').toEqual([camera]);
      expect(stolen, 'lines the page holds').toBe(0);
      expect(await loot(page)).toEqual({ heard: 0, lines: 0, reports: 0, seen: [] });
      expect(await childStates(page)).toEqual({ [camera]: 'live' });

      await popup.click('Stop everything in this tab');
      await expect.poll(() => childStates(page), poll).toEqual({ [camera]: 'ended' });
      await expect.poll(() => popup.text('p.said[role="status"]'), poll).toBe('Stopped: 1 ended.');
      expect(await loot(page)).toEqual({ heard: 0, lines: 0, reports: 0, seen: [] });
    });
  }

  it('lists and stops the camera of a same-origin frame without scripts, asked for by its parent', async () => {
    const h = harness();
    const page = await h.open('takeover.html?attack=scriptless');
    await page.evaluate(() => new Promise<void>((resolve) => {
      const element = document.getElementById('child') as HTMLIFrameElement;
      const isLoaded = () => element.contentDocument?.readyState === 'complete'
        && element.contentDocument.URL.endsWith('takeover-child.html');
      if (isLoaded()) resolve();
      else element.addEventListener('load', () => resolve(), { once: true });
    }));
    const camera = await page.evaluate(() =>
      (window as unknown as { scriptlessCamera(): Promise<string> }).scriptlessCamera());
    const popup = await openPopup(h, await h.tabIdOf(page));
    await expect.poll(() => popup.liveIds(), poll).toEqual([camera]);
    await popup.click('Stop everything in this tab');
    await expect.poll(() => page.evaluate(() =>
      (window as unknown as { scriptlessTrack: MediaStreamTrack }).scriptlessTrack.readyState), poll).toBe('ended');
    await expect.poll(() => popup.text('p.said[role="status"]'), poll).toBe('Stopped: 1 ended.');
    expect(await loot(page)).toEqual({ heard: 0, lines: 0, reports: 0, seen: [] });

    // Its tracks end with its document, though no relay of its own may tell.
    const second = await page.evaluate(() =>
      (window as unknown as { scriptlessCamera(): Promise<string> }).scriptlessCamera());
    await expect.poll(() => popup.liveIds(), poll).toEqual([second]);
    await page.evaluate(() => document.getElementById('child')!.remove());
    await expect.poll(() => popup.liveIds(), poll).toEqual([]);
  });

  it('takes no line a page offers while an update brings a new relay', async ({ skip }) => {
    const h = harness();
    if (browser !== 'chromium') skip('only Chromium injects a relay alone into open tabs');
    const page = await h.open();
    const [camera] = await demo(page, 'camera');
    const tabId = await h.tabIdOf(page);
    const before = await openPopup(h, tabId);
    await expect.poll(() => before.liveIds(), poll).toEqual([camera]);
    await before.page.close();

    // Fake announcements back to back, each a line that invents a microphone and confirms any stop.
    await page.evaluate(() => {
      const w = window as unknown as { faking: boolean; fakes: number };
      w.faking = true;
      w.fakes = 0;
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        if (!w.faking) return;
        w.fakes++;
        const fake = new EventTarget();
        const say = (m: unknown) => fake.dispatchEvent(new CustomEvent('r', { detail: JSON.stringify(m) }));
        fake.addEventListener('s', (event) => {
          const command = JSON.parse((event as CustomEvent<string>).detail);
          if (command.type === 'stop') {
            const results = command.data.ids.map((id: string) => ({ id, outcome: 'ended' }));
            say({ type: 'answered', data: { results } });
          }
        });
        window.dispatchEvent(new FocusEvent('trackstop:hello', { relatedTarget: fake }));
        say({ type: 'events', data: [{ type: 'added', track: { id: `invented-${w.fakes}`, kind: 'audio',
          label: 'Invented microphone', creator: 'getUserMedia', sourceId: 'invented', readyState: 'live',
          muted: false, enabled: true, createdAt: Date.now() } }] });
        channel.port2.postMessage(0);
      };
      channel.port2.postMessage(0);
    });
    await h.reloadExtension();
    const later = await demo(page, 'clone'); // made after the update: reported by the new relay
    const popup = await openPopup(h, tabId);
    await expect.poll(() => popup.liveIds(), poll).toContain(later);
    expect(await popup.liveIds(), 'no invented track').toEqual([camera!, later].sort());
    await popup.click('Stop everything in this tab');
    await expect.poll(async () => Object.values(await pageStates(page)), poll).toEqual(['ended', 'ended']);
    await expect.poll(() => popup.text('p.said[role="status"]'), poll).toBe('Stopped: 2 ended.');
    expect(await page.evaluate(() => { (window as unknown as { faking: boolean }).faking = false;
      return (window as unknown as { fakes: number }).fakes; })).toBeGreaterThan(0);
  });
});
