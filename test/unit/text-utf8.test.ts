// The first bad byte of UTF-8 text, found in one pass, against the decoder itself: for every short
// sequence of the bytes where UTF-8's rules change, the offset named is the one where the strict
// decoder first fails on a whole sequence.
import { describe, expect, it } from 'vitest';
import { decodeUtf8 } from '../../src/core/text.js';

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The reference: each sequence as its lead byte announces it, handed to the strict decoder alone. */
function reference(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (len === 0 || i + len > bytes.length) return i;
    try {
      strict.decode(bytes.subarray(i, i + len));
    } catch {
      return i;
    }
    i += len;
  }
  return -1;
}

const EDGES = [0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xee, 0xef, 0xf0, 0xf4, 0xf5, 0xff];

describe('decodeUtf8', () => {
  it('names the first bad byte where the decoder fails, for every sequence of up to 4 of the edge bytes and random longer ones', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const cases: number[][] = [];
    for (let a = 0; a < EDGES.length; a++) for (let b = 0; b < EDGES.length; b++) cases.push([EDGES[a]!, EDGES[b]!, 0x80, 0x80], [0x41, EDGES[a]!, EDGES[b]!]);
    for (let n = 0; n < 3000; n++) cases.push(Array.from({ length: 1 + random(9) }, () => EDGES[random(EDGES.length)]!));
    let bad = 0;
    for (const c of cases) {
      const bytes = new Uint8Array(c);
      const at = reference(bytes);
      const decoded = decodeUtf8(bytes);
      if (at === -1) expect(decoded).toEqual({ text: strict.decode(bytes) });
      else {
        bad++;
        expect('error' in decoded && decoded.error, c.map((x) => x.toString(16)).join(' ')).toContain(`at offset ${at})`);
      }
    }
    expect(bad).toBeGreaterThan(1000);
  });

  it('finds a bad byte at the end of 64 MB of text and says where it is', () => {
    const bytes = Buffer.alloc(64 << 20, 0x61);
    bytes[bytes.length - 2] = 0x0a;
    bytes[bytes.length - 1] = 0xff;
    expect(decodeUtf8(bytes)).toEqual({ error: `not valid UTF-8 (byte 0xff at offset ${bytes.length - 1})`, line: 2, column: 1 });
  });
});
