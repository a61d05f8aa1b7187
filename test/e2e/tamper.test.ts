/**
 * Page code that runs after the shim may replace or freeze any built-in, or wrap the wrapped functions again as
 * webrtc-adapter does. Tracking and the forced stop must not notice: in a frame that tampered with one group of
 * built-ins, every track the frame made is listed live, and "Stop everything in this tab" ends every one of them.
 */
import { expect, it } from 'vitest';
import { type TestPage, eachBrowser, openPopup, poll } from './harness';

const TAMPERS = [
  'stop-noop', 'clone-rewrapped', 'adapter', 'functions', 'arrays', 'collections', 'promises', 'events', 'json',
  'object-prototype', 'freeze', 'globals', 'text', 'proxy-traps', 'fake-ended',
];

type TamperApi = { outcome(): string | undefined; states(): Record<string, string> };
const inPage = <R>(page: TestPage, fn: (api: TamperApi) => R) =>
  page.evaluate(`(${fn})(window.tamper)` as never) as Promise<R>;

eachBrowser((harness) => {
  for (const tamper of TAMPERS) {
    it(`tracks and stops every track after the page tampers: ${tamper}`, async () => {
      const h = harness();
      const page = await h.open(`tamper.html?tamper=${tamper}`);
      await expect.poll(() => inPage(page, (api) => api.outcome()), poll).toBe('done');
      const states = await inPage(page, (api) => api.states());
      // Camera, microphone, a clone, a canvas track and one more added to a stream of the page's own.
      expect(Object.values(states)).toEqual(['live', 'live', 'live', 'live', 'live']);

      const popup = await openPopup(h, await h.tabIdOf(page));
      for (const id of Object.keys(states)) await expect.poll(() =>
        popup.count(`li.track.live[data-track-id="${id}"]`), poll).toBe(1);
      await popup.click('Stop everything in this tab');
      await expect.poll(() => inPage(page, (api) => Object.values(api.states()).every((s) => s === 'ended')),
        poll).toBe(true);
      await popup.page.close();
      await page.close();
    });
  }
});
