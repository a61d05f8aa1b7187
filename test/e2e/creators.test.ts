/**
 * Tracks that come from somewhere other than a capture call: canvas and element capture, a Web Audio destination,
 * a remote WebRTC receiver, a generator. Each is listed with what it is, and "Stop everything" ends each in the page.
 */
import { expect, it } from 'vitest';
import { type TestPage, eachBrowser, openPopup, poll } from './harness';

type Maker = 'canvas' | 'element' | 'webaudio' | 'remote' | 'generator';
const make = (page: TestPage, maker: Maker) =>
  page.evaluate((m) => (window as unknown as { creators: Record<Maker, () =>
    Promise<string[]> | string[]> }).creators[m](), maker);
const states = (page: TestPage) =>
  page.evaluate(() => (window as unknown as { creators: { states(): Record<string, string> } }).creators.states());

const KIND: Record<Maker, RegExp> = {
  canvas: /^canvas$/i, element: /^element capture$/i, webaudio: /^web audio$/i, remote: /^remote audio$/i,
  generator: /^generated video$/i,
};

eachBrowser((harness) => {
  it('lists canvas, element, Web Audio, remote and generated tracks, and stops every one', async () => {
    const h = harness();
    const page = await h.open('creators.html');
    const made: [Maker, string][] = [];
    for (const maker of Object.keys(KIND) as Maker[]) {
      for (const id of await make(page, maker)) made.push([maker, id]);
    }
    // A generator exists in Chromium only; every other maker must have made a track.
    expect(new Set(made.map(([m]) => m)).size).toBeGreaterThanOrEqual(4);
    const popup = await openPopup(h, await h.tabIdOf(page));
    // Chromium's element capture of the canvas stream makes new tracks with the canvas tracks' ids: such a track is
    // listed under its id and a "#n" suffix, so each track is looked for among the rows of its id.
    const kindsListed = (id: string) => popup.page.evaluate((trackId) => [...document.querySelectorAll('li.track')]
      .filter((li) => li.getAttribute('data-track-id')?.replace(/#\d+$/, '') === trackId)
      .map((li) => li.closest('section.source')?.querySelector('h3 .kind')?.textContent ?? ''), id);
    for (const [maker, id] of made) {
      await expect.poll(async () => (await kindsListed(id)).some((kind) => KIND[maker].test(kind)), { ...poll,
        message: maker }).toBe(true);
    }
    await popup.click('Stop everything in this tab');
    await expect.poll(async () => Object.values(await states(page)).every((s) => s === 'ended'), poll).toBe(true);
    expect(Object.keys(await states(page)).sort()).toEqual(made.map(([, id]) => id).sort());
  });
});
