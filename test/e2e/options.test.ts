/**
 * The options page changes what Trackstop does, in Chromium and Firefox: with "Tell the page" on (the default) a
 * forced stop fires `ended` on the track, as a revoked permission does; turned off in the options page, it does not.
 */
import { expect, it } from 'vitest';
import {
  type Harness, type TestPage, demo, eachBrowser, openPopup, pageStates, poll, popupOf, waitFor,
} from './harness';

/** Stops the page's camera from the popup and returns how many `ended` events the page heard. */
async function stopAndCountEnded(h: Harness, page: TestPage): Promise<number> {
  const [camera] = await demo(page, 'camera');
  await page.evaluate((id) => {
    const w = window as unknown as { heard: number; demo: { track(id: string): MediaStreamTrack } };
    w.heard = 0;
    // An event handler, not addEventListener: Firefox calls only the handler for an `ended` a script dispatches.
    w.demo.track(id).onended = () => { w.heard++; };
  }, camera!);
  const popup = await openPopup(h, await h.tabIdOf(page));
  await expect.poll(() => popup.count(popup.row(camera!)), poll).toBe(1);
  await popup.click('Stop', { isPrefix: true, scope: popup.row(camera!) });
  await expect.poll(async () => (await pageStates(page))[camera!], poll).toBe('ended');
  await expect.poll(() => popup.text(`${popup.row(camera!)} .result`), poll).toBe('Stop: ended');
  await popup.page.close();
  // The event is dispatched in the same task as the stop, before the answer leaves the page.
  return page.evaluate(() => (window as unknown as { heard: number }).heard);
}

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
