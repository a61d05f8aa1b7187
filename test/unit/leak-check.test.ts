/**
 * The leak check's runner side without a browser (leak-check/src/): the readers' answers become the extension's
 * records, flags and words; the hub never waits for ever.
 */
import { describe, expect, it } from 'vitest';
import { resultOf } from '../../leak-check/src/check';
import { Hub, LeakCheckError, parseAnswer } from '../../leak-check/src/hub';
import { leaksMessage } from '../../leak-check/src/message';
import type { TrackInfo } from '../../src/model';

const NOW = 1_000_000;
const track = (over: Partial<TrackInfo>): TrackInfo => ({
  id: 't1', kind: 'video', label: 'cam', creator: 'getUserMedia', sourceId: 'device:video:a', readyState: 'live',
  muted: false, enabled: true, createdAt: NOW - 10, sinks: [],
  idleSince: NOW - 10, stack: 'Error\n    at join (https://app.test/app.js:12:7)', ...over });
const answer = (tracks: TrackInfo[], isTop = true, origin = 'https://app.test') => ({
  t: 'snapshot' as const, req: '1', doc: `d${Math.random()}`, url: `${origin}/`, origin, isTop,
  lines: [[JSON.stringify({ type: 'snapshot', data: tracks })]] });

describe('resultOf', () => {
  it('flags a live track that feeds nothing, in the extension\'s words, with its app frame', () => {
    const { leaks } = resultOf([answer([track({})])], { url: 'https://app.test/' }, {}, NOW);
    expect(leaks).toHaveLength(1);
    expect(leaks[0]).toMatchObject({ id: 't1', kind: 'video', label: 'cam', reason: 'Leak: feeds nothing for 0 s',
      appFrames: ['https://app.test/app.js:12:7'] });
  });

  it('flags a clone whose original is gone as "outlived its original"', () => {
    const clone = track({ id: 't2', creator: 'clone', parentId: 't1', sinks: [{ kind: 'element', name: 'video' }],
      idleSince: undefined });
    expect(resultOf([answer([clone])], { url: 'x' }, {}, NOW).leaks[0]!.reason).toBe('Leak: outlived its original');
  });

  it('lets settleMs, kinds and ignore leave tracks out', () => {
    const both = [answer([track({}), track({ id: 'm', kind: 'audio', label: 'mic', sourceId: 'device:audio:a' })])];
    expect(resultOf(both, { url: 'x' }, { settleMs: 60_000 }, NOW).leaks).toEqual([]);
    expect(resultOf(both, { url: 'x' }, { kinds: ['microphone'] }, NOW).leaks.map((l) => l.id)).toEqual(['m']);
    expect(resultOf(both, { url: 'x' }, { ignore: ['cam'] }, NOW).leaks.map((l) => l.id)).toEqual(['m']);
    expect(resultOf(both, { url: 'x' }, { ignore: (t) => t.kind === 'audio' }, NOW).leaks.map((l) => l.id))
      .toEqual(['t1']);
  });

  it('keeps tracks of frames apart, the top document as frame 0', () => {
    const result = resultOf([answer([track({})], false, 'https://other.test'), answer([track({})])], { url: 'x' }, {},
      NOW);
    expect(result.report.frames.map((f) => [f.frameId, f.origin])).toEqual([[0, 'https://app.test'],
      [1, 'https://other.test']]);
    expect(leaksMessage(result, 'x')).toContain('2 track(s) in x look leaked');
  });
});

describe('Hub', () => {
  it('ignores what is not a reader\'s message', () => {
    expect(parseAnswer('{"t":"hello"}')).toBeUndefined();
    expect(parseAnswer('not json')).toBeUndefined();
  });

  it('ends a check whose document never answers with a message', async () => {
    const hub = new Hub();
    void hub.onCall(JSON.stringify({ t: 'hello', doc: 'a', url: 'https://app.test/', origin: 'https://app.test',
      isTop: true }));
    await expect(hub.collect(50)).rejects.toThrow(LeakCheckError);
  });

  it('gives a document that may be gone only a short grace', async () => {
    const hub = new Hub();
    void hub.onCall(JSON.stringify({ t: 'hello', doc: 'a', url: 'https://app.test/', origin: 'https://app.test',
      isTop: true }));
    hub.markStale('https://elsewhere.test/');
    await expect(hub.collect(5000)).resolves.toEqual([]);
  });
});
