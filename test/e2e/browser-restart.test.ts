/**
 * A browser restart empties storage.session: whatever was live before is gone with its pages, and nothing stale
 * may be shown afterwards, in the popup or on a badge. The browser is restarted on the same profile, where the
 * driver can keep one (`can.reuseProfile`) and read the background's storage (`can.runInBackground`).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { type Harness, demo, describeWhereCan, launchHarness, openPopup, poll, waitFor } from './harness';

/** Everything the background keeps in storage.session, as the background reads it. */
const sessionState = (h: Harness) => h.inBackground(() =>
  (globalThis as unknown as { chrome: { storage: { session: { get(k: null): Promise<object> } } } })
    .chrome.storage.session.get(null));

describeWhereCan(['reuseProfile', 'runInBackground'], (name) => {
  it('shows nothing stale after the browser restarts', async () => {
    const profile = await mkdtemp(join(tmpdir(), 'trackstop-restart-'));
    try {
      const before = await launchHarness(name, { profile });
      const page = await before.open();
      await demo(page, 'both');
      const popup = await openPopup(before, await before.tabIdOf(page));
      await waitFor(async () => await popup.count('li.track.live') === 2, 'both tracks listed');
      // Saved shortly after the report (background/store.ts): there was something to lose.
      await expect.poll(async () => Object.keys(await sessionState(before)).length, poll).toBeGreaterThan(0);
      await before.close();

      const after = await launchHarness(name, { profile });
      try {
        expect(await sessionState(after)).toEqual({});
        const fresh = await after.open();
        const tabId = await after.tabIdOf(fresh);
        const view = await openPopup(after, tabId);
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
