/**
 * The page world is hostile. A page script that imitates the shim, guesses channel names or posts messages must not
 * be able to stop a track or reach the background's commands.
 */
import { expect, it } from 'vitest';
import { demo, eachBrowser, openPopup, pageStates, poll } from './harness';

eachBrowser((harness) => it('ignores a page that imitates the shim and the relay', async () => {
  const h = harness();
  const page = await h.open();
  const ids = await demo(page, 'both');
  const tabId = await h.tabIdOf(page);
  const popup = await openPopup(h, tabId);
  await expect.poll(() => popup.count('li.track.live'), poll).toBe(2);

  const attempts = await page.evaluate(async ({ ids, extensionId }) => {
    const stop = { t: 'stop', ids, dispatchEnded: true };
    const ended = ids.map((id) => ({ type: 'ended', id, at: 1, by: 'page' }));
    const commands = [stop, { type: 'stop', data: { ids, dispatchEnded: true } },
      { type: 'stopTracks', data: { ids, dispatchEnded: true } }, { type: 'stop', data: { scope: 'all' } },
      { type: 'stop', data: { scope: 'tab', tabId: 0 } }, { type: 'line', data: {} }, { type: 'events', data: ended },
      { type: 'door', data: { toRelay: 'trackstop:evil-relay', toShim: 'trackstop:evil-shim' } }];
    const names = ['trackstop:hello', 'trackstop:stop', 'trackstop', 'stop', 'trackstop-relay', 'message'];
    // Announce a channel of our own, as the shim does, then speak on it and on every name we can think of.
    const fake = { toRelay: 'trackstop:evil-relay', toShim: 'trackstop:evil-shim' };
    for (const target of [window, document]) {
      target.dispatchEvent(new CustomEvent('trackstop:hello', { detail: JSON.stringify(fake) }));
      for (const name of [...names, fake.toRelay, fake.toShim]) {
        for (const command of commands) {
          target.dispatchEvent(new CustomEvent(name, { detail: JSON.stringify(command) }));
          target.dispatchEvent(new CustomEvent(name, { detail: command }));
        }
      }
    }
    for (const command of commands) window.postMessage(command, '*');
    // Hand the relay a line of our own, as the shim does at its first instant, and speak on it both ways.
    const line = new EventTarget();
    window.dispatchEvent(new FocusEvent('trackstop:hello', { relatedTarget: line }));
    for (const type of ['r', 's']) {
      for (const command of commands) line.dispatchEvent(new CustomEvent(type, { detail: JSON.stringify(command) }));
    }
    let reachedRuntime = false;
    type SendMessage = (extensionId: string, message: unknown) => Promise<unknown>;
    const runtime = (globalThis as { chrome?: { runtime?: { sendMessage?: SendMessage } } }).chrome?.runtime;
    if (runtime?.sendMessage) {
      try {
        await runtime.sendMessage(extensionId, { type: 'stop', data: { scope: 'all' } });
        reachedRuntime = true;
      } catch { /* refused, as it should be */ }
    }
    return { reachedRuntime };
  }, { ids, extensionId: h.browser === 'chromium' ? new URL(popup.page.url()).host : '' });

  // Made after every attempt: once it is listed, whatever the attempts reached has been reported and taken in.
  const fresh = await demo(page, 'clone');
  await expect.poll(() => popup.liveIds(), poll).toContain(fresh);
  expect(attempts.reachedRuntime).toBe(false);
  expect(Object.values(await pageStates(page))).toEqual(['live', 'live', 'live']);
  expect(await popup.liveIds()).toEqual([...ids, fresh].sort());
  expect(await popup.count('.result')).toBe(0);

  // And the real path still works afterwards.
  await popup.click('Stop everything in this tab');
  await expect.poll(async () => Object.values(await pageStates(page)), poll).toEqual(['ended', 'ended', 'ended']);
}));

eachBrowser((harness) => it('shows page-supplied strings as text, never as markup', async () => {
  const h = harness();
  const page = await h.open();
  const markup = '<img src=x onerror="document.title=\'owned\'">';
  const id = await page.evaluate(async (m) => {
    const named = { [m]: () => navigator.mediaDevices.getUserMedia({ video: { note: m } as MediaTrackConstraints }) };
    const stream = await named[m]!();
    (window as unknown as { kept: MediaStream }).kept = stream;
    return stream.getTracks()[0]!.id;
  }, markup);
  const popup = await openPopup(h, await h.tabIdOf(page));
  await expect.poll(() => popup.count(popup.row(id)), poll).toBe(1);
  await popup.page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  expect(await popup.text(`${popup.row(id)} .facts`)).toContain(markup);
  expect(await popup.count('img')).toBe(0);
  expect(await popup.page.evaluate(() => document.title)).toBe('Trackstop');
}));
