/**
 * Every word in every language: each key the code uses is in every locale, every locale has no key the code does
 * not use, a plural has the forms its language needs, and a translation keeps its original's substitutions.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messagesFrom, t, tp, useMessages } from '../../src/i18n';

const root = resolve(__dirname, '../..');
type Messages = Record<string, { message: string }>;
const locales = readdirSync(join(root, '_locales'));
const messagesOf = (locale: string): Messages =>
  JSON.parse(readFileSync(join(root, '_locales', locale, 'messages.json'), 'utf8'));

const codeFiles = (dir: string): string[] => readdirSync(join(root, dir), { withFileTypes: true })
  .flatMap((e) => (e.isDirectory() ? codeFiles(join(dir, e.name))
    : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []));
const code = ['src', 'popup', 'background'].flatMap(codeFiles).map((f) => readFileSync(join(root, f), 'utf8'))
  .join('\n');
const manifest = readFileSync(join(root, 'manifest.json'), 'utf8');

const used = new Set([...code.matchAll(/\bt\('(\w+)'/g), ...manifest.matchAll(/__MSG_(\w+)__/g)].map((m) => m[1]!));
const plurals = new Set([...code.matchAll(/\btp\('(\w+)'/g)].map((m) => m[1]!));
const substitutions = (message: string) => [...message.matchAll(/\$([1-9])/g)].map((m) => m[1]).sort().join();

it('has English and at least one more language', () => {
  expect(locales).toContain('en');
  expect(locales.length).toBeGreaterThan(1);
});

describe.each(locales)('the %s messages', (locale) => {
  const messages = messagesOf(locale);
  const english = messagesOf('en');

  it('have every key the code and the manifest use', () => {
    expect([...used].filter((key) => !messages[key])).toEqual([]);
  });

  it('have every plural form their language needs', () => {
    const forms = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
    const missing = [...plurals].flatMap((key) => forms.filter((f) => !messages[`${key}_${f}`])
      .map((f) => `${key}_${f}`));
    expect(missing).toEqual([]);
  });

  it('have no key the code does not use', () => {
    const isUsed = (key: string) => used.has(key) || plurals.has(key.replace(/_(zero|one|two|few|many|other)$/, ''));
    expect(Object.keys(messages).filter((key) => !isUsed(key))).toEqual([]);
  });

  it('keep the substitutions of the English message', () => {
    const differ = Object.keys(english)
      .filter((key) => messages[key] && substitutions(messages[key].message) !== substitutions(english[key]!.message));
    expect(differ).toEqual([]);
  });
});

describe('t and tp', () => {
  it('substitute, pick the plural form of the language, and fall back to the key', () => {
    useMessages(messagesFrom(messagesOf('de')), 'de');
    expect(tp('liveTracks', 1)).toBe('1 aktive Spur');
    expect(tp('liveTracks', 3)).toBe('3 aktive Spuren');
    expect(t('stopTrackLabel', 'Kamera')).toBe('Kamera beenden');
    expect(t('noSuchKey')).toBe('noSuchKey');
    useMessages(messagesFrom(messagesOf('en')), 'en');
    expect(tp('liveTracks', 1)).toBe('1 live track');
    expect(tp('liveTracks', 0)).toBe('0 live tracks');
    expect(t('stopResult', 'ended')).toBe('Stop: ended');
  });
});
