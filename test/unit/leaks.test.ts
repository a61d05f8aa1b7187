import { describe, expect, it } from 'vitest';
import { leakFlags, leaksOf, nextLeakIn } from '../../src/leaks';
import { leakText } from '../../src/leak-text';
import { asFrameId, type TrackRecord } from '../../src/model';
import { frame, track } from './fixtures';

const settings = { leakDelayMs: 5000, hiddenLeakMs: 0 };
const record = (over: Partial<TrackRecord> = {}): TrackRecord => ({ ...track(), ...frame(), ...over });
const video = { sinks: [{ kind: 'element' as const, name: 'video#self' }] };
const sent = { sinks: [{ kind: 'peer' as const, name: 'peer connection 1' }] };
const live = { isParentLive: true };

describe('leakFlags', () => {
  it.each([
    ['a track shown in a video', record({ ...video, createdAt: 0 }), live, 60_000, []],
    ['a track sent on a connection', record({ ...sent, createdAt: 0 }), live, 60_000, []],
    ['a track that fed nothing for less than the delay', record({ sinks: [], createdAt: 0 }), live, 4999, []],
    ['a track that has fed nothing since it was made', record({ sinks: [], createdAt: 0 }), live, 12_000,
      ['Leak: feeds nothing for 12 s']],
    ['a track whose sinks went 5 s ago', record({ sinks: [], createdAt: 0, idleSince: 55_000 }), live, 60_000,
      ['Leak: feeds nothing for 5 s']],
    ['a track whose video went 4 s ago', record({ sinks: [], createdAt: 0, idleSince: 56_000 }), live, 60_000, []],
    ['a track whose call ended', record({ sinks: [], createdAt: 0, idleSince: 1000, formerSinks: ['peer'] }), live,
      60_000, ['Leak: its call has ended']],
    ['a track whose recorder stopped', record({ sinks: [], createdAt: 0, idleSince: 1000,
      formerSinks: ['element', 'recorder'] }), live, 60_000, ['Leak: its call has ended']],
    ['a track that left a video only', record({ sinks: [], createdAt: 0, idleSince: 0, formerSinks: ['element'] }),
      live, 60_000, ['Leak: feeds nothing for 1 min']],
    ['a remote track shown nowhere', record({ creator: 'remote', sinks: [], createdAt: 0 }), live, 60_000, []],
    ['a clone whose original ended', record({ creator: 'clone', parentId: 'p', ...video, createdAt: 0 }),
      { isParentLive: false }, 1, ['Leak: outlived its original']],
    ['a clone whose original is live', record({ creator: 'clone', parentId: 'p', ...video, createdAt: 0 }), live, 1,
      []],
    ['an ended track', record({ readyState: 'ended', sinks: [], createdAt: 0 }), { isParentLive: false }, 60_000, []],
  ] as const)('%s', (_, r, context, now, texts) => {
    expect(leakFlags(r, context, now, settings).map((f) => leakText(f).text)).toEqual(texts);
  });

  it('flags a camera in a tab hidden past the setting, only when the rule is on, and never a screen capture', () => {
    const camera = record({ ...video, createdAt: 0 });
    const screen = record({ ...video, creator: 'getDisplayMedia', createdAt: 0 });
    const hidden = { isParentLive: true, hiddenSince: 0 };
    expect(leakFlags(camera, hidden, 600_000, settings)).toEqual([]);
    const on = { ...settings, hiddenLeakMs: 180_000 };
    expect(leakFlags(camera, hidden, 179_999, on)).toEqual([]);
    expect(leakFlags(camera, hidden, 180_000, on).map((f) => leakText(f).text))
      .toEqual(['Leak: holds the camera in a tab hidden for 3 min']);
    expect(leakFlags(screen, hidden, 180_000, on)).toEqual([]);
  });

  it('gives every flag a hint', () => {
    const r = record({ creator: 'clone', parentId: 'p', sinks: [], createdAt: 0 });
    const flags = leakFlags(r, { isParentLive: false }, 60_000, settings);
    expect(flags.map((f) => f.rule)).toEqual(['idle', 'orphan']);
    for (const flag of flags) expect(leakText(flag).hint).toMatch(/\w+.*\.$/);
  });
});

describe('leaksOf', () => {
  it('finds a clone\'s original among the live tracks of its own frame only', () => {
    const original = record({ id: 'o', ...video, createdAt: 0 });
    const clone = record({ id: 'c', creator: 'clone', parentId: 'o', ...video, createdAt: 0 });
    const elsewhere = { ...clone, frameId: asFrameId(3) };
    const leaks = leaksOf([original, clone, elsewhere], undefined, 1, settings);
    expect([...leaks.byTrack.keys()]).toEqual(['3/c']);
    expect(leaks.count).toBe(1);
    expect(leaksOf([clone], undefined, 1, settings).count).toBe(1);
  });
});

describe('nextLeakIn', () => {
  it('is the time until the first idle track reaches the delay, and none when all are consumed', () => {
    const idle = record({ sinks: [], createdAt: 1000 });
    const later = record({ sinks: [], createdAt: 0, idleSince: 3000 });
    expect(nextLeakIn([idle, later], undefined, 2000, settings)).toBe(4000);
    expect(nextLeakIn([record({ ...video })], undefined, 2000, settings)).toBeUndefined();
    // Already flagged: nothing more to wait for.
    expect(nextLeakIn([idle], undefined, 10_000, settings)).toBeUndefined();
  });
});
