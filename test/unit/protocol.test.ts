import { describe, expect, it } from 'vitest';
import {
  LIMITS, parseBackgroundRequest, parseChannelNames, parseContentCommand, parseRelayReport, parseShimCommand,
  parseShimMessage,
} from '../../src/protocol';
import { track } from './fixtures';

const validators = { parseShimMessage, parseShimCommand, parseChannelNames, parseRelayReport, parseContentCommand, parseBackgroundRequest };

const hostile: unknown[] = [
  undefined, null, 0, NaN, '', 'x', '{', '[]', '{}', 'null', '"stop"', [], {}, () => {}, Symbol('s'), 10n,
  Object.create(null), new Date(), /re/, new Map(), Object.create({ t: 'events' }),
  { t: 'events' }, { t: 'events', events: 'no' }, { t: '__proto__' }, { type: 'constructor', data: {} },
  { type: 'toString', data: {} }, { type: 'stop', data: { scope: 'tab', tabId: -1 } },
  { type: 'stop', data: { scope: 'tab', tabId: 1.5 } }, { type: 'getState', data: { tabId: '1' } },
  new Proxy({}, { get() { throw new Error('trap'); }, getOwnPropertyDescriptor() { throw new Error('trap'); } }),
  new Proxy([], { get() { throw new Error('trap'); } }),
  Object.defineProperty({}, 't', { get() { throw new Error('getter'); }, enumerable: true }),
  JSON.stringify({ t: 'events', events: [{ e: 'added', track: { id: 1 } }] }),
  JSON.stringify({ t: 'stop', requestId: 'r', ids: ['a'.repeat(LIMITS.id + 1)], dispatchEnded: true }),
  'x'.repeat(LIMITS.pageMessage + 1),
];

describe('validators', () => {
  it.each(Object.entries(validators))('%s returns nothing for hostile input and never throws', (_, parse) => {
    for (const input of hostile) expect(() => parse(input)).not.toThrow();
    for (const input of hostile) expect(parse(input)).toBeUndefined();
  });

  it('accepts a well-formed shim report and drops unknown keys', () => {
    const info = { ...track({ id: 'a' }), extra: '<script>' };
    const parsed = parseShimMessage(JSON.stringify({ t: 'events', events: [{ e: 'added', track: info }], more: 1 }));
    expect(parsed).toEqual({ t: 'events', events: [{ e: 'added', track: track({ id: 'a', createdAt: info.createdAt }) }] });
  });

  it('cuts long labels and stacks instead of rejecting them', () => {
    const info = track({ label: 'L'.repeat(10_000), stack: 'S'.repeat(100_000) });
    const parsed = parseShimMessage(JSON.stringify({ t: 'events', events: [{ e: 'added', track: info }] }));
    const got = parsed?.t === 'events' && parsed.events[0]?.e === 'added' ? parsed.events[0].track : undefined;
    expect(got?.label.length).toBe(LIMITS.label);
    expect(got?.stack?.length).toBe(LIMITS.stack);
  });

  it('rejects a whole batch when one event is bad', () => {
    const events = [{ e: 'added', track: track() }, { e: 'added', track: { ...track(), kind: 'smell' } }];
    expect(parseShimMessage(JSON.stringify({ t: 'events', events }))).toBeUndefined();
  });

  it('rejects more events than one message may carry', () => {
    const events = Array.from({ length: LIMITS.eventsPerMessage + 1 }, () => ({ e: 'ended', id: 'a', at: 1, by: 'page' }));
    expect(parseRelayReport({ type: 'report', events, dropped: {} })).toBeUndefined();
  });

  it.each([
    [{ type: 'getState', data: { tabId: 3 } }],
    [{ type: 'stop', data: { scope: 'track', tabId: 3, frameId: 0, trackId: 'a' } }],
    [{ type: 'stop', data: { scope: 'source', tabId: 3, sourceKey: '0/device:video:x' } }],
    [{ type: 'stop', data: { scope: 'all' } }],
  ])('accepts the extension-page request %j', (request) => {
    expect(parseBackgroundRequest(request)).toEqual(request);
  });
});
