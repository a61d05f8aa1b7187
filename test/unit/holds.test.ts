/**
 * The background's holds (background/holds.ts) over a fake `scripting` and a real store: what each frame is handed,
 * where the gate is registered, the verdict a gated document gets, and when a hold ends.
 */
import { describe, expect, it } from 'vitest';
import type { Scripting } from 'webextension-polyfill';
import { type ControlTarget, type HoldKind, asTabId } from '../../src/model';
import { GATE_ID, type Holds, createHolds, siteOf } from '../../background/holds';
import { createStore } from '../../background/store';
import { frame, track } from './fixtures';

function memoryArea() {
  const data: Record<string, unknown> = {};
  return {
    data,
    get: async () => ({ ...data }),
    set: async (items: Record<string, unknown>) => { Object.assign(data, structuredClone(items)); },
    remove: async (keys: string[]) => { for (const k of keys) delete data[k]; },
  };
}

/** `scripting` as holds.ts uses it: what was run in frames, and the one registration it keeps. */
function fakeScripting() {
  const pushed: { tabId: number; kinds: HoldKind[] }[] = [];
  let registered: Scripting.RegisteredContentScript | undefined;
  const scripting = {
    executeScript: async (injection: { target: { tabId: number }; args?: unknown[] }) => {
      pushed.push({ tabId: injection.target.tabId, kinds: injection.args![1] as HoldKind[] });
      return [];
    },
    getRegisteredContentScripts: async () => (registered ? [registered] : []),
    registerContentScripts: async ([script]: Scripting.RegisteredContentScript[]) => { registered = script; },
    updateContentScripts: async ([script]: Scripting.RegisteredContentScript[]) => { registered = script; },
    unregisterContentScripts: async () => { registered = undefined; },
  };
  return { scripting, pushed, matches: () => registered?.matches, gate: () => registered };
}

const tab = asTabId(1);

async function setUp({ url = 'https://meet.example/room', rules = {} as Record<string, HoldKind[]> } = {}) {
  const area = memoryArea();
  // As background/index.ts wires it: the gate follows every change of the state.
  const store = createStore(area, (before, after) => holds.changed(before, after), { writeDelayMs: 0 });
  const fake = fakeScripting();
  const urls = new Map<number, string>([[1, url]]);
  const stopped: ControlTarget[] = [];
  const holds: Holds = createHolds({
    store, scripting: fake.scripting as never, urlOf: async (id) => urls.get(id),
    stop: async (target) => { stopped.push(target); return []; },
    ruleHolds: (site) => rules[site] ?? [], ruleSites: () => Object.keys(rules),
  });
  // A camera in the top frame and a microphone in a frame of another host.
  await store.dispatch({ type: 'reported', from: frame(1, 0), dropped: {},
    events: [{ type: 'added', track: track({ id: 'cam' }) }] });
  await store.dispatch({ type: 'reported', from: { ...frame(1, 5), origin: 'https://widget.example:8443' },
    dropped: {}, events: [{ type: 'added', track: track({ id: 'mic', kind: 'audio', sourceId: 'device:audio:m' }) }] });
  return { area, store, holds, urls, stopped, ...fake };
}

describe('holds', () => {
  it('holds what the stop ends, hands it to every frame before the stop, gates the site and its frames', async () => {
    const { holds, pushed, matches, stopped, area, gate } = await setUp();
    await holds.hold({ scope: 'tab', tabId: tab });
    expect(pushed).toEqual([{ tabId: 1, kinds: ['camera', 'microphone'] }]);
    expect(stopped).toEqual([{ scope: 'tab', tabId: tab }]);
    // The tab's site, and the hosts of its frames' records (the fixture's top frame reports from example.test).
    expect(matches()).toEqual(['*://example.test/*', '*://meet.example/*', '*://widget.example/*']);
    expect(gate()).toMatchObject({ id: GATE_ID, js: ['gate.js'], runAt: 'document_start', allFrames: true });
    // Written before the stop: a worker that stops now loses nothing.
    expect(area.data.holds).toMatchObject({ 1: { site: 'meet.example', kinds: ['camera', 'microphone'] } });
  });

  it('holds one source\'s kind only, or the kinds the offer names', async () => {
    const { holds, store } = await setUp();
    await holds.hold({ scope: 'track', tabId: tab, frameId: frame(1, 0).frameId, trackId: 'cam' });
    expect(store.state.holds?.[tab]?.kinds).toEqual(['camera']);
    const other = await setUp();
    await other.holds.hold({ scope: 'tab', tabId: tab }, ['screen']);
    expect(other.store.state.holds?.[tab]?.kinds).toEqual(['screen']);
  });

  it('answers a gated document with its tab\'s hold, and ends the hold once the tab left the site', async () => {
    const { holds, urls, matches, store } = await setUp();
    await holds.hold({ scope: 'tab', tabId: tab });
    expect(await holds.verdictFor(frame(1, 5))).toEqual(['camera', 'microphone']);
    urls.set(1, 'https://elsewhere.example/');
    expect(await holds.verdictFor(frame(1, 0))).toEqual([]);
    expect(store.state.holds?.[tab]).toBeUndefined();
    await holds.settled();
    expect(matches()).toBeUndefined();
  });

  it('releases: frames are handed nothing (or the site\'s rule), and the gate goes with the last hold', async () => {
    const { holds, pushed, matches } = await setUp();
    await holds.hold({ scope: 'tab', tabId: tab });
    await holds.release(tab);
    expect(pushed.at(-1)).toEqual({ tabId: 1, kinds: [] });
    expect(matches()).toBeUndefined();
    const ruled = await setUp({ rules: { 'meet.example': ['camera'] } });
    await ruled.holds.syncGate();
    expect(ruled.matches()).toEqual(['*://meet.example/*']);
    expect(await ruled.holds.verdictFor(frame(1, 0))).toEqual(['camera']);
    await ruled.holds.release(tab);
    expect(ruled.pushed.at(-1)).toEqual({ tabId: 1, kinds: ['camera'] });
  });

  it('ends the hold when the tab navigates to another site, not within the site', async () => {
    const { holds, store } = await setUp();
    await holds.hold({ scope: 'tab', tabId: tab });
    await holds.navigated(tab, 'https://meet.example/other-room');
    expect(store.state.holds?.[tab]).toBeDefined();
    await holds.navigated(tab, 'https://evil.example/');
    expect(store.state.holds?.[tab]).toBeUndefined();
  });

  it('takes a closed held tab\'s hosts out of the gate', async () => {
    const { holds, store, matches } = await setUp();
    await holds.hold({ scope: 'tab', tabId: tab });
    expect(matches()).toEqual(['*://example.test/*', '*://meet.example/*', '*://widget.example/*']);
    await store.dispatch({ type: 'tabGone', tabId: tab });
    await holds.settled();
    expect(matches()).toBeUndefined();
  });

  it('binds a hold to the host of an http(s) page, or the origin of any other', () => {
    expect(siteOf('https://Meet.Example:8443/x')).toBe('meet.example');
    expect(siteOf('file:///home/a.html?x#y')).toBe('file:///home/a.html');
    expect(siteOf(`file:///${'a'.repeat(2000)}`)).toHaveLength(1024);
    expect(siteOf('not a url')).toBeUndefined();
  });
});
