/**
 * The release's archives (scripts/zip.mjs, scripts/build.mjs): the same files make the same bytes whatever order
 * and time they come in, a zip reader gets them back, and both built manifests carry package.json's version.
 * That two whole `npm run package` runs agree is test/e2e/package.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unzip } from '../unzip';
// @ts-expect-error: plain ES module without types.
import { crc32, zip } from '../../scripts/zip.mjs';
// @ts-expect-error: plain ES module without types.
import { VERSION_PLACEHOLDER, manifestFor } from '../../scripts/build.mjs';

type Entry = { name: string; data: Buffer; isExecutable?: boolean };
const makeZip = zip as (files: Entry[]) => Buffer;
const root = resolve(__dirname, '../..');

describe('the zip writer', () => {
  const files: Entry[] = [
    { name: 'popup.html', data: Buffer.from('<!doctype html>'.repeat(40)) },
    { name: 'icons/16.png', data: Buffer.from([0x89, 0x50, 0x4e, 0x47]) },
    { name: 'run.sh', data: Buffer.from('#!/bin/sh\n'), isExecutable: true },
    { name: '_locales/de/messages.json', data: Buffer.from('{"a":{"message":"Überall"}}') },
  ];

  it('computes the standard CRC-32', () => {
    expect((crc32 as (b: Buffer) => number)(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('makes the same bytes from the same files in any order', () => {
    expect(makeZip([...files].reverse()).equals(makeZip(files))).toBe(true);
  });

  it('holds every file sorted, intact, with one fixed time and only the modes 0644 and 0755', () => {
    const entries = unzip(makeZip(files));
    expect(entries.map((e) => e.name)).toEqual(['_locales/de/messages.json', 'icons/16.png', 'popup.html', 'run.sh']);
    for (const entry of entries) {
      const file = files.find((f) => f.name === entry.name)!;
      expect(entry.data.equals(file.data), entry.name).toBe(true);
      expect(entry.crc).toBe((crc32 as (b: Buffer) => number)(file.data));
      expect([entry.time, entry.date]).toEqual([0, 0x21]);
      expect(entry.mode.toString(8)).toBe(file.isExecutable ? '100755' : '100644');
    }
  });

  it('refuses a name that would unpack outside its folder', () => {
    expect(() => makeZip([{ name: '../evil', data: Buffer.alloc(1) }])).toThrow(/unsafe/);
  });
});

describe('the version', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

  it.each(['chromium', 'firefox'])('is package.json\'s in the %s manifest', (name) => {
    expect((manifestFor as (n: string) => { version: string })(name).version).toBe(pkg.version);
  });

  it('is only a placeholder in manifest.json, which is never loaded unbuilt', () => {
    expect(JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')).version).toBe(VERSION_PLACEHOLDER);
  });
});

describe('SOURCE.md', () => {
  const guide = readFileSync(join(root, 'SOURCE.md'), 'utf8');
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));

  it.each(['esbuild', 'typescript'])('names the locked %s version', (name) => {
    const row = new RegExp(`^\\| ${name === 'typescript' ? 'TypeScript' : name} \\| ([^ |]+)`, 'm').exec(guide);
    expect(row?.[1]).toBe(lock.packages[`node_modules/${name}`].version);
  });

  it('names a Node.js that package.json\'s engines admit', () => {
    const node = /^\| Node\.js \| (\d+)\.(\d+)\.(\d+)/m.exec(guide)!.slice(1).map(Number);
    const floor = /(\d+)\.(\d+)/.exec(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).engines.node)!
      .slice(1).map(Number);
    expect(node[0]! > floor[0]! || (node[0] === floor[0] && node[1]! >= floor[1]!)).toBe(true);
  });
});
