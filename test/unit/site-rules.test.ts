import { describe, expect, it } from 'vitest';
import {
  MAX_SITES, autoStopDelayFor, effectiveSiteRules, hostnameFromInput, ruleFor, siteOf,
  siteRulesFrom, storedRule,
} from '../../src/site-rules';

describe('hostnameFromInput', () => {
  it.each([
    ['meet.example.com', 'meet.example.com'],
    ['  Meet.Example.COM ', 'meet.example.com'],
    ['https://meet.example.com/room?x=1', 'meet.example.com'],
    ['meet.example.com:8443', 'meet.example.com'],
    ['example.com.', 'example.com'],
    ['localhost', 'localhost'],
    ['127.0.0.1', '127.0.0.1'],
    ['bücher.example', 'xn--bcher-kva.example'],
    ['http://[::1]:8080/', '[::1]'],
  ])('reads %j as %j', (input, host) => {
    expect(hostnameFromInput(input)).toBe(host);
  });

  it.each(['', '   ', 'meet example.com', 'ftp://example.com', 'file:///etc/passwd', '-bad.example',
    'a..b', `${'a'.repeat(64)}.example`, `${'abcdefghi.'.repeat(26)}com`, 'exa_mple.com', 'http://'])(
    'refuses %j', (input) => {
      expect(hostnameFromInput(input)).toBeUndefined();
    });
});

describe('siteOf', () => {
  it.each([
    ['https://meet.example.com/room', 'meet.example.com'],
    ['http://localhost:3000/', 'localhost'],
    ['HTTPS://Example.COM', 'example.com'],
    ['chrome://extensions', undefined],
    ['about:blank', undefined],
    ['moz-extension://abc/popup.html', undefined],
    ['not a url', undefined],
    [undefined, undefined],
  ])('gives %j the site %j', (url, site) => {
    expect(siteOf(url)).toBe(site);
  });
});

describe('siteRulesFrom', () => {
  it('keeps valid rules, fills missing parts with their defaults, and orders the kinds', () => {
    expect(siteRulesFrom({
      'meet.example.com': { hold: ['screen', 'camera'], autoStopHiddenMs: 60_000, neverAlert: true },
      'b.example': {},
    })).toEqual({
      'meet.example.com': { hold: ['camera', 'screen'], autoStopHiddenMs: 60_000, neverAlert: true },
      'b.example': { hold: [], neverAlert: false },
    });
  });

  it.each([
    ['a hold of an unknown kind', { hold: ['camera', 'speaker'] }],
    ['a hold that is not a list', { hold: 'camera' }],
    ['a hold of too many entries', { hold: ['camera', 'camera', 'camera', 'camera'] }],
    ['a negative delay', { autoStopHiddenMs: -1 }],
    ['a fractional delay', { autoStopHiddenMs: 1.5 }],
    ['a delay over a day', { autoStopHiddenMs: 86_400_001 }],
    ['a neverAlert that is not a boolean', { neverAlert: 'yes' }],
    ['a rule that is a list', []],
    ['a rule that is null', null],
  ])('drops a site whose rule has %s', (_, rule) => {
    expect(siteRulesFrom({ 'x.example': rule, 'ok.example': {} })).toEqual({ 'ok.example': { hold: [],
      neverAlert: false } });
  });

  it.each(['Upper.example', 'has space.example', 'https://x.example', 'x.example:80', '', 'a'.repeat(254)])(
    'drops the site %j, which is no hostname as URLs spell it', (host) => {
      expect(siteRulesFrom({ [host]: {} })).toEqual({});
    });

  it.each([undefined, null, 'junk', [1, 2], 7])('reads %j as no rules', (stored) => {
    expect(siteRulesFrom(stored)).toEqual({});
  });

  it(`keeps at most ${MAX_SITES} sites`, () => {
    const many = Object.fromEntries(Array.from({ length: MAX_SITES + 20 }, (_, i) => [`s${i}.example`, {}]));
    const rules = siteRulesFrom(many);
    expect(Object.keys(rules)).toHaveLength(MAX_SITES);
    expect(rules['s0.example']).toBeDefined();
    expect(rules[`s${MAX_SITES}.example`]).toBeUndefined();
  });
});

describe('effectiveSiteRules', () => {
  it('lets an administrator\'s rule win for its site, locks exactly those, and keeps the person\'s others', () => {
    const read = effectiveSiteRules(
      { 'a.example': { neverAlert: true }, 'b.example': { hold: ['camera'] } },
      { 'a.example': { hold: ['microphone'] }, 'c.example': { autoStopHiddenMs: 0 }, 'bad.example': { hold: 1 } },
    );
    expect(read.rules).toEqual({
      'a.example': { hold: ['microphone'], neverAlert: false },
      'c.example': { hold: [], autoStopHiddenMs: 0, neverAlert: false },
      'b.example': { hold: ['camera'], neverAlert: false },
    });
    expect(read.locked.sort()).toEqual(['a.example', 'c.example']);
  });

  it('locks nothing without a policy', () => {
    expect(effectiveSiteRules(undefined, undefined)).toEqual({ rules: {}, locked: [] });
  });
});

describe('lookups', () => {
  const rules = siteRulesFrom({ 'meet.example.com': { hold: ['camera'], autoStopHiddenMs: 0 },
    'example.com': { neverAlert: true } });

  it('finds a rule by exact hostname only', () => {
    expect(ruleFor(rules, 'meet.example.com')?.hold).toEqual(['camera']);
    expect(ruleFor(rules, 'other.example.com')).toBeUndefined();
    expect(ruleFor(rules, undefined)).toBeUndefined();
    expect(ruleFor(rules, 'constructor')).toBeUndefined();
  });

  it('takes a site\'s auto-stop delay over the global one, 0 included', () => {
    expect(autoStopDelayFor(ruleFor(rules, 'meet.example.com'), 60_000)).toBe(0);
    expect(autoStopDelayFor(ruleFor(rules, 'example.com'), 60_000)).toBe(60_000);
    expect(autoStopDelayFor(undefined, 120_000)).toBe(120_000);
  });

  it('stores a rule without its defaults, and reads it back the same', () => {
    const rule = { hold: [], neverAlert: false, autoStopHiddenMs: 0 };
    expect(storedRule(rule)).toEqual({ autoStopHiddenMs: 0 });
    expect(siteRulesFrom({ 'x.example': storedRule(rule) })['x.example']).toEqual(rule);
    expect(storedRule({ hold: ['screen'], neverAlert: true })).toEqual({ hold: ['screen'], neverAlert: true });
  });
});
