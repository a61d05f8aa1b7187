/**
 * The store listings (store/): each store's form in each language has every field, within the store's lengths;
 * one line for every permission, host permission and content script the manifest asks for, and none it does not;
 * the Chrome short description is the manifest's own description; the pictures exist at the stores' sizes.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
const LANGUAGES = readdirSync(join(root, '_locales'));

/** Chrome Web Store: summary 132 characters (the manifest description's limit); AMO: name 50, summary 250. */
const STORES = {
  'chrome-web-store': { summary: 'Short description', maxSummary: 132, maxName: 75 },
  'addons-mozilla-org': { summary: 'Summary', maxSummary: 250, maxName: 50 },
} as const;
const FIELDS = ['Name', 'Description', 'Single purpose', 'Permissions', 'Remote code', 'Data use', 'Pictures'];

const sections = (text: string) => Object.fromEntries([...text.matchAll(/^## (.+)\n\n([\s\S]*?)(?=\n## |(?![\s\S]))/gm)]
  .map((m) => [m[1]!, m[2]!.trim()]));

/** What the manifest asks for, as the listings name it. */
const asked = [...manifest.permissions, ...manifest.optional_permissions, ...manifest.host_permissions,
  ...(manifest.content_scripts.length ? ['content_scripts'] : [])].sort();

describe.each(Object.entries(STORES))('%s', (store, limits) => {
  describe.each(LANGUAGES)('in %s', (lang) => {
    const listing = sections(readFileSync(join(root, 'store', store, `${lang}.md`), 'utf8'));
    const messages = JSON.parse(readFileSync(join(root, '_locales', lang, 'messages.json'), 'utf8'));

    it('has every field', () => {
      expect([...FIELDS, limits.summary].filter((field) => !listing[field])).toEqual([]);
    });

    it('keeps the name and summary within the store\'s lengths', () => {
      expect(listing.Name).toBe(messages.extensionName.message);
      expect(listing.Name!.length).toBeLessThanOrEqual(limits.maxName);
      expect([...listing[limits.summary]!].length).toBeLessThanOrEqual(limits.maxSummary);
      expect(listing[limits.summary]).not.toContain('\n');
    });

    it('gives one line for each permission the manifest asks for, and no other', () => {
      const lines = listing.Permissions!.split('\n').filter((line) => line.startsWith('- '));
      expect(lines.map((line) => /^- `([^`]+)`/.exec(line)?.[1]).sort()).toEqual(asked);
      for (const line of lines) expect(line.length, line).toBeGreaterThan(60); // a reason, not a name
    });

    it('names pictures that exist at the stores\' sizes', () => {
      const named = [...listing.Pictures!.matchAll(/`(?:store\/images\/\w+\/)?([\w-]+\.png)`/g)].map((m) => m[1]!);
      expect(named.length).toBeGreaterThanOrEqual(4);
      for (const file of named) {
        const png = readFileSync(join(root, 'store', 'images', lang, file));
        const size = `${png.readUInt32BE(16)}×${png.readUInt32BE(20)}`; // IHDR width and height
        expect(size, file).toBe(file.startsWith('promo-') ? '440×280' : '1280×800');
      }
    });
  });
});

it('gives the Chrome Web Store the manifest\'s own description, which it shows as the summary', () => {
  for (const lang of LANGUAGES) {
    const listing = sections(readFileSync(join(root, 'store', 'chrome-web-store', `${lang}.md`), 'utf8'));
    const messages = JSON.parse(readFileSync(join(root, '_locales', lang, 'messages.json'), 'utf8'));
    expect(listing['Short description']).toBe(messages.extensionDescription.message);
  }
});
