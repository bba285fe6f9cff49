import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { locateJsVersion } from '../../src/sources/js.js';
import { locateJsonVersion } from '../../src/sources/json.js';
import { locateRegexVersion } from '../../src/sources/regex.js';
import type { Located } from '../../src/sources/types.js';

const sliced = (text: string, located: Located) => located.hits.map((h) => text.slice(h.start, h.end));

describe('locateJsonVersion', () => {
  it('finds the top-level version, not the decoys', () => {
    const text = '{\n  "name": "x",\n  "description": "\\"version\\": \\"9\\"",\n  "dependencies": { "version": "1.0.0" },\n  "versions": ["2"],\n  "list": [{ "version": "3" }],\n  "version": "0.2.0"\n}\n';
    expect(sliced(text, locateJsonVersion(text, {}))).toEqual(['0.2.0']);
  });

  it('follows a dotted key path, minified, with CRLF and a BOM', () => {
    expect(sliced('{"tool":{"version":"1.2.3"}}', locateJsonVersion('{"tool":{"version":"1.2.3"}}', { key: 'tool.version' }))).toEqual(['1.2.3']);
    const text = '\uFEFF{\r\n\t"version": "0.2.0"\r\n}\r\n';
    expect(sliced(text, locateJsonVersion(text, {}))).toEqual(['0.2.0']);
  });

  it('reports malformed JSON with its offset, duplicates, absence and non-strings', () => {
    expect(locateJsonVersion('{ "version": "1", }', {}).problems[0]).toMatchObject({ kind: 'parse-error', offset: 18 });
    expect(locateJsonVersion('{"version":"1","version":"2"}', {}).problems[0]).toMatchObject({ kind: 'ambiguous' });
    expect(locateJsonVersion('{"name":"x"}', {}).problems[0]).toMatchObject({ kind: 'not-found', message: 'no "version" key' });
    expect(locateJsonVersion('{"version":2}', {}).problems[0]).toMatchObject({ kind: 'not-found', message: '"version" must be a string, not 2' });
  });

  it('property: replacing the located range changes only the version', () => {
    const semver = fc.tuple(fc.nat(99), fc.nat(99), fc.nat(99)).map((p) => p.join('.'));
    fc.assert(
      fc.property(fc.dictionary(fc.string().filter((k) => k !== 'version'), fc.jsonValue()), semver, semver, fc.constantFrom(0, 2, 4, '\t'),
        (rest, version, next, indent) => {
          const text = JSON.stringify({ ...rest, version }, null, indent);
          const hit = locateJsonVersion(text, {}).hits[0]!;
          expect(text.slice(hit.start, hit.end)).toBe(version);
          const bumped = text.slice(0, hit.start) + next + text.slice(hit.end);
          expect(JSON.parse(bumped)).toEqual({ ...JSON.parse(text), version: next });
        },
      ),
    );
  });
});

describe('locateJsVersion', () => {
  it.each([
    ["export const VERSION = '0.1.0';", 'VERSION'],
    ['export const VERSION: string = "0.1.0";', 'VERSION'],
    ["export const VERSION = '0.1.0' as const;", 'VERSION'],
    ['export const VERSION = `0.1.0`;', 'VERSION'],
    ["const VERSION = '0.1.0';\nexport { VERSION };", 'VERSION'],
    ["const v = '0.1.0';\nexport { v as version };", 'version'],
    ["// export const VERSION = '9';\nconst s = \"export const VERSION = '9'\";\nexport let VERSION = '0.1.0';", 'VERSION'],
  ])('finds %s', (text, label) => {
    const located = locateJsVersion(text, {});
    expect(sliced(text, located)).toEqual(['0.1.0']);
    expect(located.label).toBe(label);
  });

  it('ignores a constant that is not exported or lives in a function', () => {
    const text = "const VERSION = '9';\nfunction f() { const VERSION = '8'; }\n";
    expect(locateJsVersion(text, {}).problems[0]).toMatchObject({ kind: 'not-found' });
  });

  it('reports a computed value and a syntax error', () => {
    expect(locateJsVersion('export const VERSION = pkg.version;', {}).problems[0]).toMatchObject({ kind: 'uncheckable' });
    expect(locateJsVersion('export const VERSION = ;', {}).problems[0]).toMatchObject({ kind: 'parse-error', offset: 23 });
  });

  it('keeps offsets right after a BOM', () => {
    const text = "\uFEFFexport const VERSION = '0.1.0';\n";
    expect(sliced(text, locateJsVersion(text, { export: 'VERSION' }))).toEqual(['0.1.0']);
  });
});

describe('locateRegexVersion', () => {
  const pattern = 'heimdall-mcp==(?<version>[^\\s`]+)';
  it('finds every match', () => {
    const text = 'pip install heimdall-mcp==0.2.0\r\n`heimdall-mcp==0.2.0`\n';
    expect(sliced(text, locateRegexVersion(text, { pattern }))).toEqual(['0.2.0', '0.2.0']);
  });

  it('reports no match, a missing group and an invalid pattern', () => {
    expect(locateRegexVersion('nothing', { pattern }).problems[0]).toMatchObject({ kind: 'not-found' });
    expect(locateRegexVersion('x', { pattern: 'v(\\d+)' }).problems[0]).toMatchObject({ kind: 'parse-error' });
    expect(locateRegexVersion('x', { pattern: '(?<version>' }).problems[0]).toMatchObject({ kind: 'parse-error' });
  });

  it('does not loop on an empty match', () => {
    expect(locateRegexVersion('abc', { pattern: '(?<version>x?)' }).hits).toEqual([]);
  });
});
