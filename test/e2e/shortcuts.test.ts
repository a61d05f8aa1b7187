/**
 * The keyboard shortcuts, pressed for real: the browser runs in a window on a virtual X display and xdotool presses
 * the keys, since no DevTools or WebDriver input reaches a browser's own shortcuts. Alt+Shift+K stops everything in
 * the tab in front, Alt+Shift+J everything everywhere, each read back in the pages and confirmed with a check mark
 * in the badge. The popup lists the keys set. In Chromium and Firefox; skipped, saying why, without Xvfb or xdotool.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BROWSERS, type Harness, badgeOf, demo, launchHarness, openPopup, pageStates, poll,
} from './harness';
import { type XDisplay, startDisplay, whyNoDisplay } from './x-display';

const why = whyNoDisplay();
if (why) console.log(`shortcuts.test.ts skipped: ${why}`);

for (const name of BROWSERS) {
  describe.skipIf(!!why)(name, () => {
    let display: XDisplay | undefined;
    let h: Harness | undefined;
    beforeAll(async () => {
      display = await startDisplay();
      h = await launchHarness(name, { display: display.name });
    });
    afterAll(async () => {
      await h?.close();
      display?.close();
    });

    const ended = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, 'ended']));

    it('stops everything in the tab in front on Alt+Shift+K, and confirms it in the badge', async () => {
      const other = await h!.open();
      const otherIds = await demo(other, 'microphone');
      const page = await h!.open();
      const ids = await demo(page, 'both');
      const tabId = await h!.tabIdOf(page);
      const popup = await openPopup(h!, tabId);
      await expect.poll(() => popup.count('li.track.live'), poll).toBe(2);
      expect(await popup.texts('.shortcuts kbd')).toEqual(['Alt+Shift+K', 'Alt+Shift+J']);
      await popup.page.close();

      await page.bringToFront();
      display!.press('alt+shift+k');
      await expect.poll(() => pageStates(page), poll).toEqual(ended(ids));
      await expect.poll(() => badgeOf(h!, tabId), poll).toBe('\u2713');
      expect(await pageStates(other)).toEqual({ [otherIds[0]!]: 'live' }); // only the tab in front
    });

    it('stops everything everywhere on Alt+Shift+J', async () => {
      const first = await h!.open();
      const firstIds = await demo(first, 'camera');
      const second = await h!.open();
      const secondIds = await demo(second, 'microphone');
      // Barrier: Trackstop knows both tabs' tracks before the key is pressed.
      const firstTab = await h!.tabIdOf(first);
      const popup = await openPopup(h!, await h!.tabIdOf(second));
      await expect.poll(() => popup.count('li.track.live'), poll).toBe(1);
      await expect.poll(() => popup.count(`li.other-tab[data-tab-id="${firstTab}"]`), poll).toBe(1);
      await popup.page.close();
      await second.bringToFront();
      display!.press('alt+shift+j');
      await expect.poll(() => pageStates(first), poll).toEqual(ended(firstIds));
      await expect.poll(() => pageStates(second), poll).toEqual(ended(secondIds));
    });
  });
}
