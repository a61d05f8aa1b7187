/**
 * Tracks posted to a worker. Neither Chromium 156 nor Firefox 153 can serialize a MediaStreamTrack (DataCloneError,
 * transfer list or not, even with Chromium's MediaStreamTrackTransfer feature switched on), so no track ever
 * reaches a worker here: what must hold is that posting fails exactly as it does without Trackstop, and the track
 * stays listed, live, and stoppable.
 */
import { expect, it } from 'vitest';
import { type TestPage, cleanBrowser, eachBrowser, openPopup, poll } from './harness';

/** Posts the page's camera track every way a page can; returns what each attempt did, and the track's state after. */
const postEveryWay = (page: TestPage) => page.evaluate(async () => {
  const [track] = (await navigator.mediaDevices.getUserMedia({ video: true })).getTracks();
  (window as unknown as { kept: MediaStreamTrack }).kept = track!;
  const worker = new Worker(URL.createObjectURL(new Blob(['onmessage = (e) => postMessage(String(e.data))'],
    { type: 'text/javascript' })));
  const { port1 } = new MessageChannel();
  const attempts: Record<string, () => void> = {
    'worker, copied': () => worker.postMessage(track),
    'worker, transferred': () => worker.postMessage(track, [track!]),
    'port, transferred': () => port1.postMessage({ track }, [track!]),
    structuredClone: () => structuredClone(track),
  };
  const outcomes: Record<string, string> = {};
  for (const [name, attempt] of Object.entries(attempts)) {
    try {
      attempt();
      outcomes[name] = 'posted';
    } catch (error) {
      outcomes[name] = `${(error as Error).name}: ${(error as Error).message}`;
    }
  }
  worker.terminate();
  return { outcomes, readyState: track!.readyState, id: track!.id };
});

eachBrowser((harness, name) => {
  const clean = cleanBrowser(name);

  it('posting a track to a worker fails as it does without Trackstop, and the track stays listed and stoppable',
    async () => {
    const h = harness();
    const expected = await postEveryWay(await clean().open('blank.html'));
    const page = await h.open('blank.html');
    const actual = await postEveryWay(page);
    expect(actual.outcomes).toEqual(expected.outcomes);
    expect(actual.readyState).toBe(expected.readyState);

    const popup = await openPopup(h, await h.tabIdOf(page));
    await expect.poll(() => popup.count(`li.track.live[data-track-id="${actual.id}"]`), poll).toBe(1);
    await popup.click('Stop everything in this tab');
    await expect.poll(() => page.evaluate(() => (window as unknown as { kept: MediaStreamTrack }).kept.readyState),
      poll).toBe('ended');
  });
});
