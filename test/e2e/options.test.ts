/**
 * The options page changes what Trackstop does, in Chromium and Firefox: with "Tell the page" on (the default) a
 * forced stop fires `ended` on the track, as a revoked permission does; turned off in the options page, it does not.
 */
import { expect, it } from 'vitest';
import { type Harness, eachBrowser, popupOf, stopAndCountEnded, waitFor } from './harness';

/** Sets the checkbox in the options page as a person would, and waits until it is saved. */
async function setCheck(h: Harness, id: string, isOn: boolean): Promise<void> {
  const options = await h.openExtensionPage('options.html');
  const page = popupOf(options);
  await waitFor(() => options.evaluate(() => !!document.querySelector('input[type="checkbox"]')), 'the options page');
  const isChecked = () => options.evaluate((i) => (document.getElementById(i) as HTMLInputElement).checked, id);
  if (await isChecked() !== isOn) await options.evaluate((i) => document.getElementById(i)!.click(), id);
  await waitFor(async () => await page.text('p.said') === 'Saved.' && await isChecked() === isOn, 'the setting saved');
  await options.close();
}

eachBrowser((harness) => {
  it('tells the page of a forced stop with an ended event, unless turned off in the options page', async () => {
    const h = harness();
    expect(await stopAndCountEnded(h, await h.open())).toBe(1);
    await setCheck(h, 'dispatchEndedOnStop', false);
    expect(await stopAndCountEnded(h, await h.open())).toBe(0);
    await setCheck(h, 'dispatchEndedOnStop', true);
    expect(await stopAndCountEnded(h, await h.open())).toBe(1);
  });
});
