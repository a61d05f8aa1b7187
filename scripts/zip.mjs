/**
 * A reproducible zip: the same files give the same bytes on any machine. Entries are sorted by name (byte order),
 * every entry carries one fixed time (1980-01-01 00:00, the earliest a zip's DOS time can say) and a Unix mode of
 * 0644 or 0755 only, no extra fields, no directory entries, deflated by node:zlib at level 9 (stored when that is
 * not smaller). Nothing of the machine (time, owner, umask, file system order) reaches the archive.
 * Written here, not taken from npm: the format needs about a hundred lines, and the zip packages on npm either
 * stamp the current time by default or pull in stream dependencies the release path would then trust.
 * Format: PKWARE APPNOTE 6.3.10, sections 4.3.7 (local header), 4.3.12 (central directory), 4.3.16 (end record).
 */
import { deflateRawSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(data) {
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = CRC_TABLE[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const DOS_TIME = 0; // 00:00:00
const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
const MADE_BY_UNIX = (3 << 8) | 20; // host system 3 (Unix), so the external attributes hold the mode; spec 2.0
const NEEDS = 20;
const UTF8_NAMES = 1 << 11;

/**
 * @param {{name: string, data: Buffer, isExecutable?: boolean}[]} files paths with forward slashes
 * @returns {Buffer}
 */
export function zip(files) {
  const sorted = [...files].sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data, isExecutable } of sorted) {
    if (name.startsWith('/') || name.includes('\\') || name.split('/').includes('..')) {
      throw new Error(`zip: unsafe entry name ${name}`);
    }
    const nameBytes = Buffer.from(name, 'utf8');
    const deflated = deflateRawSync(data, { level: 9 });
    const isDeflated = deflated.length < data.length;
    const body = isDeflated ? deflated : data;
    const crc = crc32(data);
    const mode = (isExecutable ? 0o100755 : 0o100644);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(NEEDS, 4);
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(isDeflated ? 8 : 0, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(MADE_BY_UNIX, 4);
    local.copy(central, 6, 4, 30); // needs, flags, method, time, date, crc, sizes, name length, extra length
    central.writeUInt16LE(0, 32); // comment length
    central.writeUInt16LE(0, 34); // disk
    central.writeUInt16LE(0, 36); // internal attributes
    central.writeUInt32LE((mode << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);

    locals.push(local, nameBytes, body);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  if (offset > 0xffffffff || sorted.length > 0xffff) throw new Error('zip: too large for a zip without ZIP64');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(sorted.length, 8);
  end.writeUInt16LE(sorted.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
