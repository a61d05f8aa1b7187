/**
 * `npm run screenshot`: the README's pictures of the popup, light and dark, made with the e2e harness from a real
 * session: camera, microphone, a clone, a screen capture, and one track stopped from the popup.
 */
import { resolve } from 'node:path';
import { it } from 'vitest';
import { launch, openPopup, tabIdOf } from '../e2e/chromium';
import { demo } from '../e2e/harness';

const DOCS = resolve(__dirname, '../../docs');

it.each(['light', 'dark'] as const)('pictures the popup in %s mode', async (colorScheme) => {
  const session = await launch({ colorScheme });
  try {
    const page = await session.open();
    await demo(page, 'both');
    const clone = await demo(page, 'clone');
    await demo(page, 'screen');
    await page.evaluate((id) =>
      (window as unknown as { demo: { track(id: string): MediaStreamTrack } }).demo.track(id).stop(), clone);
    const tabId = await tabIdOf(session, page);
    const popup = await openPopup(session, tabId);
    await popup.setViewportSize({ width: 420, height: 600 });
    await popup.locator('section.source').nth(2).waitFor();
    await popup.getByRole('button', { name: /^Stop source / }).last().click();
    await popup.locator('.result').first().waitFor();
    await popup.locator('section.source details summary').last().click();
    await popup.screenshot({ path: `${DOCS}/popup-${colorScheme}.png`, fullPage: true });
  } finally {
    await session.close();
  }
});
