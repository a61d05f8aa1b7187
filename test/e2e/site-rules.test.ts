/**
 * Rules per site, in Chromium and Firefox: a site added in the options page (a bad host name refused, with the
 * reason), its rule set there and read back after the page is loaded again; the site's own auto-stop delay releases
 * a hidden tab's camera while the global setting is off; and (where the policy folder is writable) an
 * administrator's site shows locked, in the words the page uses for locked settings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BROWSERS, EXTENSION_DIRS, type Harness, type TestPage, demo, eachBrowser, launchHarness, pageStates, poll, popupOf,
  waitFor,
} from './harness';
import { setPolicy, whyNoPolicy } from './policy';

async function openOptions(h: Harness): Promise<TestPage> {
  const options = await h.openExtensionPage('options.html');
  await waitFor(() => options.evaluate(() => !!document.getElementById('site-new')), 'the rules per site');
  return options;
}

/** Types into the site field and presses Add site, as a person does. */
async function addSite(options: TestPage, typed: string): Promise<void> {
  await options.evaluate((text) => { (document.getElementById('site-new') as HTMLInputElement).value = text; }, typed);
  await options.click('.site-add button[type="submit"]');
}

/** What the options page shows of a site's rule. */
const ruleShown = (options: TestPage, site: string) => options.evaluate((s) => {
  const card = document.querySelector(`li.site-rule[data-site="${s}"]`);
  if (!card) return undefined;
  const box = (part: string) => card.querySelector<HTMLInputElement>(`input[id$="-${part}"]`)!;
  return {
    camera: box('camera').checked, microphone: box('microphone').checked, screen: box('screen').checked,
    minutes: box('auto-stop').value, neverAlert: box('never-alert').checked,
    isLocked: card.querySelector('fieldset')!.disabled, hint: card.querySelector('.hint')?.textContent ?? '',
  };
}, site);

/** Sets a field of a site's card as a person does (a click, or a typed value and a change). */
async function setMinutes(options: TestPage, id: string, value: string): Promise<void> {
  await options.evaluate(([field, v]) => {
    const input = document.getElementById(field) as HTMLInputElement;
    input.value = v;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, [id, value] as [string, string]);
}

const saidIn = (options: TestPage) => popupOf(options).text('p.said');

eachBrowser((harness) => {
  it('adds a site, refuses a bad one, and reads its rule back after the page loads again', async () => {
    const h = harness();
    let options = await openOptions(h);
    await addSite(options, 'not a site!');
    await waitFor(async () => await popupOf(options).text('#site-new-error') !== '', 'the refusal');
    expect(await popupOf(options).text('#site-new-error'))
      .toBe('“not a site!” is not a site. Type a host name such as meet.example.com.');

    await addSite(options, 'https://Meet.Example.com/room');
    await waitFor(async () => await saidIn(options) === 'Rule for meet.example.com added.', 'the site added');
    await options.click('#rule-meet_example_com-camera');
    await waitFor(async () => (await ruleShown(options, 'meet.example.com'))?.camera === true, 'the camera held');
    await options.click('#rule-meet_example_com-never-alert');
    await waitFor(async () => (await ruleShown(options, 'meet.example.com'))?.neverAlert === true, 'never alert');
    await setMinutes(options, 'rule-meet_example_com-auto-stop', '2');
    await waitFor(async () => (await ruleShown(options, 'meet.example.com'))?.minutes === '2', 'the delay');
    await options.close();

    options = await openOptions(h);
    await expect.poll(() => ruleShown(options, 'meet.example.com'), poll).toEqual({ camera: true,
      microphone: false, screen: false, minutes: '2', neverAlert: true, isLocked: false,
      hint: 'Empty: the setting above. 0: never.' });
    await options.click('button[aria-label="Remove the rule for meet.example.com"]');
    await expect.poll(() => ruleShown(options, 'meet.example.com'), poll).toBeUndefined();
    await options.close();
  });

  it('auto-stops a hidden tab\'s camera after its site\'s own delay while the global setting is off', async () => {
    const h = harness();
    const options = await openOptions(h);
    await addSite(options, new URL(h.baseUrl).hostname);
    await waitFor(async () => (await saidIn(options)).endsWith('added.'), 'the site added');
    // Two seconds, in the page's minutes: short enough for a test, long enough to see the tab hidden first.
    await setMinutes(options, 'rule-localhost-auto-stop', String(2 / 60));
    await waitFor(async () => await saidIn(options) === 'Saved.', 'the delay saved');
    await options.close();

    const page = await h.open();
    const [camera] = await demo(page, 'camera');
    await h.hide(page);
    await expect.poll(async () => (await pageStates(page))[camera!], poll).toBe('ended');
  });
});

for (const name of BROWSERS) {
  const why = whyNoPolicy(name);
  if (why) console.log(`site-rules.test.ts: ${name}'s administrator's rule skipped: ${why}`);
  describe.skipIf(!!why)(`${name}, with an administrator's rule`, () => {
    let h: Harness | undefined;
    let removePolicy = () => {};
    beforeAll(async () => {
      removePolicy = setPolicy(name, { siteRules: { 'locked.example': { hold: ['microphone'], neverAlert: true } } },
        EXTENSION_DIRS.chromium);
      h = await launchHarness(name);
    });
    afterAll(async () => {
      await h?.close();
      removePolicy();
    });

    it('shows the administrator\'s site locked', async () => {
      const options = await openOptions(h!);
      // Chromium reads managed storage only once its policy loader has settled, a few seconds after it starts.
      await expect.poll(() => ruleShown(options, 'locked.example'), poll).toEqual({ camera: false, microphone: true,
        screen: false, minutes: '', neverAlert: true, isLocked: true, hint: 'Set by your administrator.' });
      expect(await options.evaluate(() => !!document.querySelector('button[aria-label$="locked.example"]')))
        .toBe(false);
    });
  });
}
