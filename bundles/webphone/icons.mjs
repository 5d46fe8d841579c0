// The softphones' icons, drawn at build time (no image files in git): a white handset on a
// coloured tile. PNG written with node's zlib (RGBA, 8 bit, 4×4 supersampling for smooth edges).
//   iconPng(size, { color, maskable }) → Buffer
// "any" icons are a rounded tile on transparency; maskable ones fill the square and keep the
// glyph inside the 80 % safe zone (W3C manifest "purpose": "maskable").
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;   // bit depth
  ihdr[9] = 6;   // colour type RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;   // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

// Signed distances (negative inside), coordinates in [-1, 1] with y up.
const len = (x, y) => Math.hypot(x, y);
function roundedSquare(x, y, half, r) {
  const qx = Math.abs(x) - half + r;
  const qy = Math.abs(y) - half + r;
  return len(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}
function capsule(x, y, ax, ay, bx, by, r) {
  const px = x - ax, py = y - ay, dx = bx - ax, dy = by - ay;
  const h = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return len(px - dx * h, py - dy * h) - r;
}
/** A handset: a quarter arc (concave side up-right) with an ear and a mouth pad at its ends. */
function handset(x, y, s) {
  x /= s; y /= s;
  const cx = 0.22, cy = 0.22, radius = 0.66, thick = 0.15;
  const a = Math.atan2(y - cy, x - cx);
  const inArc = a <= -Math.PI / 2 + 0.0001 && a >= -Math.PI;
  const arc = inArc ? Math.abs(len(x - cx, y - cy) - radius) - thick
    : Math.min(len(x - (cx - radius), y - cy), len(x - cx, y - (cy - radius))) - thick;
  // the pads: short fat capsules at each end, reaching in towards the arc's centre
  const ear = capsule(x, y, cx - radius - 0.04, cy - 0.04, cx - radius + 0.2, cy + 0.06, 0.2);
  const mouth = capsule(x, y, cx - 0.04, cy - radius - 0.04, cx + 0.06, cy - radius + 0.2, 0.2);
  return Math.min(arc, ear, mouth) * s;
}

function hex(color) {
  const n = parseInt(color.replace('#', ''), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function iconPng(size, { color, maskable = false }) {
  const [r, g, b] = hex(color);
  const rgba = Buffer.alloc(size * size * 4);
  const N = 4;   // samples per axis
  const glyphScale = maskable ? 0.62 : 0.78;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let tile = 0, glyph = 0;
      for (let sy = 0; sy < N; sy++) {
        for (let sx = 0; sx < N; sx++) {
          const x = ((px + (sx + 0.5) / N) / size) * 2 - 1;
          const y = 1 - ((py + (sy + 0.5) / N) / size) * 2;
          const inTile = maskable || roundedSquare(x, y, 0.94, 0.36) <= 0;
          if (!inTile) continue;
          tile++;
          if (handset(x, y, glyphScale) <= 0) glyph++;
        }
      }
      const total = N * N;
      const i = (py * size + px) * 4;
      const w = glyph / Math.max(tile, 1);   // share of the tile that is white glyph
      rgba[i] = Math.round(r + (255 - r) * w);
      rgba[i + 1] = Math.round(g + (255 - g) * w);
      rgba[i + 2] = Math.round(b + (255 - b) * w);
      rgba[i + 3] = Math.round((255 * tile) / total);
    }
  }
  return encodePng(size, rgba);
}
