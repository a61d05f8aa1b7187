import { describe, expect, it } from 'vitest';
import { planControl } from '../../src/control-plan';
import { asFrameId, asTabId } from '../../src/model';
import { type Action, type State, emptyState, reduce } from '../../src/state';
import { frame, track } from './fixtures';

const run = (actions: Action[], state: State = emptyState()) => actions.reduce((s, a) => reduce(s, a, 1000), state);
const added = (info = track(), from = frame()): Action => ({ type: 'reported', from, events: [{ type: 'added',
  track: info }], dropped: {} });
const tab1 = asTabId(1);

describe('planControl', () => {
  const state = run([
    added(track({ id: 'cam' })), added(track({ id: 'clone', creator: 'clone' })),
    added(track({ id: 'mic', kind: 'audio', sourceId: 'device:audio:mic' })),
    added(track({ id: 'sub' }), frame(1, 9)), added(track({ id: 'other' }), frame(2)),
    added(track({ id: 'canvas', creator: 'canvas', sourceId: 'track:canvas' })),
  ]);
  it.each([
    [{ scope: 'track', tabId: tab1, frameId: asFrameId(0), trackId: 'mic' } as const, [[0, ['mic']]]],
    [{ scope: 'source', tabId: tab1, sourceKey: '0/device:video:cam' } as const, [[0, ['cam', 'clone']]]],
    [{ scope: 'tab', tabId: tab1 } as const, [[0, ['cam', 'clone', 'mic', 'canvas']], [9, ['sub']]]],
    [{ scope: 'devices', tabId: tab1 } as const, [[0, ['cam', 'clone', 'mic']], [9, ['sub']]]],
  ])('plans %j per frame', (target, expected) => {
    expect(planControl(state, target).map((p) => [p.frameId, p.trackIds])).toEqual(expected);
  });
  it('plans every tab for "all"', () => {
    expect(planControl(state, { scope: 'all' }).map((p) => p.tabId).sort()).toEqual([1, 1, 2]);
  });
});
