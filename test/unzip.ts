/**
 * A zip reader for the tests, written from the format (PKWARE APPNOTE 4.3.12, 4.3.16), not from scripts/zip.mjs:
 * reads the central directory and each entry's data. Stored and deflated entries only, no ZIP64: what a release
 * archive holds.
 */
import { inflateRawSync } from 'node:zlib';

export interface ZipEntry { name: string; data: Buffer; mode: number; time: number; date: number; crc: number }

export function unzip(archive: Buffer): ZipEntry[] {
  const end = archive.length - 22;
  if (archive.readUInt32LE(end) !== 0x06054b50) throw new Error('unzip: no end record (or a comment)');
  const count = archive.readUInt16LE(end + 10);
  let at = archive.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (archive.readUInt32LE(at) !== 0x02014b50) throw new Error(`unzip: no central header at ${at}`);
    const method = archive.readUInt16LE(at + 10);
    const [time, date] = [archive.readUInt16LE(at + 12), archive.readUInt16LE(at + 14)];
    const crc = archive.readUInt32LE(at + 16);
    const size = archive.readUInt32LE(at + 20);
    const [nameLength, extraLength, commentLength] = [28, 30, 32].map((o) => archive.readUInt16LE(at + o)) as
      [number, number, number];
    const mode = archive.readUInt32LE(at + 38) >>> 16;
    const offset = archive.readUInt32LE(at + 42);
    const name = archive.toString('utf8', at + 46, at + 46 + nameLength);
    const start = offset + 30 + archive.readUInt16LE(offset + 26) + archive.readUInt16LE(offset + 28);
    const body = archive.subarray(start, start + size);
    if (method !== 0 && method !== 8) throw new Error(`unzip: ${name} uses method ${method}`);
    entries.push({ name, data: method === 8 ? inflateRawSync(body) : Buffer.from(body), mode, time, date, crc });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
