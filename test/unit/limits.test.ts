// The digit limit of every scheme, with the regular expression it replaced as the oracle.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hugeNumber } from '../../src/version/limits.js';

const oracle = (version: string) => {
  const plus = version.indexOf('+');
  return /\d{16,}/.exec(plus === -1 ? version : version.slice(0, plus))?.[0];
};

describe('hugeNumber', () => {
  it('finds the first run of more than 15 digits before any "+", as /\\d{16,}/ does', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('1', '0', '9', '.', '+', 'a', '٣', '-'), maxLength: 60 }), (version) => {
        expect(hugeNumber(version)).toBe(oracle(version));
      }),
      { numRuns: 2000 },
    );
    expect(hugeNumber('1.2.3')).toBeUndefined();
    expect(hugeNumber('1.1234567890123456.0')).toBe('1234567890123456');
    expect(hugeNumber('1.0+12345678901234567')).toBeUndefined();
  });
});
