/**
 * Property tests of every validator that takes data from a less trusted side: whatever it is given (10,000+
 * generated cases each), it returns a value or undefined and never throws; what it returns parses again to itself;
 * and every well-formed message is accepted.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CREATORS, ENDERS } from '../../src/model';
import { LIMITS, parseShimCommand } from '../../src/page-world';
import {
  parseBackgroundPortMessage, parseBackgroundRequest, parseContentCommand, parseRelayPageMessage,
  parseRelayPortMessage, parseStopReply, parseTrackInfo, parseUiMessage, parseWatchMessage,
} from '../../src/protocol';

const RUNS = { numRuns: 10_000 };

/** Values of every shape, with the keys our messages use mixed in so that near-misses are common. */
const keys = fc.constantFrom('type', 'data', 'events', 'track', 'id', 'ids', 'scope', 'tabId', 'kind',
  'label', 'snapshot', 'dropped', 'results', '__proto__', 'constructor', 'toString');
const tags = fc.constantFrom('events', 'snapshot', 'stopped', 'stop', 'added', 'changed', 'ended', 'report',
  'getState', 'stopTracks', 'resync', 'track', 'source', 'tab', 'all', 'watch', 'live', 'video', 'audio');
const hostile = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' },
    fc.anything(), tags, fc.double(), fc.integer(), fc.string(), fc.constant(null), fc.constant(undefined),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(keys, fc.string()), tie('value'), { maxKeys: 6 })),
})).value;

const validators = {
  parseTrackInfo, parseBackgroundPortMessage, parseRelayPortMessage, parseContentCommand, parseBackgroundRequest,
  parseWatchMessage, parseUiMessage, parseStopReply,
};
const textValidators = { parseRelayPageMessage, parseShimCommand };

describe('validators under generated input', () => {
  it.each(Object.entries(validators))('%s never throws and is idempotent', (_, parse) => {
    fc.assert(fc.property(hostile, (input) => {
      const once = (parse as (x: unknown) => unknown)(input);
      if (once !== undefined) expect((parse as (x: unknown) => unknown)(structuredClone(once))).toEqual(once);
    }), RUNS);
  });

  it.each(Object.entries(textValidators))('%s never throws on any text or JSON', (_, parse) => {
    fc.assert(fc.property(fc.oneof(fc.string(), hostile.map((v) =>
      { try { return JSON.stringify(v) ?? ''; } catch { return ''; } })),
      (text) => { (parse as (x: unknown) => unknown)(text); }), RUNS);
  });
});

const trackInfo = fc.record({
  id: fc.string({ maxLength: LIMITS.id }), kind: fc.constantFrom('audio', 'video'), label: fc.string(),
  creator: fc.constantFrom(...CREATORS), sourceId: fc.string({ maxLength: LIMITS.id }),
  readyState: fc.constantFrom('live', 'ended'), muted: fc.boolean(), enabled: fc.boolean(),
  createdAt: fc.double({ noNaN: true, noDefaultInfinity: true }),
  endedBy: fc.constantFrom(...ENDERS),
}, { requiredKeys: ['id', 'kind', 'label', 'creator', 'sourceId', 'readyState', 'muted', 'enabled', 'createdAt'] });

it('accepts every well-formed shim report', () => {
  fc.assert(fc.property(fc.array(trackInfo, { maxLength: 5 }), (tracks) => {
    const message = { type: 'events', data: tracks.map((track) => ({ type: 'added', track })) };
    const parsed = parseRelayPageMessage(JSON.stringify(message));
    expect(parsed).toBeDefined();
    expect(parsed?.type === 'events' && parsed.data.length).toBe(tracks.length);
  }), RUNS);
});
