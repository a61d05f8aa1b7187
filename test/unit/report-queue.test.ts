import { describe, expect, it } from 'vitest';
import { LIMITS, type ShimEvent } from '../../src/page-world';
import {
  MAX_PENDING_EVENTS, REPORT_DELAY_MS, REPORT_SPACING_MS, UNSAVED_WINDOW_MS, createReportQueue,
} from '../../src/report-queue';
import { track } from './fixtures';

const added = (id: string): ShimEvent => ({ type: 'added', track: track({ id }) });
const ids = (events: ShimEvent[]) => events.map((e) => (e.type === 'added' ? e.track.id : e.id));

describe('report queue', () => {
  it('sends nothing until there is something, and then all of it in one report', () => {
    const queue = createReportQueue();
    expect(queue.hasWork).toBe(false);
    queue.add([added('a'), added('b')]);
    expect(queue.hasWork).toBe(true);
    const reports = queue.take(0);
    expect(reports.map((r) => ids(r.events))).toEqual([['a', 'b']]);
    expect(queue.hasWork).toBe(false);
  });

  it.each([
    ['the first report', -Infinity, 1000, REPORT_DELAY_MS],
    ['a report right after another', 1000, 1000, REPORT_SPACING_MS],
    ['a report some time after another', 1000, 1000 + REPORT_SPACING_MS - 10, REPORT_DELAY_MS],
    ['a report long after another', 1000, 5000, REPORT_DELAY_MS],
  ])('waits for %s as it should', (_, lastAt, now, delay) => {
    const queue = createReportQueue();
    if (lastAt !== -Infinity) queue.take(lastAt);
    expect(queue.delayFrom(now)).toBe(delay);
  });

  it('splits a long queue into reports the background accepts, drops on the first, the snapshot on the last', () => {
    const queue = createReportQueue();
    const many = Array.from({ length: LIMITS.eventsPerMessage * 2 + 1 }, (_, i) => added(`t${i}`));
    queue.add(many);
    queue.drop('rate', 3);
    const snapshot = [track({ id: 't0' })];
    const reports = queue.take(0, { snapshot, channel: { names: { toRelay: 'r', toShim: 's' }, documentTime: 7 } });
    expect(reports.map((r) => r.events.length)).toEqual([LIMITS.eventsPerMessage, LIMITS.eventsPerMessage, 1]);
    expect(reports.map((r) => r.dropped)).toEqual([{ rate: 3 }, {}, {}]);
    expect(reports.map((r) => !!r.snapshot)).toEqual([false, false, true]);
    expect(reports.map((r) => r.channel?.toShim)).toEqual(['s', undefined, undefined]);
    expect(reports.flatMap((r) => ids(r.events))).toEqual(ids(many));
  });

  it('counts what does not fit as an overflow and asks for a snapshot to repair it', () => {
    const queue = createReportQueue();
    queue.add(Array.from({ length: MAX_PENDING_EVENTS + 5 }, (_, i) => added(`t${i}`)));
    expect(queue.needsSnapshot).toBe(true);
    const reports = queue.take(0);
    expect(reports.reduce((n, r) => n + r.events.length, 0)).toBe(MAX_PENDING_EVENTS);
    expect(reports[0]!.dropped).toEqual({ overflow: 5 });
    expect(queue.needsSnapshot).toBe(false);
  });

  it('sends again what a worker that died soon after may not have saved, ahead of what came since', () => {
    const queue = createReportQueue();
    queue.add([added('a')]);
    queue.take(1000);
    queue.add([added('b')]);
    queue.take(1100);
    queue.add([added('c')]);
    expect(queue.portLost(1100 + UNSAVED_WINDOW_MS - 1)).toBe(true);
    expect(queue.needsSnapshot).toBe(true);
    expect(queue.take(4000).flatMap((r) => ids(r.events))).toEqual(['b', 'c']);
  });

  it('sends nothing again when the port breaks long after the last report', () => {
    const queue = createReportQueue();
    queue.add([added('a')]);
    queue.take(1000);
    expect(queue.portLost(1000 + UNSAVED_WINDOW_MS)).toBe(false);
    expect(queue.hasWork).toBe(false);
  });
});
