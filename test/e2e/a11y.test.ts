/**
 * axe-core's default rules, best practices included, find nothing on any extension page, in Chromium and Firefox,
 * light and dark: the popup (with tracks of its own, a paused one, a stop's result and another tab listed; a tab
 * whose page took its camera back, then held), the options page (with a rule per site and a refused site) and the
 * DevTools panel.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, type Harness, type TestPage, demo, launchHarness, openPopup, poll, waitFor } from './harness';

const axeSource = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

interface Violation { id: string; help: string; nodes: { target: string[] }[] }

/** Every violation axe finds on the page, with the elements it found it on. */
async function violationsOn(page: TestPage): Promise<string[]> {
  await page.evaluate((source) => { (0, eval)(source); }, axeSource);
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(c: Document): Promise<{ violations: Violation[] }> } }).axe;
    return (await axe.run(document)).violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes }));
  });
  return found.map((v) => `${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

for (const name of BROWSERS) {
  for (const colorScheme of ['light', 'dark'] as const) {
    describe(`${name}, ${colorScheme}`, () => {
      let h: Harness | undefined;
      beforeAll(async () => { h = await launchHarness(name, { colorScheme }); });
      afterAll(async () => { await h?.close(); });

      it('finds no violation on the popup, the options page or the DevTools panel', async () => {
        const other = await h!.open();
        await demo(other, 'microphone');
        const page = await h!.open();
        const [, camera] = await demo(page, 'both');
        await demo(page, 'clone');
        const tabId = await h!.tabIdOf(page);
        const popup = await openPopup(h!, tabId);
        await expect.poll(() => popup.count('li.track.live'), poll).toBe(3);
        await expect.poll(() => popup.count('li.other-tab'), poll).toBe(1);
        await popup.click('Pause', { isPrefix: true, scope: popup.row(camera!) });
        await expect.poll(() => popup.count('.result'), poll).toBe(1);
        expect(await popup.page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches))
          .toBe(colorScheme === 'dark');
        expect(await violationsOn(popup.page)).toEqual([]);

        // A held tab: the "Held:" notice and its Release, and a page that took its camera back, with the offer.
        const held = await h!.open('hold.html');
        await held.evaluate(() => (window as unknown as { keepCamera(): Promise<unknown> }).keepCamera());
        const heldPopup = await openPopup(h!, await h!.tabIdOf(held));
        await expect.poll(() => heldPopup.count('li.track.live'), poll).toBe(1);
        await heldPopup.click('Stop everything in this tab');
        await expect.poll(() => heldPopup.count('.retake button'), poll).toBe(1);
        expect(await violationsOn(heldPopup.page)).toEqual([]);
        await heldPopup.click('Stop and hold the camera in this tab');
        await expect.poll(() => heldPopup.count('.held button'), poll).toBe(1);
        expect(await violationsOn(heldPopup.page)).toEqual([]);

        const options = await h!.openExtensionPage('options.html');
        await waitFor(() => options.evaluate(() => !!document.getElementById('site-new')), 'the options page');
        // A rule per site and a refused one, so that the section is checked with a site's card and an error shown.
        await options.evaluate(() => {
          (document.getElementById('site-new') as HTMLInputElement).value = 'meet.example.com';
        });
        await options.click('.site-add button[type="submit"]');
        await waitFor(() => options.evaluate(() => !!document.querySelector('li.site-rule')), 'a site\'s rule');
        await options.evaluate(() => { (document.getElementById('site-new') as HTMLInputElement).value = 'no site'; });
        await options.click('.site-add button[type="submit"]');
        await waitFor(() => options.evaluate(() => !!document.getElementById('site-new-error')?.textContent),
          'the refusal');
        expect(await violationsOn(options)).toEqual([]);

        const panel = await h!.openExtensionPage(`panel.html?tab=${tabId}`);
        await waitFor(() => panel.evaluate(() => document.querySelectorAll('article.panel-track').length === 3),
          'the panel\'s tracks');
        expect(await violationsOn(panel)).toEqual([]);
      });
    });
  }
}
