// The plain inflate that reads loose objects, with node:zlib as the oracle.
import { constants, deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inflatePlain } from '../../src/git/inflate.js';

const STRATEGIES = [constants.Z_DEFAULT_STRATEGY, constants.Z_FIXED, constants.Z_HUFFMAN_ONLY, constants.Z_RLE, constants.Z_FILTERED];
/** Text with repeats, as source files have, and arbitrary bytes. */
const content = fc.oneof(
  fc.uint8Array({ maxLength: 2000 }),
  fc
    .array(fc.constantFrom('version = "1.0.0"\n', '[project]\n', 'name', ' ', '\r\n', '__version__', 'é', 'x'), { maxLength: 300 })
    .map((parts) => Buffer.from(parts.join(''))),
);

describe('inflatePlain', () => {
  it('inflates what zlib deflates, at every level and strategy', () => {
    fc.assert(
      fc.property(
        content,
        fc.integer({ min: 0, max: 9 }),
        fc.constantFrom(...STRATEGIES),
        fc.integer({ min: 9, max: 15 }),
        (bytes, level, strategy, windowBits) => {
          const packed = deflateSync(bytes, { level, strategy, windowBits });
          expect(Buffer.from(inflatePlain(packed, 1 << 20)!)).toEqual(Buffer.from(bytes));
        },
      ),
    );
  });

  it('inflates a large object that needs every kind of block and long distances', () => {
    const text = Buffer.from(Array.from({ length: 20000 }, (_, i) => `line ${i % 997} ${(i * 7919) % 65536}\n`).join(''));
    const bytes = Buffer.concat([text, Buffer.alloc(70000, 1), Buffer.from(Array.from({ length: 70000 }, (_, i) => (i * 2654435761) >>> 24))]);
    // equals(), not toEqual: a deep comparison of half a megabyte takes seconds.
    for (const level of [0, 1, 6, 9]) expect(Buffer.from(inflatePlain(deflateSync(bytes, { level }), 1 << 22)!).equals(bytes)).toBe(true);
  });

  it('stops at the bound instead of inflating a bomb', () => {
    const bomb = deflateSync(Buffer.alloc(8 << 20));
    expect(inflatePlain(bomb, 1 << 20)).toBeUndefined();
    expect(inflatePlain(bomb, 8 << 20)?.length).toBe(8 << 20);
  });

  it('says undefined, never throws, for anything malformed: garbage, a damaged stream, a stream cut short', () => {
    fc.assert(
      fc.property(content, fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.nat(), (bytes, noise, at) => {
        const packed = deflateSync(bytes);
        const damaged = Buffer.from(packed);
        for (let i = 0; i < noise.length; i++) damaged[(at + i) % damaged.length]! ^= noise[i]!;
        for (const input of [noise, damaged, packed.subarray(0, at % packed.length)]) {
          const out = inflatePlain(input, 1 << 16);
          expect(out === undefined || out instanceof Uint8Array).toBe(true);
        }
      }),
    );
    expect(inflatePlain(Buffer.from('x\x9c'), 100)).toBeUndefined();
    expect(inflatePlain(Buffer.alloc(0), 100)).toBeUndefined();
  });
});
