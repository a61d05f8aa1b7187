import { describe, expect, it } from 'vitest';
import type { TrackRecord } from '../../src/model';
import { captureClassOf, captureCountsOf, overviewOf } from '../../src/overview';
import { type Action, emptyState, reduce } from '../../src/state';
import { DEFAULT_SETTINGS } from '../../src/settings';
import { frame, track } from './fixtures';

const record = (over: Partial<TrackRecord> = {}): TrackRecord => ({ ...track(), ...frame(), ...over });

describe('captureClassOf', () => {
  it.each([
    [{ creator: 'getUserMedia', kind: 'video' }, 'camera'],
    [{ creator: 'getUserMedia', kind: 'audio' }, 'microphone'],
    [{ creator: 'getDisplayMedia', kind: 'video', settings: { displaySurface: 'window' } }, 'screen'],
    [{ creator: 'getDisplayMedia', kind: 'audio' }, 'screen'],
    [{ creator: 'clone', kind: 'video', sourceId: 'device:video:x' }, 'camera'],
    [{ creator: 'clone', kind: 'video', sourceId: 'getDisplayMedia:1:video' }, 'screen'],
    [{ creator: 'canvas', kind: 'video' }, 'other'],
    [{ creator: 'remote', kind: 'audio' }, 'other'],
  ] as const)('calls %j a %s track', (over, expected) => {
    expect(captureClassOf(record(over as Partial<TrackRecord>))).toBe(expected);
  });

  it('counts live tracks by class', () => {
    expect(captureCountsOf([record(), record(), record({ kind: 'audio' }), record({ creator: 'canvas' })]))
      .toEqual({ camera: 2, microphone: 1, screen: 0, other: 1 });
  });
});

describe('overviewOf', () => {
  const report = (tabId: number, ...tracks: ReturnType<typeof track>[]): Action =>
    ({ type: 'reported', from: frame(tabId), events: tracks.map((t) => ({ type: 'added', track: t })), dropped: {} });

  it('summarises every tab with live tracks, and leaves out tabs with none', () => {
    let state = emptyState();
    state = reduce(state, report(1, track({ id: 'a' }), track({ id: 'b', kind: 'audio', enabled: false })), 0);
    state = reduce(state, report(2, track({ id: 'c', readyState: 'ended' })), 0);
    state = reduce(state, report(3, track({ id: 'd', creator: 'getDisplayMedia', sinks: [] })), 0);
    const tabs = overviewOf(state, 0, DEFAULT_SETTINGS);
    expect(tabs.map((t) => [t.tabId, t.live, t.captures, t.paused])).toEqual([
      [1, 2, { camera: 1, microphone: 1, screen: 0, other: 0 }, 1],
      [3, 1, { camera: 0, microphone: 0, screen: 1, other: 0 }, 0],
    ]);
  });

  it('counts the tracks that look leaked', () => {
    const state = reduce(emptyState(), report(1, track({ id: 'a', sinks: [], createdAt: 0 })), 0);
    expect(overviewOf(state, 1000, DEFAULT_SETTINGS)[0]?.leaks).toBe(0);
    expect(overviewOf(state, DEFAULT_SETTINGS.leakDelayMs, DEFAULT_SETTINGS)[0]?.leaks).toBe(1);
  });
});
