import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { locateRegexVersion, locateRegexVersions } from '../../src/sources/regex.js';
import type { Located } from '../../src/sources/types.js';

const sliced = (text: string, located: Located) => located.hits.map((h) => text.slice(h.start, h.end));
const pattern = 'heimdall-mcp==(?<version>[^\\s`]+)';

describe('locateRegexVersion', () => {
  it('finds every match with the exact range of the group', () => {
    const text = 'pip install heimdall-mcp==0.2.0\r\n`heimdall-mcp==0.2.1`\n';
    const located = locateRegexVersion(text, { pattern });
    expect(located.problems).toEqual([]);
    expect(located.label).toBe(pattern);
    expect(located.hits).toEqual([
      { value: '0.2.0', start: 26, end: 31 },
      { value: '0.2.1', start: 48, end: 53 },
    ]);
    expect(sliced(text, located)).toEqual(['0.2.0', '0.2.1']);
  });

  it('keeps UTF-16 offsets after a BOM and wide characters', () => {
    const text = '\uFEFF# 😀 ünïcode\nversion = "1.2.3"\n';
    const located = locateRegexVersion(text, { pattern: '^version = "(?<version>[^"]+)"' });
    expect(sliced(text, located)).toEqual(['1.2.3']);
    expect(located.hits[0]!.start).toBe(text.indexOf('1.2.3'));
  });

  it('anchors ^ and $ at every line, CRLF included', () => {
    const text = 'v=1\r\nx v=2\nv=3';
    // JavaScript's multiline $ also stops before \r, so CRLF lines need nothing special.
    expect(sliced(text, locateRegexVersion(text, { pattern: '^v=(?<version>\\d+)$' }))).toEqual(['1', '3']);
  });

  it('finds the group even when other groups come first', () => {
    const text = 'name: x, version: 4.5.6';
    expect(sliced(text, locateRegexVersion(text, { pattern: '(name): (\\w+), version: (?<version>[\\d.]+)' }))).toEqual(['4.5.6']);
  });

  it('reports a pattern that matches nothing', () => {
    expect(locateRegexVersion('nothing', { pattern }).problems).toEqual([{ kind: 'not-found', message: `the pattern /${pattern}/ matches nothing` }]);
  });

  it.each([
    ['v(\\d+)', 'no named group'],
    ['[(?<version>x)]', 'no named group'],
    ['(?<ver>x)', 'no named group'],
    ['(?<version>', 'invalid pattern: '],
    ['a)|(?<version>b', 'invalid pattern: '],
    ['', 'no pattern given'],
  ])('reports %j as an invalid pattern', (bad, words) => {
    const located = locateRegexVersion('x', { pattern: bad });
    expect(located.hits).toEqual([]);
    expect(located.problems).toHaveLength(1);
    expect(located.problems[0]!.kind).toBe('parse-error');
    expect(located.problems[0]!.message).toMatch(/^invalid pattern: /);
    expect(located.problems[0]!.message).toContain(words);
  });

  it('reports a missing pattern without throwing', () => {
    expect(locateRegexVersion('x', {}).problems[0]).toMatchObject({ kind: 'parse-error' });
  });

  it('does not loop on patterns that can match the empty string', () => {
    expect(locateRegexVersion('abc', { pattern: '(?<version>x?)' }).hits).toEqual([]);
    expect(locateRegexVersion('abc', { pattern: '(?<version>x*)|' }).problems[0]).toMatchObject({ kind: 'not-found' });
    expect(sliced('a1b22', locateRegexVersion('a1b22', { pattern: '(?<version>\\d*)' }))).toEqual(['1', '22']);
  });

  it('never throws, whatever the pattern', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (text, p) => void locateRegexVersion(text, { pattern: p })));
  });

  it('locates many texts under one time bound, and a pattern that backtracks without end stops only its own source', () => {
    const fine = { text: 'pip install heimdall-mcp==1.2.3\n', options: { pattern } };
    // Second in the batch: it is stopped there, run again alone with the whole bound, and stopped again.
    const hostile = { text: `${'a'.repeat(40)}!\n`, options: { pattern: '(?<version>(a+)+)$' } };
    const located = locateRegexVersions([fine, hostile, { text: 'no', options: { pattern: '(?<version>' } }, fine]);
    expect(located.map((l) => l.hits.map((h) => h.value))).toEqual([['1.2.3'], [], [], ['1.2.3']]);
    expect(located[1]!.problems[0]!.message).toContain('was stopped after 1.5 s');
    expect(located[2]!.problems[0]!.message).toMatch(/^invalid pattern: /);
  });
});
