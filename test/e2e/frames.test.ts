/**
 * Tracks in frames and across same-document navigation: the popup says which frame holds a track, a removed frame's
 * tracks are recorded as ended by unload, and pushState or a fragment change keeps every track.
 */
import { expect, it } from 'vitest';
import { type TestPage, demo, eachBrowser, openPopup, pageStates, poll } from './harness';

type FramesApi = {
  childOrigin: string; captureInChild(kind: string): Promise<string>; childStates(): Promise<Record<string, string>>;
  removeChild(): void;
};
const frames = <R>(page: TestPage, fn: (api: FramesApi) => R | Promise<R>) =>
  page.evaluate(`(${fn})(window.frames_)` as never) as Promise<R>;

eachBrowser((harness) => {
  it('shows the frame that holds a track, stops it there, and ends a removed frame\'s tracks by unload', async () => {
    const h = harness();
    const page = await h.open('frames.html');
    const [camera] = await demo(page, 'camera');
    const inFrame = await frames(page, (api) => api.captureInChild('audio'));
    const childOrigin = await frames(page, (api) => api.childOrigin);
    const popup = await openPopup(h, await h.tabIdOf(page));
    await expect.poll(() => popup.count('li.track.live'), poll).toBe(2);
    expect(await popup.text(popup.row(inFrame))).toContain(`in ${childOrigin}`);
    expect(await popup.text(popup.row(camera!))).not.toContain(' in http');

    const second = await frames(page, (api) => api.captureInChild('video'));
    await expect.poll(() => popup.count(popup.row(second)), poll).toBe(1);
    await popup.click('Stop ', { scope: popup.row(second), isPrefix: true });
    await expect.poll(() => popup.text(`${popup.row(second)} .result`), poll).toBe('Stop: ended');
    expect(await frames(page, (api) => api.childStates())).toEqual({ [inFrame]: 'live', [second]: 'ended' });

    await frames(page, (api) => api.removeChild());
    await expect.poll(() => popup.text(popup.row(inFrame)), poll).toMatch(/ended when its frame unloaded/);
    expect(await popup.count('li.track.live')).toBe(1);
    expect(await pageStates(page)).toEqual({ [camera!]: 'live' });
  });

  it('ends a frame\'s tracks by unload when the frame navigates away', async () => {
    const h = harness();
    const page = await h.open('frames.html');
    const [camera] = await demo(page, 'camera');
    const inFrame = await frames(page, (api) => api.captureInChild('video'));
    const popup = await openPopup(h, await h.tabIdOf(page));
    await expect.poll(() => popup.count('li.track.live'), poll).toBe(2);
    await page.evaluate(() => { (document.getElementById('child') as HTMLIFrameElement).src = '/blank.html'; });
    await expect.poll(() => popup.text(popup.row(inFrame)), poll).toMatch(/ended when its frame unloaded/);
    expect(await popup.count('li.track.live')).toBe(1);
    expect(await pageStates(page)).toEqual({ [camera!]: 'live' });
  });

  it('keeps tracks through pushState and fragment navigation', async () => {
    const h = harness();
    const page = await h.open();
    const ids = await demo(page, 'both');
    await page.evaluate(() => { history.pushState({}, '', '/elsewhere'); location.hash = '#moved'; });
    // Made after both navigations: once it is listed, whatever they caused has been reported and taken in.
    const fresh = await demo(page, 'clone');
    const popup = await openPopup(h, await h.tabIdOf(page));
    await expect.poll(() => popup.liveIds(), poll).toContain(fresh);
    expect(await popup.liveIds()).toEqual([...ids, fresh].sort());
  });
});
