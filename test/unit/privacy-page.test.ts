/**
 * The privacy policy inside the extension (scripts/privacy-page.mjs): every word of each PRIVACY*.md reaches its
 * page, and each language's options page links to a page the build writes in that language.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain ES module without types.
import { POLICIES, toHtml } from '../../scripts/privacy-page.mjs';

const root = resolve(__dirname, '../..');
type Policy = { source: string; page: string; lang: string };
const words = (text: string) => text.replace(/[#*`]|^- /gm, ' ').split(/\s+/).filter(Boolean);
const unescape = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>')
  .replace(/&quot;/g, '"').replace(/&amp;/g, '&');

describe.each(POLICIES as Policy[])('$source', ({ source, page, lang }) => {
  const markdown = readFileSync(join(root, source), 'utf8');

  it('reaches its page word for word', () => {
    expect(words(unescape((toHtml as (m: string) => string)(markdown)))).toEqual(words(markdown));
  });

  it(`is the page the ${lang} options page links to`, () => {
    const messages = JSON.parse(readFileSync(join(root, '_locales', lang, 'messages.json'), 'utf8'));
    expect(messages.privacyPolicyPage.message).toBe(page);
  });
});

it('escapes markup and refuses Markdown it does not convert', () => {
  expect((toHtml as (m: string) => string)('a & b "c"')).toBe('<p>a &amp; b &quot;c&quot;</p>');
  expect(() => (toHtml as (m: string) => string)('see [here](https://example.com)')).toThrow(/unsupported/);
  expect(() => (toHtml as (m: string) => string)('1. first')).toThrow(/unsupported/);
});
