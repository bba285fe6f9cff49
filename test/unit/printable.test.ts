// What the reports print from the repository: one line, no terminal or CI log command, JSON unchanged in meaning.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inertJson, printable, printableLine, printableLines } from '../../src/report/printable.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const hostile = fc.string({
  unit: fc.constantFrom('a', ':', '#', '[', ']', ' ', '\n', '\r', '\t', '\u001b', '\u0007', '\u009b', '\u202e', '\u2028', '%', '\\', 'é'),
  maxLength: 12,
});

describe('printable', () => {
  it('writes control characters as escapes a reader can see', () => {
    expect(printable('a\nb\r\tc\u001b[31m\u0007\u009b\u202e')).toBe('a\\nb\\r\\tc\\x1b[31m\\x07\\x9b\\u202e');
    expect(printable('##[add-mask]x')).toBe('##\\x5badd-mask]x');
    expect(printable('1.2.3 — ü')).toBe('1.2.3 — ü');
  });

  it('leaves no unsafe character and no "##[" in any text', () => {
    fc.assert(fc.property(hostile, (s) => !UNSAFE.test(printable(s)) && !printable(s).includes('##[')));
  });

  it('never begins a line with "::", even after spaces', () => {
    expect(printableLine('  ::error::x')).toBe('  \\x3a:error::x');
    fc.assert(fc.property(hostile, (s) => !printableLine(s).trimStart().startsWith('::')));
    expect(printableLines('a\n ::warning::x\nb')).toBe('a\n \\x3a:warning::x\nb');
  });
});

describe('inertJson', () => {
  it('keeps the data: parsing the inert text gives the same value', () => {
    fc.assert(
      fc.property(fc.dictionary(hostile, hostile), (value) => {
        const text = inertJson(JSON.stringify(value, null, 2));
        return !UNSAFE.test(text.replace(/\n/g, '')) && !text.includes('##[') && JSON.stringify(JSON.parse(text)) === JSON.stringify(value);
      }),
    );
  });
});
