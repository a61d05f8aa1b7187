/**
 * A browser restart empties storage.session: whatever was live before is gone with its pages, and nothing stale
 * may be shown afterwards, in the popup or on a badge. Chromium, restarted on the same profile: through chromium.ts
 * rather than the Harness, which launches every browser on a fresh profile.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Session, inWorker, launch, openPopup, tabIdOf } from './chromium';
import { BROWSERS, demo, poll, popupOf, waitFor } from './harness';

/** Everything the background keeps in storage.session, as the worker reads it. */
const sessionState = (session: Session) => inWorker(session, () =>
  (globalThis as unknown as { chrome: { storage: { session: { get(k: null): Promise<object> } } } })
    .chrome.storage.session.get(null));

describe.skipIf(!BROWSERS.includes('chromium'))('chromium', () => {
  it('shows nothing stale after the browser restarts', async () => {
    const profile = await mkdtemp(join(tmpdir(), 'trackstop-restart-'));
    try {
      const before = await launch({ profile });
      const page = await before.open();
      await demo(page, 'both');
      const popup = popupOf(await openPopup(before, await tabIdOf(before, page)));
      await waitFor(async () => await popup.count('li.track.live') === 2, 'both tracks listed');
      // Saved shortly after the report (background/store.ts): there was something to lose.
      await expect.poll(async () => Object.keys(await sessionState(before)).length, poll).toBeGreaterThan(0);
      await before.close();

      const after = await launch({ profile });
      try {
        expect(await sessionState(after)).toEqual({});
        const fresh = await after.open();
        const tabId = await tabIdOf(after, fresh);
        const view = popupOf(await openPopup(after, tabId));
        await expect.poll(() => view.text('main'), poll).toMatch(/Nothing is capturing in this tab/);
        expect(await view.count('li.track')).toBe(0);
      } finally {
        await after.close();
      }
    } finally {
      await rm(profile, { recursive: true, force: true });
    }
  });
});
