import { describe, expect, it } from 'vitest';
import { REPORT_SCHEMA, buildReport, reportFileName } from '../../src/report';
import { asTabId } from '../../src/model';
import { emptyState, reduce, tabView } from '../../src/state';
import { stackFrames } from '../../src/stack';
import { DEFAULT_SETTINGS } from '../../src/settings';
import { schemaErrors } from '../report-schema';
import { frame, track } from './fixtures';

function sampleView() {
  let state = reduce(emptyState(), { type: 'reported', from: frame(1, 0, 'doc-1'), dropped: { rate: 2 }, events: [
    { type: 'added', track: track({ id: 'cam', sinks: [{ kind: 'element', name: 'video#self' }], stack: 'at x (https://a.test/a.js:1:2)',
      settings: { deviceId: 'd', width: 640 }, constraints: '{"video":true}' }) },
    { type: 'added', track: track({ id: 'leak', creator: 'clone', parentId: 'cam', sinks: [], createdAt: 0 }) },
    { type: 'added', track: track({ id: 'gone', readyState: 'ended', endedAt: 9, endedBy: 'page' }) },
  ] }, 10);
  state = reduce(state, { type: 'reported', from: frame(1, 4), dropped: {}, events: [
    { type: 'added', track: track({ id: 'framed', kind: 'audio' }) }] }, 11);
  return tabView(state, asTabId(1));
}

describe('buildReport', () => {
  it('holds every track of the tab with its flags, the frames and the timeline, and meets the schema', () => {
    const report = buildReport(sampleView(), { version: '1.2.3', url: 'https://a.test/x', title: 'A' }, 60_000,
      DEFAULT_SETTINGS);
    expect(schemaErrors(report)).toEqual([]);
    expect(report.schema).toBe(REPORT_SCHEMA);
    expect(report.tracks.map((t) => t.id).sort()).toEqual(['cam', 'framed', 'gone', 'leak']);
    expect(report.tracks.find((t) => t.id === 'leak')!.flags.map((f) => f.rule)).toEqual(['idle']);
    expect(report.tracks.find((t) => t.id === 'cam')!.flags).toEqual([]);
    expect(report.frames).toEqual([{ frameId: 0, origin: 'https://example.test', documentId: 'doc-1' },
      { frameId: 4, origin: 'https://example.test' }]);
    expect(report.timeline.filter((e) => e.what === 'created')).toHaveLength(4);
    expect(report.dropped).toEqual({ rate: 2 });
    expect(report.createdAt).toBe('1970-01-01T00:01:00.000Z');
    expect(report.settings).toEqual({ leakDelayMs: 5000, hiddenLeakMs: 0 });
  });

  it('fails the schema when a field is wrong, so the schema test can fail', () => {
    const report = buildReport(sampleView(), { version: '1' }, 0, DEFAULT_SETTINGS);
    expect(schemaErrors({ ...report, schema: 'other' })).not.toEqual([]);
    expect(schemaErrors({ ...report, tracks: [{ ...report.tracks[0], flags: [{ rule: 'idle', text: 'x',
      hint: '' }] }] }))
      .not.toEqual([]);
    expect(schemaErrors({ ...report, extra: 1 })).not.toEqual([]);
  });

  it.each([
    ['https://meet.example.com/room', 'trackstop-meet.example.com-2026-12-03.json'],
    ['file:///home/a.html', 'trackstop-tab-2026-12-03.json'],
    [undefined, 'trackstop-tab-2026-12-03.json'],
    ['not a url', 'trackstop-tab-2026-12-03.json'],
  ])('names the report of %s %s', (url, name) => {
    expect(reportFileName(url, new Date(2026, 11, 3, 23, 59))).toBe(name);
  });
});

describe('stackFrames', () => {
  it.each([
    ['    at start (http://localhost:8000/leaks.js:9:45)',
      { fn: 'start', url: 'http://localhost:8000/leaks.js', line: 9, column: 45 }],
    ['    at http://localhost:8000/a.js:3:1', { url: 'http://localhost:8000/a.js', line: 3, column: 1 }],
    ['    at async Promise.all (index 0)', { fn: 'async Promise.all' }],
    ['start@http://localhost:8000/leaks.js:9:45', { fn: 'start', url: 'http://localhost:8000/leaks.js', line: 9, column: 45 }],
    ['@debugger eval code:1:1', {}],
    ['something else', {}],
  ])('reads %s', (line, expected) => {
    const [f] = stackFrames(line);
    expect({ ...f, text: undefined }).toEqual({ ...expected, text: undefined });
    expect(f!.text).toBe(line.trim());
  });

  it('skips blank lines and reads none from nothing', () => {
    expect(stackFrames('a@https://x.test/a.js:1:1\n\nb@https://x.test/b.js:2:2')).toHaveLength(2);
    expect(stackFrames(undefined)).toEqual([]);
  });
});
