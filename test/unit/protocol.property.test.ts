/**
 * Property tests of every validator that takes data from a less trusted side: whatever it is given (10,000
 * generated cases each, half well-formed messages from test/unit/well-formed.ts and half hostile values), it returns
 * a value or undefined and never throws; what it returns parses again to itself; every well-formed message is
 * accepted; and each test counts what it accepted, so that the idempotence check cannot pass by never running.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseShimCommand } from '../../src/page-world';
import {
  parseBackgroundPortMessage, parseBackgroundRequest, parseContentCommand, parseRelayPageMessage,
  parseRelayPortMessage, parseStopReply, parseTrackInfo, parseUiMessage, parseWatchMessage,
} from '../../src/protocol';
import { wellFormed } from './well-formed';

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

type Parse = (x: unknown) => unknown;
const validators: Record<keyof typeof wellFormed, Parse> = {
  parseTrackInfo, parseBackgroundPortMessage, parseRelayPortMessage, parseContentCommand, parseBackgroundRequest,
  parseWatchMessage, parseUiMessage, parseStopReply, parseRelayPageMessage, parseShimCommand,
};
/** The validators that read JSON text: hostile input is any text, or hostile values as JSON. */
const TEXT_VALIDATORS: readonly string[] = ['parseRelayPageMessage', 'parseShimCommand'];
const hostileText = fc.oneof(fc.string(), hostile.map((v) => {
  try { return JSON.stringify(v) ?? ''; } catch { return ''; }
}));

/** At least this share of each validator's inputs is accepted: the well-formed half, less nothing. */
const MIN_ACCEPTED = 0.4;

describe('validators under generated input, half well-formed and half hostile', () => {
  it.each(Object.keys(validators) as (keyof typeof wellFormed)[])('%s never throws and is idempotent', (name) => {
    const parse = validators[name];
    const isText = TEXT_VALIDATORS.includes(name);
    // A value the text validators accept is parsed again from its JSON, as the next hop would receive it.
    const again = (value: unknown) => parse(isText ? JSON.stringify(value) : structuredClone(value));
    let accepted = 0;
    fc.assert(fc.property(fc.oneof(wellFormed[name] as fc.Arbitrary<unknown>, isText ? hostileText : hostile),
      (input) => {
        const once = parse(input);
        if (once === undefined) return;
        accepted++;
        expect(again(once)).toEqual(once);
      }), RUNS);
    console.log(`${name}: accepted ${accepted} of ${RUNS.numRuns}`);
    expect(accepted).toBeGreaterThanOrEqual(MIN_ACCEPTED * RUNS.numRuns);
  });

  it.each(Object.keys(validators) as (keyof typeof wellFormed)[])('%s accepts every well-formed message', (name) => {
    fc.assert(fc.property(wellFormed[name] as fc.Arbitrary<unknown>, (input) => {
      expect(validators[name](input)).toBeDefined();
    }), { numRuns: 1000 });
  });
});

it('keeps every event of a well-formed shim report', () => {
  fc.assert(fc.property(wellFormed.parseRelayPageMessage, (text) => {
    const sent = JSON.parse(text) as { type: string; data: unknown[] };
    const parsed = parseRelayPageMessage(text);
    expect(parsed?.type).toBe(sent.type);
    if (Array.isArray(sent.data)) expect(parsed?.data).toHaveLength(sent.data.length);
  }), { numRuns: 1000 });
});
