/**
 * Every kind of frame × every kind of track (test/pages/matrix.html): each track a frame makes is listed live in
 * the popup of its tab, and "Stop everything in this tab" ends it, read back in its own frame. What the browser
 * itself refuses in a kind of frame (capture in an opaque origin, say) is learned from the same browser without
 * Trackstop, and must be refused alike with it: Trackstop may not make a capture fail either.
 */
import { expect, it } from 'vitest';
import { type Harness, type TestPage, cleanBrowser, eachBrowser, openPopup, poll } from './harness';

type Made = { made: [string, string][]; refused: [string, string][]; origin: string };
type MatrixApi = {
  kinds: string[]; make(kind: string): Promise<Made>; states(): Promise<[string, string][]>;
  openWindow(): Promise<Made>;
};
const inMatrix = <R>(page: TestPage, fn: (api: MatrixApi) => R | Promise<R>) =>
  page.evaluate(`(${fn})(window.matrix)` as never) as Promise<R>;
const make = (page: TestPage, kind: string) => page.evaluate((k) =>
  (window as unknown as { matrix: MatrixApi }).matrix.make(k), kind);
const refusals = (m: Made) => m.refused.map(([creator]) => creator).sort();

/** The tab a page's window.open made. */
async function openedBy(h: Harness, openerTabId: number): Promise<number> {
  const helper = await h.openExtensionPage('popup.html?tab=-1');
  try {
    return await helper.evaluate(async (opener) => {
      type Tabs = { tabs: { query(q: object): Promise<{ id?: number; openerTabId?: number }[]> } };
      const g = globalThis as unknown as { browser?: Tabs; chrome: Tabs };
      for (let i = 0; i < 100; i++) {
        const tab = (await (g.browser ?? g.chrome).tabs.query({})).find((t) => t.openerTabId === opener);
        if (tab?.id !== undefined) return tab.id;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`no tab opened by ${opener}`);
    }, openerTabId);
  } finally {
    await helper.close();
  }
}

eachBrowser((harness, name) => {
  const clean = cleanBrowser(name);

  it('lists and stops every kind of track in every kind of frame', async () => {
    const h = harness();
    const page = await h.open('matrix.html');
    const reference = await clean().open('matrix.html');
    const kinds = await inMatrix(page, (api) => api.kinds);
    const made: Record<string, Made> = {};
    const table: string[] = [];
    for (const kind of kinds) {
      made[kind] = await make(page, kind);
      const expected = await make(reference, kind);
      expect(refusals(made[kind]!), `refused in ${kind}`).toEqual(refusals(expected));
      const creators = [...new Set(made[kind]!.made.map(([c]) => c))];
      const alike = expected.refused.length ? ` | refused by ${name} alike: ${refusals(expected).join(' ')}` : '';
      table.push(`${kind.padEnd(15)} made: ${creators.join(' ')}${alike}`);
    }
    const ids = Object.values(made).flatMap((m) => m.made.map(([, id]) => id));
    expect((await inMatrix(page, (api) => api.states())).map(([, state]) => state)).toEqual(ids.map(() => 'live'));

    // A track whose id another live track in its frame already has is listed under that id and a "#n" suffix.
    const popup = await openPopup(h, await h.tabIdOf(page));
    const listed = () => popup.liveIds();
    const missing = async () => {
      const live = await listed();
      const isListed = (id: string) => live.some((l) => l === id || l.startsWith(`${id}#`));
      return kinds.flatMap((kind) => made[kind]!.made.filter(([, id]) => !isListed(id))
        .map(([creator]) => `${creator} in ${kind}`));
    };
    await expect.poll(missing, poll).toEqual([]);
    const all = await listed();
    expect(all.filter((l) => !ids.includes(l.replace(/#\d+$/, ''))), 'listed, not made').toEqual([]);
    expect(all.length).toBe(ids.length);
    // Which frame holds a track: its origin, or for an opaque one what kind of frame it is.
    const shownOrigin = (id: string) => popup.page.evaluate((i) =>
      document.querySelector(`li.track[data-track-id="${i}"] .origin`)?.textContent ?? '', id);
    expect(await shownOrigin(made['cross-origin']!.made[0]![1])).toBe(`in ${made['cross-origin']!.origin}`);
    expect(await shownOrigin(made.data!.made[0]![1])).toBe('in a data: frame');
    await popup.click('Stop everything in this tab');
    const where = (id: string) => Object.entries(made)
      .flatMap(([kind, m]) => m.made.filter(([, i]) => i === id).map(([c]) => `${c} in ${kind}`));
    const stillLive = async () => (await inMatrix(page, (api) => api.states())).filter(([, s]) => s !== 'ended');
    await expect.poll(async () => (await stillLive()).map(([id]) => where(id).join(' or ')), poll).toEqual([]);
    const cells = new Set(Object.entries(made).flatMap(([kind, m]) => m.made.map(([c]) => `${kind}×${c}`)));
    console.log(`frame matrix in ${name}: ${cells.size} cells, ${ids.length} tracks listed and stopped\n`
      + table.join('\n'));
  });

  it('lists and stops the tracks of a window the page opened and scripted at once', async () => {
    const h = harness();
    const page = await h.open('matrix.html');
    const openerTabId = await h.tabIdOf(page);
    const { made } = await inMatrix(page, (api) => api.openWindow());
    expect(made.length).toBeGreaterThanOrEqual(6);
    const tabId = await openedBy(h, openerTabId);
    const popup = await openPopup(h, tabId);
    for (const [creator, id] of made) {
      await expect.poll(() => popup.count(`li.track.live[data-track-id^="${id}"]`), { ...poll, message: creator })
        .toBeGreaterThanOrEqual(1);
    }
    await popup.click('Stop everything in this tab');
    await expect.poll(async () => (await inMatrix(page, (api) => api.states())).filter(([, s]) => s !== 'ended'),
      poll).toEqual([]);
  });
});
