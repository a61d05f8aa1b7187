/**
 * The release's archives (scripts/zip.mjs, scripts/build.mjs): the same files make the same bytes whatever order
 * and time they come in, a zip reader gets them back, and both built manifests carry package.json's version.
 * That two whole `npm run package` runs agree is test/e2e/package.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain ES module without types.
import { crc32, zip } from '../../scripts/zip.mjs';
// @ts-expect-error: plain ES module without types.
import { VERSION_PLACEHOLDER, manifestFor } from '../../scripts/build.mjs';

type Entry = { name: string; data: Buffer; isExecutable?: boolean };
const makeZip = zip as (files: Entry[]) => Buffer;
const root = resolve(__dirname, '../..');

/** A reader written from the format, not from the writer: the central directory, each entry's local data. */
function unzip(archive: Buffer) {
  const end = archive.length - 22;
  expect(archive.readUInt32LE(end)).toBe(0x06054b50);
  const count = archive.readUInt16LE(end + 10);
  let at = archive.readUInt32LE(end + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    expect(archive.readUInt32LE(at)).toBe(0x02014b50);
    const method = archive.readUInt16LE(at + 10);
    const [time, date] = [archive.readUInt16LE(at + 12), archive.readUInt16LE(at + 14)];
    const crc = archive.readUInt32LE(at + 16);
    const size = archive.readUInt32LE(at + 20);
    const nameLength = archive.readUInt16LE(at + 28);
    const extraLength = archive.readUInt16LE(at + 30);
    const mode = archive.readUInt32LE(at + 38) >>> 16;
    const offset = archive.readUInt32LE(at + 42);
    const name = archive.toString('utf8', at + 46, at + 46 + nameLength);
    const start = offset + 30 + archive.readUInt16LE(offset + 26) + archive.readUInt16LE(offset + 28);
    const body = archive.subarray(start, start + size);
    const data = method === 8 ? inflateRawSync(body) : Buffer.from(body);
    entries.push({ name, data, mode, time, date, crc });
    at += 46 + nameLength + extraLength;
  }
  return entries;
}

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
