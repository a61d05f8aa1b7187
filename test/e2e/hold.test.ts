/**
 * Stop and hold (issue #22), in Chromium and Firefox: the page's own retry on `ended` is refused with the error a
 * denied permission gives in the same browser without Trackstop; the popup says what is held and how often it refused;
 * a release lets the next request through; a reload keeps the hold from the page's first inline script on, another
 * site in the same tab does not; a cross-origin frame of a held tab is held; a page that asks again soon after a stop
 * without a hold is told of, with the hold on offer.
 */
import { expect, it } from 'vitest';
import {
  type Harness, type TestPage, badgeOf, cleanBrowser, eachBrowser, openPopup, poll, setSiteRules, storedHolds, waitFor,
} from './harness';

type Outcome = { granted?: string[]; refused?: { name: string; message: string; isDOMException: boolean } };
type HoldPage = { ask(c?: object): Promise<Outcome>; keepCamera(): Promise<Outcome>; askLegacy(): Promise<Outcome>;
  outcomes: Outcome[]; first: Promise<Outcome> };
const page$ = (page: TestPage) => ({
  ask: () => page.evaluate(() => (window as unknown as HoldPage).ask()),
  keepCamera: () => page.evaluate(() => (window as unknown as HoldPage).keepCamera()),
  askLegacy: () => page.evaluate(() => (window as unknown as HoldPage).askLegacy()),
  outcomes: () => page.evaluate(() => (window as unknown as HoldPage).outcomes),
  first: () => page.evaluate(() => (window as unknown as HoldPage).first),
});

/**
 * Visits hold.html?first in new tabs until its first request's outcome is what `isWanted` looks for, and returns that
 * tab: the barrier after a rule is saved, which the background hears of a moment later.
 */
async function visitUntil(h: Harness, isWanted: (first: Outcome) => boolean, what: string): Promise<TestPage> {
  let page: TestPage | undefined;
  await waitFor(async () => {
    await page?.close();
    page = await h.open('hold.html?first');
    return isWanted(await page$(page).first());
  }, what);
  return page!;
}

eachBrowser((harness, browser) => {
  const clean = cleanBrowser(browser);

  /**
   * What the same browser without Trackstop gives a page whose camera request is denied. The test profiles grant
   * every prompt (Chromium's fake UI, Firefox's `media.navigator.permission.disabled`), and neither lets a test set a
   * denied permission past that here; the browser's own denial left is the one for a frame of another origin that
   * its page did not allow the camera (Permissions Policy), which both browsers word as they word a person's denial.
   */
  async function deniedInCleanBrowser(): Promise<Outcome> {
    const page = await clean().open('denied.html');
    return page.evaluate(() => (window as unknown as { denied: Promise<Outcome> }).denied);
  }

  async function heldTab(h: Harness, path = 'hold.html') {
    const page = await h.open(path);
    const tabId = await h.tabIdOf(page);
    const first = await page$(page).keepCamera();
    expect(first.granted).toEqual(['video']);
    const popup = await openPopup(h, tabId);
    await expect.poll(() => popup.count('section.source'), poll).toBe(1);
    return { page, tabId, popup };
  }

  it('refuses the page\'s own retry as a denied permission does, says so, and a release lets the next through',
    async () => {
    const h = harness();
    const denied = await deniedInCleanBrowser();
    expect(denied.refused?.name).toBe('NotAllowedError');

    const { page, tabId, popup } = await heldTab(h);
    await popup.click('Stop and hold everything in this tab');
    // The page asked again on `ended`, as call apps do, through its own replaced getUserMedia: refused, as denied.
    await expect.poll(() => page$(page).outcomes(), poll).toHaveLength(2);
    expect((await page$(page).outcomes())[1]).toEqual(denied);
    expect(await page$(page).ask()).toEqual(denied);
    expect(await page$(page).askLegacy()).toEqual(browser === 'chromium' ? denied : { unsupported: true });
    const refusals = browser === 'chromium' ? 3 : 2;
    await expect.poll(() => popup.text('.held'), poll).toMatch(
      new RegExp(`^Held: camera — ${refusals} requests refused`));
    await expect.poll(() => badgeOf(h, tabId), poll).toBe('hold');
    // The microphone was not held: other kinds are not touched.
    const microphone = await page.evaluate(() => (window as unknown as HoldPage).ask({ audio: true }));
    expect(microphone.granted).toEqual(['audio']);

    await popup.click('Release', { isPrefix: true });
    await expect.poll(() => popup.count('.held'), poll).toBe(0);
    expect((await page$(page).ask()).granted).toEqual(['video']);
  });

  it('keeps the hold over a worker restart and a reload, from the page\'s first inline script on; another site in the '
    + 'tab is not held', async () => {
    const h = harness();
    const denied = await deniedInCleanBrowser();
    const { page, tabId, popup } = await heldTab(h);
    await popup.click('Stop and hold everything in this tab');
    // The page's retry was refused: the hold is in place, its gate registered and its state written, with the count.
    await expect.poll(() => page$(page).outcomes(), poll).toHaveLength(2);
    await expect.poll(async () => JSON.stringify(await storedHolds(h)), poll).toContain('"refused":{"camera":1}');
    await h.restartBackground();

    const url = new URL(page.url());
    url.searchParams.set('first', '');
    await page.goto(url.href);
    expect(await page$(page).first()).toEqual(denied);
    await expect.poll(async () => (await openPopup(h, tabId)).text('.held'), poll).toMatch(/^Held: camera — 2 requests refused/);

    // The same tab on another site (127.0.0.1 is another host than localhost): the hold ended with the site.
    const elsewhere = new URL(url.href);
    elsewhere.hostname = '127.0.0.1';
    await page.goto(elsewhere.href);
    expect((await page$(page).first()).granted).toEqual(['video']);
    await waitFor(async () => (await openPopup(h, tabId)).count('.held').then((n) => n === 0), 'the hold to end');
  });

  it('holds a cross-origin frame of a held tab', async () => {
    const h = harness();
    const page = await h.open('frames.html');
    const tabId = await h.tabIdOf(page);
    type Frames = { frames_: { captureInChild(kind: string): Promise<unknown> } };
    const inChild = () => page.evaluate(() => (window as unknown as Frames).frames_.captureInChild('video'));
    expect(typeof await inChild()).toBe('string');
    const popup = await openPopup(h, tabId);
    await expect.poll(() => popup.count('section.source'), poll).toBe(1);
    await popup.click('Stop and hold everything in this tab');
    await expect.poll(() => popup.count('.held'), poll).toBe(1);
    expect(await inChild()).toEqual(await deniedInCleanBrowser());

    // Another tab's popup lists the held tab, live or not, with its count and its own Release.
    const elsewhere = await openPopup(h, await h.tabIdOf(await h.open('blank.html')));
    const row = `li.other-tab[data-tab-id="${tabId}"]`;
    await expect.poll(() => elsewhere.text(`${row} .held-flag`), poll).toBe('Held: camera — 1 request refused');
    await elsewhere.click('Release the hold on', { isPrefix: true, scope: row });
    await expect.poll(() => elsewhere.count(`${row} .held-flag`), poll).toBe(0);
    expect(typeof await inChild()).toBe('string');
  });

  it('tells when a page takes the camera back soon after a stop, and offers the hold', async () => {
    const h = harness();
    const { page, popup } = await heldTab(h);
    await popup.click('Stop everything in this tab');
    await expect.poll(() => page$(page).outcomes(), poll).toHaveLength(2);
    expect((await page$(page).outcomes())[1]!.granted).toEqual(['video']);
    await expect.poll(() => popup.text('.retake'), poll).toMatch(/^The page took the camera back \d+ s after your stop/);
    await popup.click('Stop and hold the camera in this tab');
    await expect.poll(() => popup.text('.held'), poll).toMatch(/^Held: camera — 1 request refused/);
    expect(await page$(page).outcomes()).toHaveLength(3);
  });

  it('applies a site\'s rule to always hold the camera on the next visit, and no longer once it is gone', async () => {
    const h = harness();
    const denied = await deniedInCleanBrowser();
    // As the options page saves it (src/site-rules.ts): the test pages are served from localhost.
    await setSiteRules(h, { localhost: { hold: ['camera'] } });
    // The background hears of the rule, and registers its gate, a moment after the options page saved it: the barrier
    // is a visit whose first request is refused (a rule that never applies fails here, on the barrier's limit).
    const page = await visitUntil(h, (first) => first.refused !== undefined, 'a visit after the rule was saved');
    expect(await page$(page).first()).toEqual(denied);
    const microphone = await page.evaluate(() => (window as unknown as HoldPage).ask({ audio: true }));
    expect(microphone.granted).toEqual(['audio']);
    const popup = await openPopup(h, await h.tabIdOf(page));
    await expect.poll(() => popup.text('.held'), poll).toMatch(/^Held: camera — 1 request refused/);
    await setSiteRules(h, {});
    const later = await visitUntil(h, (first) => first.granted !== undefined, 'a visit after the rule was removed');
    expect((await page$(later).first()).granted).toEqual(['video']);
  });
});
