/**
 * An administrator's settings (managed storage, set by browser policy) win over the person's and show locked in the
 * options page, in Chromium and Firefox: with "Tell the page" turned off by policy, the checkbox is off, disabled
 * and says who set it, and a forced stop fires no `ended` in the page. Where the policy folder is not writable (it
 * is the installation's; CI runs as root), the test is skipped and says why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BROWSERS, EXTENSION_DIRS, type Harness, launchHarness, popupOf, stopAndCountEnded, waitFor,
} from './harness';
import { setPolicy, whyNoPolicy } from './policy';

for (const name of BROWSERS) {
  const why = whyNoPolicy(name);
  if (why) console.log(`managed.test.ts: ${name} skipped: ${why}`);
  describe.skipIf(!!why)(name, () => {
    let h: Harness | undefined;
    let removePolicy = () => {};
    beforeAll(async () => {
      removePolicy = setPolicy(name, { dispatchEndedOnStop: false }, EXTENSION_DIRS.chromium);
      h = await launchHarness(name);
    });
    afterAll(async () => {
      await h?.close();
      removePolicy();
    });

    it('shows the administrator\'s setting locked in the options page, and follows it', async () => {
      const options = await h!.openExtensionPage('options.html');
      const text = (selector: string) => popupOf(options).text(selector);
      // Chromium reads managed storage only once its policy loader has settled, a few seconds after it starts.
      await waitFor(async () => (await text('.managed')).includes('set by your administrator'), 'the locked setting');
      expect(await options.evaluate(() => {
        const box = document.getElementById('dispatchEndedOnStop') as HTMLInputElement;
        return { checked: box.checked, disabled: box.disabled };
      })).toEqual({ checked: false, disabled: true });
      expect(await text('#dispatchEndedOnStop-hint')).toMatch(/^Set by your administrator\./);

      expect(await stopAndCountEnded(h!, await h!.open())).toBe(0);
    });
  });
}
