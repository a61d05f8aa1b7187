import { describe, expect, it } from 'vitest';
import {
  creatorText, dropsText, durationText, endedByText, frameOriginText, outcomeText, outcomesText,
  playStateText, shortId,
} from '../../src/format';
import { asFrameId, asTabId } from '../../src/model';

it.each([[0, '0 s'], [59_999, '59 s'], [60_000, '1 min'], [3_600_000, '1 h'], [90_000_000, '1 d'], [-5, '0 s']])(
  'durationText(%d) is %s', (ms, text) => expect(durationText(ms)).toBe(text));

it('shortens ids to eight characters', () => {
  expect(shortId('1234567890')).toBe('12345678…');
  expect(shortId('abc')).toBe('abc');
  expect(shortId('{d0704f31-bc04-481e}')).toBe('d0704f31…');
});

it.each([
  [{ outcome: 'ended' }, 'ended'], [{ outcome: 'already-ended' }, 'already ended'],
  [{ outcome: 'gone', reason: 'the frame no longer exists' }, 'gone: the frame no longer exists'],
  [{ outcome: 'failed', reason: 'stop() did not take' }, 'failed: stop() did not take'],
] as const)('outcomeText(%j)', (result, text) => expect(outcomeText(result)).toBe(text));

it('says who ended a track', () => {
  expect(endedByText('page')).toBe('by the page');
  expect(endedByText('extension')).toBe('by Trackstop');
  expect(endedByText(undefined)).toMatch(/not looking/);
});

it('names a clone by its parent', () => {
  expect(creatorText({ creator: 'clone', parentId: 'abcdef0123' })).toBe('clone of abcdef01…');
  expect(creatorText({ creator: 'getDisplayMedia' })).toBe('getDisplayMedia');
});

it('says how many messages were dropped and why', () => {
  expect(dropsText({})).toBe('');
  expect(dropsText({ rate: 10,
    malformed: 1 })).toBe('11 messages from this page dropped: 1 malformed, 10 sent too fast.');
});

describe('frameOriginText', () => {
  it('names an origin as it is, and an opaque one by the kind of frame', () => {
    expect(frameOriginText({ origin: 'https://a.example', url: 'https://a.example/x' })).toBe('https://a.example');
    expect(frameOriginText({ origin: 'null', url: 'data:text/html,<p>hi' })).toBe('a data: frame');
    expect(frameOriginText({ origin: 'null', url: 'http://localhost:8000/child.html' })).toBe('a sandboxed frame from http://localhost:8000');
    expect(frameOriginText({ origin: 'null', url: 'about:srcdoc' })).toBe('an about:srcdoc frame');
    expect(frameOriginText({ origin: undefined, url: 'about:blank#x' })).toBe('an about:blank frame');
    expect(frameOriginText({ origin: 'null', url: undefined })).toBe('a frame with an opaque origin');
    expect(frameOriginText({ origin: 'null', url: 'not a url' })).toBe('a frame with an opaque origin');
  });
});

it.each([
  [{ enabled: true, muted: false }, 'live'],
  [{ enabled: true, muted: true }, 'muted by the browser'],
  [{ enabled: false, muted: true, pausedBy: 'extension' }, 'paused by Trackstop'],
  [{ enabled: false, muted: false, pausedBy: 'page' }, 'paused by the page'],
  [{ enabled: false, muted: false }, 'paused by the page'],
] as const)('playStateText(%j) is %s', (track, text) => expect(playStateText(track)).toBe(text));

it('sums up a stop or a pause, like outcomes together', () => {
  const at = { tabId: asTabId(1), frameId: asFrameId(0) };
  expect(outcomesText('stop', [{ ...at, trackId: 'a', outcome: 'ended' }, { ...at, trackId: 'b', outcome: 'ended' },
    { ...at, trackId: 'c', outcome: 'gone', reason: 'the frame no longer exists' }]))
    .toBe('Stopped: 2 ended, 1 gone.');
  expect(outcomesText('pause', [{ ...at, trackId: 'a', outcome: 'paused' }])).toBe('Paused: 1 paused.');
  expect(outcomesText('resume', [])).toBe('Resumed: nothing was live.');
});

