/**
 * Draws the toolbar icon (a rounded red square holding a white "stop" square) as PNGs of any size, so that no
 * binary image lives in the repository. Pure Node: zlib for the image data, a CRC table for the chunks.
 */
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
}

/** Coverage (0..1) of pixel (x, y) by a rounded square inset by `inset` with corner radius `r`, 4×4 supersampled. */
function coverage(x, y, size, inset, r) {
  let hits = 0;
  for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) {
    const px = x + (sx + 0.5) / 4;
    const py = y + (sy + 0.5) / 4;
    const lo = inset + r;
    const hi = size - inset - r;
    const dx = px < lo ? lo - px : px > hi ? px - hi : 0;
    const dy = py < lo ? lo - py : py > hi ? py - hi : 0;
    if (px >= inset && px <= size - inset && py >= inset && py <= size - inset && dx * dx + dy * dy <= r * r) hits++;
  }
  return hits / 16;
}

export function iconPng(size) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const outer = coverage(x, y, size, size * 0.04, size * 0.22);
      const inner = coverage(x, y, size, size * 0.32, size * 0.06);
      const i = y * (size * 4 + 1) + 1 + x * 4;
      const red = [197, 34, 31];
      const mix = (c) => Math.round(c * (1 - inner) + 255 * inner);
      raw[i] = mix(red[0]);
      raw[i + 1] = mix(red[1]);
      raw[i + 2] = mix(red[2]);
      raw[i + 3] = Math.round(255 * outer);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0)),
  ]);
}
