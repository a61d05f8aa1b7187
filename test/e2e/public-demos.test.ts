/**
 * Pages nobody here wrote: the public WebRTC samples (scripts/public-demos.mjs), old-style code with adapter.js,
 * legacy addStream and onaddstream. Each page is driven by its own buttons; its tracks are whatever it can reach
 * (globals, its peer connections' senders, receivers and streams, media elements' srcObject). Every live one must be
 * listed in the popup, and "Stop everything in this tab" must end every one, read back in the page.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type TestPage, eachBrowser, openPopup, poll } from './harness';
// @ts-expect-error: plain ES modules without types.
import { serve } from '../../scripts/serve.mjs';
// @ts-expect-error: plain ES modules without types.
import { publicDemosDir } from '../../scripts/public-demos.mjs';

/** Sample page → the buttons a person would press, in order. */
const DEMOS: Record<string, string[]> = {
  'getusermedia/gum': [], 'getusermedia/canvas': [], 'getusermedia/audio': [], 'getusermedia/filter': [],
  'getusermedia/volume': [], 'getusermedia/resolution': ['vga'], 'devices/input-output': [], 'devices/multi': [],
  'peerconnection/pc1': ['startButton', 'callButton'], 'peerconnection/audio': ['callButton'],
  'peerconnection/multiple': ['startButton', 'callButton'], 'peerconnection/constraints': ['getMedia', 'connect'],
  'peerconnection/multiple-relay': ['start', 'call'], 'peerconnection/states': ['startButton', 'callButton'],
  'peerconnection/webaudio-output': ['startButton', 'callButton'],
  'peerconnection/dtmf': ['callButton'], 'peerconnection/restart-ice': ['startButton', 'callButton'],
};
/** Samples written for one browser: this one calls `new webkitRTCPeerConnection()`. */
const CHROMIUM_ONLY: Record<string, string[]> = { 'peerconnection/webaudio-input': ['start'] };

/** Every track the page can reach, as [id, readyState]. */
const reachableTracks = (page: TestPage) => page.evaluate(() => {
  const found = new Set<MediaStreamTrack>();
  const addStream = (s: MediaStream) => { for (const t of s.getTracks()) found.add(t); };
  type OldPeer = RTCPeerConnection & { getLocalStreams?(): MediaStream[]; getRemoteStreams?(): MediaStream[] };
  const visit = (value: unknown, depth: number): void => {
    if (!value || typeof value !== 'object') return;
    if (value instanceof MediaStreamTrack) found.add(value);
    else if (value instanceof MediaStream) addStream(value);
    else if (value instanceof RTCPeerConnection) {
      const pc = value as OldPeer;
      for (const end of [...pc.getSenders(), ...pc.getReceivers()]) if (end.track) found.add(end.track);
      for (const s of [...(pc.getLocalStreams?.() ?? []), ...(pc.getRemoteStreams?.() ?? [])]) addStream(s);
    } else if (Array.isArray(value) && depth < 2) for (const item of value) visit(item, depth + 1);
  };
  for (const key of Object.getOwnPropertyNames(window)) {
    try { visit((window as unknown as Record<string, unknown>)[key], 0); } catch { /* a getter that throws */ }
  }
  for (const media of document.querySelectorAll('video, audio')) {
    const source = (media as HTMLMediaElement).srcObject;
    if (source instanceof MediaStream) addStream(source);
  }
  return [...found].map((t) => [t.id, t.readyState] as [string, string]);
});

/** Presses a button once the page has enabled it, as a person waits for it. */
async function press(page: TestPage, id: string): Promise<void> {
  await expect.poll(() => page.evaluate((i) => {
    const button = document.getElementById(i) as HTMLButtonElement | null;
    if (!button || button.disabled) return false;
    button.click();
    return true;
  }, id), { ...poll, message: `button #${id}` }).toBe(true);
}

eachBrowser((harness, browser) => {
  let demos: { url: string; close(): Promise<void> };
  beforeAll(async () => { demos = await serve(publicDemosDir()); });
  afterAll(async () => { await demos?.close(); });

  for (const [demo, buttons] of Object.entries({ ...DEMOS, ...(browser === 'chromium' && CHROMIUM_ONLY) })) {
    it(`lists and stops every track of the public sample ${demo}`, async () => {
      const h = harness();
      const page = await h.open('blank.html');
      await page.goto(`${demos.url}/content/${demo}/index.html`);
      for (const id of buttons) await press(page, id);
      // A page is done starting when the tracks it reaches stop growing.
      let live: string[] = [];
      await expect.poll(async () => {
        const before = live.length;
        live = (await reachableTracks(page)).filter(([, s]) => s === 'live').map(([id]) => id);
        return live.length > 0 && live.length === before;
      }, { ...poll, interval: 400 }).toBe(true);

      const popup = await openPopup(h, await h.tabIdOf(page));
      const unlisted = async () => {
        const listed = await popup.liveIds();
        return live.filter((id) => !listed.some((l) => l === id || l.startsWith(`${id}#`)));
      };
      await expect.poll(unlisted, poll).toEqual([]);
      await popup.click('Stop everything in this tab');
      await expect.poll(async () => (await reachableTracks(page)).filter(([, s]) => s !== 'ended'), poll).toEqual([]);
      console.log(`${demo}: ${live.length} live tracks listed and stopped`);
      await popup.page.close();
      await page.close();
    });
  }
});
