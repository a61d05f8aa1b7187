/**
 * trackstop-leak-check/playwright in the real @playwright/test runner (issue #19): the specs in leak-check/ run as
 * a user's suite runs them, against the fixture pages on two origins (localhost and 127.0.0.1), and each failure's
 * message is asserted: the extension's words, the tracks named, the fixture's file and line.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain ES modules without types.
import { serve } from '../../scripts/serve.mjs';
import { type SpecOutcome, runPlaywright } from './leak-check-runner';

const root = resolve(__dirname, '../..');
let outcomes: Map<string, SpecOutcome>;
let close: () => Promise<void>;
let base: string;

beforeAll(async () => {
  const server = await serve(resolve(root, 'test/pages')) as { url: string; close: () => Promise<void> };
  close = server.close;
  base = server.url;
  const started = performance.now();
  outcomes = await runPlaywright(root, ['-c', 'test/e2e/leak-check/playwright.config.ts'],
    { LEAK_CHECK_BASE: base, LEAK_CHECK_OTHER: base.replace('localhost', '127.0.0.1') });
  const took = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`leak-check: ${outcomes.size} Playwright specs in ${took} s`);
}, 180_000);
afterAll(() => close?.());

const outcome = (title: string) => {
  const found = outcomes.get(title);
  if (!found) throw new Error(`no spec "${title}" in the runner's report: ${[...outcomes.keys()].join(', ')}`);
  return found;
};
const message = (title: string) => outcome(title).messages.join('\n');

describe('toHaveNoLeakedTracks in @playwright/test', () => {
  it('fails the dropped permission-check streams, naming both tracks, the reason and the fixture line', () => {
    const { status, attachments } = outcome('permission check leaks two tracks');
    const text = message('permission check leaks two tracks');
    expect(status).toBe('failed');
    expect(text).toContain('2 track(s)');
    expect(text).toMatch(/camera track "[^"]+"/);
    expect(text).toMatch(/microphone track "[^"]+"/);
    expect(text.match(/Leak: feeds nothing for 0 s/g)).toHaveLength(2);
    expect(text).toContain(`${base}/leak-check/permission-check.js:3:47`);
    expect(text).toContain(`${base}/leak-check/permission-check.js:4:51`);
    expect(text).toContain('Fix: Stop it when you no longer need it');
    expect(attachments).toEqual(expect.arrayContaining(['trackstop-report.json', 'trackstop-report.html']));
  });

  it('fails a clone whose original was stopped: "outlived its original"', () => {
    expect(outcome('a clone outlives its original').status).toBe('failed');
    const text = message('a clone outlives its original');
    expect(text).toContain('1 track(s)');
    expect(text).toContain('Leak: outlived its original');
    expect(text).toContain(`${base}/leak-check/clone-orphan.html:10:30`);
  });

  it('passes a call that hangs up correctly, for leaks and for live capture', () => {
    expect(outcome('a call that hangs up correctly passes').status).toBe('passed');
  });

  it('finds the leak in a cross-origin frame, with that origin\'s file and line', () => {
    expect(outcome('a leak in a cross-origin frame is found').status).toBe('failed');
    const other = base.replace('localhost', '127.0.0.1');
    const text = message('a leak in a cross-origin frame is found');
    expect(text).toContain(`in ${other})`);
    expect(text).toContain(`${other}/leak-check/permission-check.js:3:47`);
  });

  it('still checks a page whose app replaced MediaStreamTrack.prototype.stop', () => {
    expect(outcome('an app that replaced stop() is still checked').status).toBe('failed');
    const text = message('an app that replaced stop() is still checked');
    expect(text).toContain('Leak: feeds nothing');
    expect(text).toContain(`${base}/leak-check/replaced-stop.html:8:45`);
  });

  it('leaves out what options.ignore names', () => {
    expect(outcome('ignoring the leaked labels passes').status).toBe('passed');
  });

  it('names live capture for toHaveNoLiveCapture', () => {
    expect(outcome('live capture after leaving is named').status).toBe('failed');
    expect(message('live capture after leaving is named')).toMatch(/Expected no live capture, but 1 track\(s\)/);
  });

  it('says so, without hanging, when no page has loaded or the page is closed', () => {
    expect(outcome('a check before any page loaded says so').status).toBe('failed');
    expect(message('a check before any page loaded says so')).toContain('No document of this page has loaded');
    expect(outcome('a closed page says so').status).toBe('failed');
    expect(message('a closed page says so')).toContain('The page is closed');
  });
});
