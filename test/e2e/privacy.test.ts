/**
 * The privacy policy's proof (PRIVACY.md, "What Trackstop sends"): a full session in Chromium and Firefox (the
 * popup on a call with a leaked clone, a pause, a stop, Export report, the DevTools panel page, the options page
 * with a setting changed and the privacy policy it links to, and both keyboard shortcuts pressed for real) while
 * test/e2e/network-log.ts records every request of the extension's own pages and background. Any request that is
 * not to the extension itself, `data:`, `blob:` or a local file fails the test. The demo page's own requests (to
 * the test's localhost server) are the page's, not the extension's, and are not counted.
 * The shortcuts need a real window (Xvfb and xdotool, as in shortcuts.test.ts); without them the session runs
 * headless and "Stop everything everywhere" from the popup takes the shortcuts' place: it reaches the same stop path
 * in the background (the `all` target); the test says so.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BROWSERS, type Harness, demo, launchHarness, openPopup, pageStates, poll, popupOf, waitFor,
} from './harness';
import { type NetworkLog, type Request, recordExtensionRequests } from './network-log';
import { type XDisplay, startDisplay, whyNoDisplay } from './x-display';

const why = whyNoDisplay();
if (why) console.log(`privacy.test.ts: the shortcuts are not pressed (${why}); Stop everything everywhere instead`);

const isAllowed = (url: string) => /^(chrome-extension|moz-extension|data|blob|file):/.test(url);
/** A real HTTP request (to the test's own server) that the test makes from an extension page and the background:
 * the log must see both, or it could be blind to what it guards. The only request to the network that is allowed. */
const probeOf = (h: Harness) => `${h.baseUrl}/blank.html?network-log-probe`;

/** Export report saves into `dir` (not the person's Downloads): Chromium's DevTools protocol, kept attached as the
 * behaviour lasts only as long as its session; WebDriver BiDi's `browser.setDownloadBehavior` in Firefox. */
async function saveDownloadsIn(h: Harness, dir: string): Promise<void> {
  if (h.browser === 'chromium') {
    const cdp = await h.driver.target().createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: dir });
    return;
  }
  const bidi = (h.driver as unknown as { connection: { send(m: string, p: object): Promise<unknown> } }).connection;
  await bidi.send('browser.setDownloadBehavior', { downloadBehavior: { type: 'allowed', destinationFolder: dir } });
}

for (const name of BROWSERS) {
  describe(name, () => {
    let display: XDisplay | undefined;
    let h: Harness | undefined;
    let network: NetworkLog | undefined;
    let downloads = '';
    beforeAll(async () => {
      if (!why) display = await startDisplay();
      h = await launchHarness(name, display ? { display: display.name } : {});
      downloads = await mkdtemp(join(tmpdir(), 'trackstop-downloads-'));
      await saveDownloadsIn(h, downloads);
      network = await recordExtensionRequests(h);
    });
    afterAll(async () => {
      await network?.stop();
      await h?.close();
      display?.close();
      await rm(downloads, { recursive: true, force: true });
    });

    it('makes no request but to itself through a whole session', async () => {
      const started = performance.now();
      const page = await h!.open('demo.html');
      const [camera, microphone] = await demo(page, 'both');
      const clone = await demo(page, 'clone');
      const leak = await demo(page, 'leak');
      const tabId = await h!.tabIdOf(page);

      const popup = await openPopup(h!, tabId);
      await expect.poll(() => popup.count('li.track.live'), poll).toBe(4);
      await popup.click('Pause', { isPrefix: true, scope: popup.row(microphone!) });
      await expect.poll(() => popup.text(`${popup.row(microphone!)} .result`), poll).toBe('Pause: paused');
      await popup.click('Stop', { isPrefix: true, scope: popup.row(leak) });
      await expect.poll(async () => (await pageStates(page))[leak], poll).toBe('ended');
      await popup.click('Export report');
      await expect.poll(() => popup.text('.exported'), poll).toMatch(/^Saved trackstop-localhost-/);
      const report = (await popup.text('.exported')).slice('Saved '.length);
      await waitFor(async () => (await readdir(downloads)).includes(report), `${report} saved`);
      // The probe from a page of the extension's own (the log is live for pages).
      await popup.page.evaluate((url) => fetch(url).then(() => undefined), probeOf(h!));
      await popup.page.close();

      const panel = popupOf(await h!.openExtensionPage(`panel.html?tab=${tabId}`));
      await expect.poll(() => panel.count('article.panel-track'), poll).toBeGreaterThanOrEqual(3);
      await panel.page.close();

      const options = popupOf(await h!.openExtensionPage('options.html'));
      await waitFor(() => options.page.evaluate(() => !!document.querySelector('#dispatchEndedOnStop')), 'options');
      for (const said of ['Saved.', 'Saved.']) {
        await options.page.evaluate(() => document.querySelector<HTMLInputElement>('#dispatchEndedOnStop')!.click());
        await expect.poll(() => options.text('.said'), poll).toBe(said);
      }
      await options.page.evaluate(() => document.querySelector<HTMLAnchorElement>('.policy-link a')!.click());
      await waitFor(() => options.page.evaluate(() => location.pathname.endsWith('/privacy.html')
        && document.querySelector('h1')?.textContent === 'Trackstop privacy policy'), 'the privacy policy');
      await options.page.close();

      if (display) {
        await page.bringToFront();
        display.press('alt+shift+k');
        await expect.poll(async () => (await pageStates(page))[camera!], poll).toBe('ended');
        const other = await h!.open('demo.html');
        const [otherCamera] = await demo(other, 'camera');
        await waitFor(async () => (await openPopup(h!, await h!.tabIdOf(other)).then(async (p) => {
          const n = await p.count('li.track.live');
          await p.page.close();
          return n;
        })) === 1, 'the other tab\'s camera listed');
        await other.bringToFront();
        display.press('alt+shift+j');
        await expect.poll(async () => (await pageStates(other))[otherCamera!], poll).toBe('ended');
      } else {
        const everywhere = await openPopup(h!, tabId);
        await everywhere.click('Stop everything everywhere');
        await expect.poll(async () => (await pageStates(page))[camera!], poll).toBe('ended');
        await everywhere.page.close();
      }
      expect((await pageStates(page))[clone]).toBe('ended');

      const probe = probeOf(h!);
      await network!.probeBackground(probe);
      const requests: Request[] = await network!.requests();
      console.log(`${name}: ${requests.length} requests by the extension in ${
        ((performance.now() - started) / 1000).toFixed(1)} s, shortcuts ${display ? 'pressed' : 'not pressed'}`);
      // Both probes were seen: the log hears the extension's pages and its background.
      const probes = requests.filter((r) => r.url === probe).map((r) => new URL(r.context).pathname);
      expect(probes).toContain('/popup.html');
      expect(probes.some((path) => /background|_generated_background_page/.test(path))).toBe(true);
      expect(requests.filter((r) => r.url !== probe && !isAllowed(r.url))).toEqual([]);
      await page.close();
    }, 180_000);
  });
}
