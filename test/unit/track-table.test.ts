// The shim's modules, each test importing them afresh as a new shim would (test/unit/fakes.ts, startFakeShim).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type {} from '../../content/page/start.d.ts'; // the names the build's wrapper declares
import type * as CommandsModule from '../../content/page/commands';
import type * as EndedModule from '../../content/page/ended-tracks';
import type * as TableModule from '../../content/page/track-table';
import type { Message } from '../../src/messages';
import type { RelayPageApi, ShimEvent } from '../../src/page-world';
import { FakeTrack, fakeTime, startFakeShim } from './fakes';


let time: ReturnType<typeof fakeTime>;
let table: typeof TableModule;
let commands: typeof CommandsModule;
let ended: typeof EndedModule;
let sent: Message<RelayPageApi>[];

/** Every event the shim has sent so far. */
const events = () => sent.flatMap((m) => (m.type === 'events' ? m.data : [])) as ShimEvent[];
const added = () => events().flatMap((e) => (e.type === 'added' ? [e.track] : []));

beforeEach(async () => {
  vi.resetModules();
  time = fakeTime();
  startFakeShim(time);
  table = await import('../../content/page/track-table');
  commands = await import('../../content/page/commands');
  ended = await import('../../content/page/ended-tracks');
  vi.unstubAllGlobals();
  sent = [];
  table.setSender((message) => sent.push(structuredClone(message)));
});

describe("the shim's table", () => {
  it('reports a track still live at the batch once, with its device source, and nothing before the batch', () => {
    const track = new FakeTrack('video', 'cam');
    const entry = table.record(track as unknown as MediaStreamTrack, 'getUserMedia', undefined, undefined, undefined,
      '{"video":true}');
    expect(table.record(track as unknown as MediaStreamTrack, 'clone')).toBe(entry);
    expect(sent).toEqual([]);
    time.advance(0);
    expect(added()).toMatchObject([{ id: 'cam', kind: 'video', creator: 'getUserMedia', readyState: 'live',
      sourceId: 'device:video:cam-1', constraints: '{"video":true}', settings: { deviceId: 'cam-1', width: 640 } }]);
    time.advance(1000);
    expect(sent).toHaveLength(1);
  });

  it('gives a clone its parent\'s source, and a track without a device its own', () => {
    const original = new FakeTrack('audio', 'mic');
    const parent = table.record(original as unknown as MediaStreamTrack, 'getUserMedia');
    table.record(original.clone() as unknown as MediaStreamTrack, 'clone', undefined, parent);
    table.record(new FakeTrack('video', 'drawn') as unknown as MediaStreamTrack, 'adopted');
    time.advance(0);
    expect(added().map((t) => [t.id.startsWith('track-') ? 'clone' : t.id, t.sourceId, t.parentId]))
      .toEqual([['mic', 'device:audio:cam-1', undefined], ['clone', 'device:audio:cam-1', 'mic'],
        ['drawn', 'track:drawn', undefined]]);
  });

  it('sends the first batch at the end of the task, and later ones at most once per 100 ms', () => {
    table.record(new FakeTrack() as unknown as MediaStreamTrack, 'adopted');
    time.advance(0);
    expect(sent).toHaveLength(1);
    table.record(new FakeTrack() as unknown as MediaStreamTrack, 'adopted');
    time.advance(99);
    expect(sent).toHaveLength(1);
    time.advance(1);
    expect(sent).toHaveLength(2);
    time.advance(500);
    table.record(new FakeTrack() as unknown as MediaStreamTrack, 'adopted');
    time.advance(0);
    expect(sent).toHaveLength(3);
  });

  it('reports a track made and stopped within one batch as ended, and only the newest 200 of such', () => {
    for (let i = 0; i < 450; i++) {
      const track = new FakeTrack('video', `brief-${i}`);
      const entry = table.record(track as unknown as MediaStreamTrack, 'clone');
      track.stop();
      table.end(entry, 'page');
    }
    time.advance(0);
    const reported = added();
    expect(reported).toHaveLength(ended.MAX_BRIEF_TRACKS_PER_BATCH);
    expect(reported[0]!.id).toBe('brief-250');
    expect(reported.every((t) => t.readyState === 'ended' && t.endedBy === 'page')).toBe(true);
  });

  it('ends a track on the browser\'s `ended`, never on one a page dispatches at a live track', () => {
    const track = new FakeTrack('video', 'cam');
    table.record(track as unknown as MediaStreamTrack, 'getUserMedia');
    time.advance(0);
    track.dispatchEvent(new Event('ended'));
    time.advance(1000);
    expect(events().filter((e) => e.type === 'ended')).toEqual([]);
    track.endFromSource();
    time.advance(1000);
    expect(events().filter((e) => e.type === 'ended')).toMatchObject([{ id: 'cam', by: 'source' }]);
  });

  it('lists two live tracks that share an id apart, the later under a suffixed id', () => {
    table.record(new FakeTrack('video', 'same') as unknown as MediaStreamTrack, 'element');
    table.record(new FakeTrack('video', 'same') as unknown as MediaStreamTrack, 'element');
    time.advance(0);
    expect(added().map((t) => t.id)).toEqual(['same', 'same#1']);
  });

  it('remembers the newest 200 ended tracks for "already ended"', () => {
    for (let i = 0; i < 250; i++) {
      const entry = table.record(new FakeTrack('video', `t${i}`) as unknown as MediaStreamTrack, 'adopted');
      table.flush();
      table.end(entry, 'page');
    }
    expect(ended.wasEnded('t49')).toBe(false);
    expect(ended.wasEnded('t50')).toBe(true);
    expect(ended.wasEnded('t249')).toBe(true);
  });

  it('reports a change to enabled, and who paused it', () => {
    const track = new FakeTrack('video', 'cam');
    table.record(track as unknown as MediaStreamTrack, 'getUserMedia');
    time.advance(0);
    track.enabled = false;
    table.noteChanged(track, true);
    time.advance(1000);
    expect(events().at(-1)).toEqual({ type: 'changed', id: 'cam', muted: false, enabled: false,
      pausedBy: 'extension' });
  });
});

describe("the shim's commands", () => {
  it('stops a live track, and says what came of each id asked about', () => {
    const track = new FakeTrack('video', 'cam');
    table.record(track as unknown as MediaStreamTrack, 'getUserMedia');
    let heardEnded = 0;
    track.addEventListener('ended', () => heardEnded++);
    expect(commands.forceStop(['cam', 'nope'], true)).toEqual([{ id: 'cam', outcome: 'ended' },
      { id: 'nope', outcome: 'gone', reason: 'no such track in the page' }]);
    expect(track.readyState).toBe('ended');
    expect(heardEnded).toBe(1);
    expect(commands.forceStop(['cam'], true)).toEqual([{ id: 'cam', outcome: 'already-ended' }]);
    expect(events().filter((e) => e.type === 'ended')).toMatchObject([{ id: 'cam', by: 'extension' }]);
  });

  it('pauses and resumes, read back from the track', () => {
    const track = new FakeTrack('video', 'cam');
    table.record(track as unknown as MediaStreamTrack, 'getUserMedia');
    expect(commands.pause(['cam'], true)).toEqual([{ id: 'cam', outcome: 'paused' }]);
    expect(track.enabled).toBe(false);
    expect(events().at(-1)).toMatchObject({ type: 'changed', id: 'cam', enabled: false, pausedBy: 'extension' });
    expect(commands.pause(['cam'], false)).toEqual([{ id: 'cam', outcome: 'resumed' }]);
    expect(Array.from(commands.snapshot(), (t) => [t.id, t.enabled])).toEqual([['cam', true]]);
  });
});
