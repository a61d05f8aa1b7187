/**
 * The relay (content/create-relay.ts) driven with fakes and a fake clock: one file, as the relay is one machine (past
 * 200 lines for that reason).
 */
import { describe, expect, it } from 'vitest';
import { BURST, createRelay } from '../../content/create-relay';
import type { Message } from '../../src/messages';
import type { ShimApi, ShimEvent } from '../../src/page-world';
import { REPORT_DELAY_MS, REPORT_SPACING_MS, UNSAVED_WINDOW_MS } from '../../src/report-queue';
import { type FakeShim, fakeRelayDeps } from './fakes';
import { track } from './fixtures';

/** A shim that holds `ids`: its snapshot lists them, and it stops the ones it holds; of any other it says `gone`. */
const shimHolding = (...ids: string[]): FakeShim => (command: Message<ShimApi>) => {
  if (command.type === 'snapshot') return { type: 'snapshot', data: ids.map((id) => track({ id })) };
  if (command.type !== 'stop' && command.type !== 'pause') return undefined;
  const done = command.type === 'stop' ? 'ended' : 'paused';
  return { type: 'answered', data: { results: command.data.ids.map((id) => (ids.includes(id)
    ? { id, outcome: done } : { id, outcome: 'gone', reason: 'no such track' })) } };
};

const eventsMessage = (...ids: string[]) =>
  JSON.stringify({ type: 'events', data: ids.map((id): ShimEvent => ({ type: 'added', track: track({ id }) })) });

function setUp(options: Parameters<typeof fakeRelayDeps>[0] = { shims: [shimHolding('t1')] }) {
  const fakes = fakeRelayDeps(options);
  const relay = createRelay(fakes.deps);
  fakes.line.connect((detail) => relay.receive(detail));
  const reports = () => fakes.runtime.ports.flatMap((p) => p.reports);
  return { ...fakes, relay, reports };
}

describe('relay: what the page world says', () => {
  it('drops and counts messages that are not well-formed, and repairs the record with a snapshot', () => {
    const { line, time, reports } = setUp();
    line.say('not json');
    line.say(JSON.stringify({ type: 'stop', data: { ids: ['t1'], dispatchEnded: true } })); // a command, not a report
    line.say(JSON.stringify({ type: 'events', data: [{ type: 'ended', id: 't1', at: 'soon', by: 'page' }] }));
    line.say({ type: 'events', data: [] }); // not JSON text
    time.advance(REPORT_DELAY_MS);
    expect(reports()).toHaveLength(1);
    expect(reports()[0]!.dropped).toEqual({ malformed: 4 });
    expect(reports()[0]!.events).toEqual([]);
    expect(reports()[0]!.snapshot?.map((t) => t.id)).toEqual(['t1']);
  });

  it(`takes ${BURST} messages at once and 100 a second after that; the rest are dropped and counted`, () => {
    const { line, time, reports } = setUp();
    for (let i = 0; i < BURST + 50; i++) line.say(eventsMessage(`a${i}`));
    time.advance(100); // 10 more
    for (let i = 0; i < 20; i++) line.say(eventsMessage(`b${i}`));
    time.advance(REPORT_SPACING_MS);
    const all = reports();
    expect(all.flatMap((r) => r.events)).toHaveLength(BURST + 10);
    expect(all.reduce((sum, r) => sum + (r.dropped.rate ?? 0), 0)).toBe(50 + 10);
  });

  it('never rate-limits the answer to its own question', () => {
    const { line, runtime, time } = setUp();
    line.say(eventsMessage('first'));
    time.advance(REPORT_DELAY_MS);
    for (let i = 0; i < BURST; i++) line.say(eventsMessage(`a${i}`)); // the bucket is empty now
    expect(runtime.command({ type: 'stopTracks', data: { ids: ['t1'], dispatchEnded: true } }))
      .toEqual({ results: [{ id: 't1', outcome: 'ended' }] });
  });
});

describe('relay: reports', () => {
  it('reports a change 50 ms after it, then at most once per 250 ms', () => {
    const { line, time, reports } = setUp();
    line.say(eventsMessage('a'));
    time.advance(REPORT_DELAY_MS - 1);
    expect(reports()).toHaveLength(0);
    time.advance(1);
    expect(reports()).toHaveLength(1);
    line.say(eventsMessage('b'));
    time.advance(REPORT_SPACING_MS - 1);
    expect(reports()).toHaveLength(1);
    time.advance(1);
    expect(reports().map((r) => r.events.length)).toEqual([1, 1]);
  });

  it('opens no port and asks for no runtime until there is something to report', () => {
    const { runtime, time } = setUp();
    time.advance(10_000);
    expect(runtime.ports).toHaveLength(0);
    expect(runtime.isListening).toBe(false);
  });

  it('leads with a snapshot after its port was lost, on a new port', () => {
    const { line, runtime, time, reports } = setUp();
    line.say(eventsMessage('a'));
    time.advance(REPORT_DELAY_MS);
    expect(reports()[0]!.snapshot).toBeDefined(); // the first report on a port
    time.advance(UNSAVED_WINDOW_MS); // the background has saved it
    runtime.port!.lose();
    time.advance(REPORT_SPACING_MS);
    expect(runtime.ports).toHaveLength(1); // nothing to say: no reconnect yet
    line.say(eventsMessage('b'));
    time.advance(REPORT_SPACING_MS);
    expect(runtime.ports).toHaveLength(2);
    expect(runtime.ports[1]!.reports[0]!.snapshot?.map((t) => t.id)).toEqual(['t1']);
    expect(runtime.ports[1]!.reports[0]!.events.map((e) => e.type === 'added' && e.track.id)).toEqual(['b']);
  });

  it('shares the shim\'s door names with the background once, with the document\'s time origin', () => {
    const { line, time, reports, deps } = setUp();
    line.say(eventsMessage('a'));
    time.advance(REPORT_DELAY_MS);
    line.say(eventsMessage('b'));
    time.advance(REPORT_SPACING_MS);
    expect(reports().map((r) => r.channel)).toEqual([{ toRelay: 'trackstop:r1', toShim: 'trackstop:s1' }, undefined]);
    expect(reports()[0]!.documentTime).toBe(deps.timeOrigin);
  });

  it('sends the top document\'s visibility with the first report and after a real change, in wall time', () => {
    const { line, time, reports, win, wall, observer } = setUp();
    line.say(eventsMessage('a'));
    time.advance(REPORT_DELAY_MS);
    expect(reports()[0]!.visibility).toEqual({ hidden: false, since: wall.now });
    win.document.visibilityState = 'hidden';
    win.document.fire('visibilitychange', { isTrusted: false }); // a page script's
    time.advance(REPORT_SPACING_MS);
    expect(reports()).toHaveLength(1);
    wall.now += 5000;
    win.document.fire('visibilitychange');
    time.advance(REPORT_SPACING_MS);
    expect(reports()[1]!.visibility).toEqual({ hidden: true, since: wall.now });
    expect(observer.observed.map((o) => o.node)).toEqual([win.document]); // document.open() is heard
  });

  it('reports afresh, with a snapshot, when the page comes back from the back/forward cache', () => {
    const { line, time, reports, win } = setUp();
    line.say(eventsMessage('a'));
    time.advance(REPORT_DELAY_MS);
    win.fire('pageshow', { persisted: false });
    time.advance(REPORT_SPACING_MS);
    expect(reports()).toHaveLength(1);
    win.fire('pageshow', { persisted: true });
    time.advance(REPORT_SPACING_MS);
    expect(reports()[1]!.snapshot).toBeDefined();
  });
});

describe('relay: commands from the background', () => {
  it('merges the answers of every shim it holds: the one that has the track says what came of it', () => {
    const { runtime, line, time } = setUp({ shims: [shimHolding('t1'), shimHolding('t2')] });
    line.say(eventsMessage('x'));
    time.advance(REPORT_DELAY_MS);
    expect(runtime.command({ type: 'stopTracks', data: { ids: ['t2', 't1', 't9'], dispatchEnded: true } })).toEqual({
      results: [{ id: 't2', outcome: 'ended' }, { id: 't1', outcome: 'ended' },
        { id: 't9', outcome: 'gone', reason: 'no such track' }],
    });
    expect(line.sent.filter((c) => c.type === 'stop')).toEqual([{ type: 'stop', data: { ids: ['t2', 't1', 't9'],
      dispatchEnded: true } }]);
  });

  it('says why a track failed when no shim answers for it', () => {
    const { runtime, line, time } = setUp({ shims: [() => undefined] });
    const pause = { type: 'pauseTracks', data: { ids: ['t7'], isPaused: true } };
    expect(runtime.command(pause)).toBeUndefined(); // not listening before the frame has said anything
    line.say(eventsMessage('x'));
    time.advance(REPORT_DELAY_MS);
    expect(runtime.command(pause))
      .toEqual({ results: [{ id: 't7', outcome: 'failed', reason: 'the page gave no answer' }] });
    line.state.isLinked = false;
    expect(runtime.command(pause)).toEqual({
      results: [{ id: 't7', outcome: 'failed', reason: "Trackstop's page script is not running in this frame" }],
    });
  });

  it('obeys only its own extension\'s background, never a tab', () => {
    const { runtime, line, time } = setUp();
    line.say(eventsMessage('x'));
    time.advance(REPORT_DELAY_MS);
    const stop = { type: 'stopTracks', data: { ids: ['t1'], dispatchEnded: true } };
    expect(runtime.command(stop, { id: 'another-extension' })).toBeUndefined();
    expect(runtime.command(stop, { id: runtime.runtime.id, tab: { id: 1 } })).toBeUndefined();
    expect(runtime.command({ type: 'stopTracks', data: { ids: 't1' } })).toBeUndefined();
    expect(line.sent.filter((c) => c.type === 'stop')).toEqual([]);
  });

  it('reconnects and reports a snapshot on resync', () => {
    const { runtime, line, time } = setUp();
    line.say(eventsMessage('x'));
    time.advance(REPORT_DELAY_MS);
    runtime.command({ type: 'resync', data: {} });
    expect(runtime.ports).toHaveLength(2);
    expect(runtime.ports[1]!.reports[0]!.snapshot?.map((t) => t.id)).toEqual(['t1']);
  });
});

describe('relay: after an update', () => {
  it('asks the background for the channel and adopts the door it names, then reports a snapshot', () => {
    const { runtime, line, deps } = setUp({ shims: [shimHolding('t1')], wasInjected: true });
    line.state.isLinked = false; // a relay after an update holds no line until it knocks
    expect(runtime.port!.posted).toEqual([{ type: 'reattach', data: { documentTime: deps.timeOrigin } }]);
    const names = { toRelay: 'trackstop:old-r', toShim: 'trackstop:old-s' };
    runtime.port!.say({ type: 'channel', data: { channel: names } });
    expect(line.adopted).toEqual([names]);
    expect(runtime.port!.reports[0]!.snapshot?.map((t) => t.id)).toEqual(['t1']);
    expect(runtime.port!.reports[0]!.channel).toBeUndefined(); // the background has it
  });

  it('gives up its port when the background knows no channel, or the door does not answer', () => {
    const none = setUp({ shims: [shimHolding('t1')], wasInjected: true });
    none.line.state.isLinked = false;
    none.runtime.port!.say({ type: 'channel', data: {} });
    expect(none.runtime.port!.isDisconnected).toBe(true);
    const deaf = setUp({ shims: [shimHolding('t1')], wasInjected: true });
    deaf.line.state.isLinked = false;
    deaf.line.state.adoptable = false;
    deaf.runtime.port!.say({ type: 'channel', data: { channel: { toRelay: 'trackstop:a', toShim: 'trackstop:b' } } });
    expect(deaf.runtime.port!.isDisconnected).toBe(true);
    expect(deaf.runtime.port!.reports).toEqual([]);
  });

  it('ignores a malformed answer on its port', () => {
    const { runtime, line } = setUp({ shims: [shimHolding('t1')], wasInjected: true });
    line.state.isLinked = false;
    runtime.port!.say({ type: 'channel', data: { channel: { toRelay: 5 } } });
    expect(line.adopted).toEqual([]);
    expect(runtime.port!.isDisconnected).toBe(false);
  });
});
