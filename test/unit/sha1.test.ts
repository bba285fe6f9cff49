// The SHA-1 that checks loose objects against their names, with node:crypto as the oracle.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashesTo } from '../../src/git/object-id.js';
import { sha1Hex } from '../../src/git/sha1.js';

const oracle = (...parts: Uint8Array[]) => parts.reduce((h, p) => h.update(p), createHash('sha1')).digest('hex');

describe('sha1Hex', () => {
  it('agrees with node:crypto at every length around the block and padding boundaries', () => {
    for (let n = 0; n <= 200; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 131 + n) & 255);
      expect(sha1Hex(bytes)).toBe(oracle(bytes));
    }
  });

  it('agrees with node:crypto on any parts', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 4 }), (parts) => {
        expect(sha1Hex(...parts)).toBe(oracle(...parts));
      }),
    );
  });

  it('names a blob as git does', async () => {
    // git hash-object of "hello\n", and of the empty blob.
    expect(await hashesTo('blob', Buffer.from('hello\n'), 'ce013625030ba8dba906f756967f9e9ca394464a')).toBe(true);
    expect(await hashesTo('blob', Buffer.alloc(0), 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391')).toBe(true);
    expect(await hashesTo('blob', Buffer.from('hello!'), 'ce013625030ba8dba906f756967f9e9ca394464a')).toBe(false);
    expect(await hashesTo('blob', Buffer.from('hello\n'), 'CE013625030BA8DBA906F756967F9E9CA394464A')).toBe(false);
  });
});
