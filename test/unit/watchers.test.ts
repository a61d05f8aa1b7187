import { expect, it, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { FRAME_MS, createWatchers } from '../../background/watchers';
import { asTabId } from '../../src/model';
import { type State, emptyState, reduce } from '../../src/state';
import { frame, track } from './fixtures';

function fakePort() {
  const sent: { type: string; data: { live?: unknown[]; tabs?: unknown[] } }[] = [];
  const port = { postMessage: (m: (typeof sent)[number]) => sent.push(m), onDisconnect: { addListener() {} } };
  return { port: port as unknown as Runtime.Port, sent };
}
const added = (state: State, id: string, tabId = 1) =>
  reduce(state, { type: 'reported', from: frame(tabId), events: [{ type: 'added', track: track({ id }) }],
    dropped: {} }, 1000);

it('sends a watched tab\'s view and the overview at once, then at most once a frame with every change since', () => {
  vi.useFakeTimers();
  try {
    const watchers = createWatchers((state) => Object.keys(state.tabs).map((tabId) => ({ tabId }) as never));
    const one = fakePort();
    const all = fakePort();
    watchers.watch(one.port, asTabId(1), emptyState());
    watchers.watchAll(all.port, emptyState());
    let state = emptyState();
    for (const id of ['a', 'b', 'c']) {
      const before = state;
      state = added(state, id);
      watchers.notify(before, state);
    }
    // On watching, then the first change at once; the next two wait for the end of the frame, and go together.
    expect(one.sent.map((m) => m.data.live?.length)).toEqual([0, 1]);
    vi.advanceTimersByTime(FRAME_MS - 1);
    expect(one.sent).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(one.sent.map((m) => m.data.live?.length)).toEqual([0, 1, 3]);
    expect(all.sent.map((m) => m.data.tabs)).toEqual([[], [{ tabId: '1' }], [{ tabId: '1' }]]);
    // Another tab's change, a frame later: the overview goes out at once, the watched tab's view does not.
    vi.advanceTimersByTime(FRAME_MS);
    watchers.notify(state, added(state, 'x', 2));
    expect(one.sent).toHaveLength(3);
    expect(all.sent).toHaveLength(4);
  } finally {
    vi.useRealTimers();
  }
});
