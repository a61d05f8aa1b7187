/**
 * The leak debugger end to end, in Chromium and Firefox: what each track feeds, as the popup names it, and which
 * tracks it flags as leaked, against a page whose tracks are consumed in four different ways.
 */
import { expect, it } from 'vitest';
import { badgeColorOf, badgeOf, eachBrowser, openPopup, poll, setSettings, type TestPage } from './harness';

type Ids = { shown: string; sent: string; idle: string; orphan: string };
type More = { recorded: string; mic: string; heard: string };
type LeaksApi = {
  start(): Promise<Ids>; consumers(): Promise<More>; detachVideo(): void; closeCall(): void; stopRecorder(): void;
  states(): Record<string, string>;
};
const leaks = <K extends keyof LeaksApi>(page: TestPage, action: K) =>
  page.evaluate((a) => (window as unknown as { leaks: LeaksApi }).leaks[a]() as never, action) as
    Promise<Awaited<ReturnType<LeaksApi[K]>>>;

/** Short enough to keep the test quick, long enough that a track is reported well before it is flagged. */
const LEAK_DELAY_MS = 2000;

eachBrowser((harness) => {
  it('names each track\'s sinks, flags exactly the idle clone and the orphan, and a detach or a stop moves the flags',
    async () => {
      const h = harness();
      await setSettings(h, { leakDelayMs: LEAK_DELAY_MS });
      const page = await h.open('leaks.html');
      const ids = await leaks(page, 'start');
      const tabId = await h.tabIdOf(page);
      const popup = await openPopup(h, tabId);
      const sinks = (id: string) => popup.text(`${popup.row(id)} .sinks`);
      const flags = (id: string) => popup.texts(`${popup.row(id)} .leak strong`);

      await expect.poll(() => sinks(ids.shown), poll).toBe('shown in video#self');
      await expect.poll(() => sinks(ids.sent), poll).toBe('sent on peer connection 1');
      expect(await sinks(ids.idle)).toBe('feeds nothing');
      expect(await sinks(ids.orphan)).toBe('feeds nothing');
      // The orphan is flagged at once; the idle clone once it has fed nothing for the delay.
      await expect.poll(() => flags(ids.idle), poll).toEqual([expect.stringMatching(/^Leak: feeds nothing for \d+ s$/)]);
      // The orphan was made a moment after the idle clone, so it may cross the delay a popup tick later.
      await expect.poll(() => flags(ids.orphan), poll)
        .toEqual([expect.stringMatching(/^Leak: feeds nothing/), 'Leak: outlived its original']);
      expect(await flags(ids.shown)).toEqual([]);
      expect(await flags(ids.sent)).toEqual([]);
      expect(await popup.count('li.track.leaky')).toBe(2);
      await expect.poll(() => popup.text('main .summary p'), poll).toMatch(/; 2 look leaked$/);
      await expect.poll(() => badgeColorOf(h, tabId), poll).toEqual([176, 90, 0, 255]);

      await leaks(page, 'detachVideo');
      await expect.poll(() => sinks(ids.shown), poll).toBe('feeds nothing');
      await expect.poll(() => flags(ids.shown), poll).toEqual([expect.stringMatching(/^Leak: feeds nothing for/)]);
      expect(await flags(ids.sent)).toEqual([]);

      await popup.click('Stop ', { scope: popup.row(ids.idle), isPrefix: true });
      await expect.poll(() => leaks(page, 'states'), poll).toMatchObject({ idle: 'ended', shown: 'live',
        sent: 'live' });
      await expect.poll(() => popup.count(`${popup.row(ids.idle)}.leaky`), poll).toBe(0);
      await expect.poll(() => popup.count('li.track.leaky'), poll).toBe(2);
      await expect.poll(() => badgeOf(h, tabId), poll).toBe('4');
      await popup.page.close();
      await page.close();
      await setSettings(h, {});
    });

  it('names a recorder, Web Audio and an audio element; flags the call\'s tracks once call and recording end',
    async () => {
      const h = harness();
      await setSettings(h, { leakDelayMs: LEAK_DELAY_MS });
      const page = await h.open('leaks.html');
      const ids = await leaks(page, 'start');
      const more = await leaks(page, 'consumers');
      const popup = await openPopup(h, await h.tabIdOf(page));
      const sinks = (id: string) => popup.text(`${popup.row(id)} .sinks`);
      const flags = (id: string) => popup.texts(`${popup.row(id)} .leak strong`);

      await expect.poll(() => sinks(more.recorded), poll).toBe('recorded by MediaRecorder');
      await expect.poll(() => sinks(more.mic), poll).toBe('fed to Web Audio');
      await expect.poll(() => sinks(more.heard), poll).toBe('played in audio.remote');

      await leaks(page, 'closeCall');
      await leaks(page, 'stopRecorder');
      await expect.poll(() => sinks(ids.sent), poll).toBe('feeds nothing');
      await expect.poll(() => sinks(more.recorded), poll).toBe('feeds nothing');
      await expect.poll(() => flags(ids.sent), poll).toEqual(['Leak: its call has ended']);
      await expect.poll(() => flags(more.recorded), poll).toEqual(['Leak: its call has ended']);
      expect(await flags(more.mic)).toEqual([]);
      expect(await flags(more.heard)).toEqual([]);
      await popup.page.close();
      await page.close();
      await setSettings(h, {});
    });
});
