import { describe, expect, it } from 'vitest';
import { LIMITS, parseShimCommand } from '../../src/page-world';
import {
  parseBackgroundPortMessage, parseBackgroundRequest, parseContentCommand, parseRelayPageMessage,
  parseRelayPortMessage, parseUiMessage, parseWatchMessage,
} from '../../src/protocol';
import { track } from './fixtures';

const validators = {
  parseRelayPageMessage, parseShimCommand, parseBackgroundPortMessage, parseRelayPortMessage,
  parseContentCommand, parseBackgroundRequest, parseWatchMessage, parseUiMessage,
};

const hostile: unknown[] = [
  undefined, null, 0, NaN, '', 'x', '{', '[]', '{}', 'null', '"stop"', [], {}, () => {}, Symbol('s'), 10n,
  Object.create(null), new Date(), /re/, new Map(), Object.create({ type: 'events', data: [] }),
  { type: 'events' }, { type: 'events', data: 'no' }, { type: '__proto__', data: {} }, { type: 'constructor',
    data: {} },
  { type: 'toString', data: {} }, { type: 'stop', data: { scope: 'tab', tabId: -1 } },
  { type: 'stop', data: { scope: 'tab', tabId: 1.5 } }, { type: 'getState', data: { tabId: '1' } },
  new Proxy({}, { get() { throw new Error('trap'); }, getOwnPropertyDescriptor() { throw new Error('trap'); } }),
  new Proxy([], { get() { throw new Error('trap'); } }),
  Object.defineProperty({}, 't', { get() { throw new Error('getter'); }, enumerable: true }),
  JSON.stringify({ type: 'events', data: [{ type: 'added', track: { id: 1 } }] }),
  JSON.stringify({ type: 'stop', data: { ids: ['a'.repeat(LIMITS.id + 1)], dispatchEnded: true } }),
  JSON.stringify({ type: 'snapshot', data: null }), JSON.stringify({ type: 'snapshot' }),
  'x'.repeat(LIMITS.pageMessage + 1),
];

describe('validators', () => {
  it.each(Object.entries(validators))('%s returns nothing for hostile input and never throws', (_, parse) => {
    for (const input of hostile) expect(() => parse(input)).not.toThrow();
    for (const input of hostile) expect(parse(input)).toBeUndefined();
  });

  it('accepts a well-formed shim report and drops unknown keys', () => {
    const info = { ...track({ id: 'a' }), extra: '<script>' };
    const parsed = parseRelayPageMessage(JSON.stringify({ type: 'events', data: [{ type: 'added', track: info }],
      more: 1 }));
    expect(parsed).toEqual({ type: 'events', data: [{ type: 'added', track: track({ id: 'a',
      createdAt: info.createdAt }) }] });
  });

  it('cuts long labels and stacks instead of rejecting them', () => {
    const info = track({ label: 'L'.repeat(10_000), stack: 'S'.repeat(100_000) });
    const parsed = parseRelayPageMessage(JSON.stringify({ type: 'events', data: [{ type: 'added', track: info }] }));
    const got = parsed?.type === 'events' && parsed.data[0]?.type === 'added' ? parsed.data[0].track : undefined;
    expect(got?.label.length).toBe(LIMITS.label);
    expect(got?.stack?.length).toBe(LIMITS.stack);
  });

  it('rejects a whole batch when one event is bad', () => {
    const events = [{ type: 'added', track: track() }, { type: 'added', track: { ...track(), kind: 'smell' } }];
    expect(parseRelayPageMessage(JSON.stringify({ type: 'events', data: events }))).toBeUndefined();
  });

  it('rejects more events than one message may carry', () => {
    const events = Array.from({ length: LIMITS.eventsPerMessage + 1 }, () => ({ type: 'ended', id: 'a', at: 1,
      by: 'page' }));
    expect(parseBackgroundPortMessage({ type: 'report', data: { events, dropped: {} } })).toBeUndefined();
  });

  it.each([
    [{ type: 'snapshot', data: {} }, { type: 'snapshot', data: {} }],
    [{ type: 'line', data: { extra: 1 } }, { type: 'line', data: {} }],
    [{ type: 'door', data: { toRelay: 'a', toShim: 'b', extra: 1 } },
      { type: 'door', data: { toRelay: 'a', toShim: 'b' } }],
    [{ type: 'door', data: { toRelay: 'a' } }, undefined],
    [{ type: 'door', data: { toRelay: 'a', toShim: 'x'.repeat(LIMITS.id + 1) } }, undefined],
    [{ type: 'stop', data: { ids: ['a'], dispatchEnded: true } },
      { type: 'stop', data: { ids: ['a'], dispatchEnded: true } }],
    [{ type: 'pause', data: { ids: ['a', 'b'], isPaused: false } },
      { type: 'pause', data: { ids: ['a', 'b'], isPaused: false } }],
    [{ type: 'pause', data: { ids: ['a'], dispatchEnded: true } }, undefined],
    [{ type: 'stop', data: { ids: ['a'], isPaused: true } }, undefined],
    [{ type: 'pause', data: { ids: [1], isPaused: true } }, undefined],
  ])('reads the relay command %j in the shim as %j', (command, expected) => {
    expect(parseShimCommand(JSON.stringify(command))).toEqual(expected);
  });

  it.each([
    [{ type: 'getState', data: { tabId: 3 } }],
    [{ type: 'stop', data: { scope: 'track', tabId: 3, frameId: 0, trackId: 'a' } }],
    [{ type: 'stop', data: { scope: 'source', tabId: 3, sourceKey: '0/device:video:x' } }],
    [{ type: 'stop', data: { scope: 'all' } }],
    [{ type: 'stop', data: { scope: 'devices', tabId: 4 } }],
    [{ type: 'pause', data: { target: { scope: 'tab', tabId: 3 }, isPaused: true } }],
  ])('accepts the extension-page request %j', (request) => {
    expect(parseBackgroundRequest(request)).toEqual(request);
  });
});
