import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonSyntaxError } from '../../src/formats/json.js';
import { locateJsonVersion } from '../../src/sources/json.js';
import type { Located } from '../../src/sources/types.js';

const sliced = (text: string, located: Located) => located.hits.map((h) => text.slice(h.start, h.end));
const only = (text: string, key?: string) => {
  const located = locateJsonVersion(text, key === undefined ? {} : { key });
  expect(located.problems).toEqual([]);
  expect(located.hits).toHaveLength(1);
  return located.hits[0]!;
};

describe('locateJsonVersion', () => {
  it('finds the top-level version of a package.json with its exact range', () => {
    const text = '{\n  "name": "x",\n  "version": "0.2.0"\n}\n';
    const hit = only(text);
    expect(hit).toEqual({ value: '0.2.0', start: 31, end: 36 });
    expect(text.slice(hit.start, hit.end)).toBe('0.2.0');
    expect(locateJsonVersion(text, {}).label).toBe('version');
  });

  it('ignores the decoys', () => {
    const text = [
      '{',
      '  "description": "say \\"version\\": \\"9\\"",',
      '  "dependencies": { "version": "1.0.0" },',
      '  "versions": ["2.0.0"],',
      '  "list": [{ "version": "3.0.0" }],',
      '  "version": "0.2.0",',
      '  "after": { "version": "4.0.0" }',
      '}',
    ].join('\n');
    expect(sliced(text, locateJsonVersion(text, {}))).toEqual(['0.2.0']);
  });

  it('does not take a "version" inside a top-level array', () => {
    expect(locateJsonVersion('[{"version":"1.0.0"}]', {}).problems[0]).toMatchObject({ kind: 'not-found', message: 'no "version" key' });
  });

  it('follows a dotted key path and labels it', () => {
    const text = '{"version":"9.9.9","tool":{"name":"t","version":"1.2.3"}}';
    const located = locateJsonVersion(text, { key: 'tool.version' });
    expect(sliced(text, located)).toEqual(['1.2.3']);
    expect(located.label).toBe('tool.version');
    expect(locateJsonVersion('{"tool":"1.0.0"}', { key: 'tool.version' }).problems[0]).toMatchObject({ kind: 'not-found', message: 'no "tool.version" key' });
  });

  it.each([
    ['minified', '{"name":"x","version":"0.2.0","private":true}'],
    ['2 spaces', '{\n  "name": "x",\n  "version": "0.2.0"\n}\n'],
    ['4 spaces', '{\n    "name": "x",\n    "version": "0.2.0"\n}\n'],
    ['tabs', '{\n\t"name": "x",\n\t"version": "0.2.0"\n}\n'],
    ['CRLF', '{\r\n  "name": "x",\r\n  "version": "0.2.0"\r\n}\r\n'],
    ['BOM and CRLF', '\uFEFF{\r\n\t"version": "0.2.0"\r\n}\r\n'],
  ])('handles %s', (_, text) => {
    const hit = only(text);
    expect(text.slice(hit.start, hit.end)).toBe('0.2.0');
    expect(text[hit.start - 1]).toBe('"');
    expect(text[hit.end]).toBe('"');
  });

  it('counts a BOM as one UTF-16 unit of the offsets', () => {
    expect(only('\uFEFF{"version":"1.0.0"}')).toEqual({ value: '1.0.0', start: 13, end: 18 });
    expect(only('{"name":"😀","version":"1.0.0"}')).toEqual({ value: '1.0.0', start: 24, end: 29 });
  });

  it('decodes escapes in the value while the range covers the raw text', () => {
    const text = '{"note":"a\\"b\\\\","version":"1.0\\u002e0"}';
    expect(only(text)).toMatchObject({ value: '1.0.0' });
    expect(sliced(text, locateJsonVersion(text, {}))).toEqual(['1.0\\u002e0']);
  });

  it('reports a duplicate key as ambiguous and gives no hit', () => {
    const located = locateJsonVersion('{"version":"1","version":"2"}', {});
    expect(located.hits).toEqual([]);
    expect(located.problems).toEqual([{ kind: 'ambiguous', message: expect.stringContaining('"version" appears more than once') as string, offset: 15 }]);
    expect(located.problems[0]!.message).toContain('none is checked');
    const parent = locateJsonVersion('{"tool":{"version":"1"},"tool":{}}', { key: 'tool.version' });
    expect(parent.problems[0]).toMatchObject({ kind: 'ambiguous', message: expect.stringContaining('"tool" appears') as string });
  });

  it('does not count the same key in different objects as a duplicate', () => {
    expect(only('{"a":{"version":"9"},"version":"1","b":{"version":"8"}}')).toMatchObject({ value: '1' });
  });

  it('reports a missing key and a value that is not a string', () => {
    expect(locateJsonVersion('{"name":"x"}', {}).problems).toEqual([{ kind: 'not-found', message: 'no "version" key' }]);
    expect(locateJsonVersion('{"version":2}', {}).problems[0]).toMatchObject({ kind: 'not-found', message: '"version" must be a string, not 2', offset: 11 });
    expect(locateJsonVersion('{"version":{"a":1}}', {}).problems[0]).toMatchObject({ message: '"version" must be a string, not an object' });
    expect(locateJsonVersion('{"version":[]}', {}).problems[0]).toMatchObject({ message: '"version" must be a string, not an array' });
    expect(locateJsonVersion('{"version":null}', {}).problems[0]).toMatchObject({ message: '"version" must be a string, not null' });
  });

  it.each([
    ['{ "version": "1", }', 18, 'expected a key'],
    ['{"version": "1" "name": "x"}', 16, 'expected "," or "}"'],
    ['{"version": "1"', 15, 'found the end of the text'],
    ['{"version": "1\n"}', 12, 'unterminated string'],
    ['{"version": "1\\x"}', 14, 'invalid escape'],
    ['{"version": "\\u12G4"}', 13, 'invalid escape'],
    ['{"version": 01}', 13, 'expected "," or "}"'],
    ['{"version": "1"} x', 17, 'unexpected text after the document'],
    ['[1,]', 3, 'expected a value'],
    ['', 0, 'expected a value'],
    ['\uFEFF{"a":\r\n tru}', 9, 'expected a value'],
  ])('reports malformed JSON %j at its offset', (text, offset, words) => {
    const located = locateJsonVersion(text, {});
    expect(located.hits).toEqual([]);
    expect(located.problems).toHaveLength(1);
    expect(located.problems[0]).toMatchObject({ kind: 'parse-error', offset });
    expect(located.problems[0]!.message).toMatch(/^invalid JSON: /);
    expect(located.problems[0]!.message).toContain(words);
  });

  it('scans deep nesting and long numbers that JSON.parse accepts', () => {
    const deep = `{"a":${'['.repeat(50_000)}${']'.repeat(50_000)},"version":"1.0.0"}`;
    expect(only(deep)).toMatchObject({ value: '1.0.0' });
    expect(only(`{"n":${'9'.repeat(200)}.5e-10,"version":"1.0.0"}`)).toMatchObject({ value: '1.0.0' });
  });

  it('never throws, whatever the text', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (text, key) => void locateJsonVersion(text, { key })));
  });
});

describe('jsonSyntaxError', () => {
  it('agrees with JSON.parse on valid and slightly broken documents', () => {
    const broken = fc
      .tuple(fc.json(), fc.nat(), fc.constantFrom('', ',', '"', '}', ']', '\\', ' ', 'x', '0', '\n'), fc.nat(2))
      .map(([json, at, insert, cut]) => {
        const i = at % (json.length + 1);
        return json.slice(0, i) + insert + json.slice(i + cut);
      });
    fc.assert(
      fc.property(fc.oneof(fc.json(), broken), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        expect(jsonSyntaxError(text) === undefined).toBe(valid);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('locateJsonVersion property', () => {
  it('locates the version in random documents; replacing the range changes only the version', () => {
    const semver = fc
      .tuple(fc.nat(999), fc.nat(999), fc.nat(999), fc.option(fc.stringMatching(/^[0-9A-Za-z-]{1,8}$/), { nil: undefined }))
      .map(([a, b, c, pre]) => `${a}.${b}.${c}${pre ? `-${pre}` : ''}`);
    const rest = fc.dictionary(
      fc.string().filter((k) => k !== 'version' && k !== '__proto__'),
      fc.jsonValue(),
    );
    fc.assert(
      fc.property(
        rest,
        semver,
        semver,
        fc.constantFrom<string | number>(0, 2, 4, '\t'),
        fc.boolean(),
        fc.boolean(),
        fc.nat(),
        (others, version, next, indent, crlf, bom, place) => {
          const entries = Object.entries(others);
          entries.splice(place % (entries.length + 1), 0, ['version', version]);
          let text = JSON.stringify(Object.fromEntries(entries), null, indent);
          if (crlf) text = text.replace(/\n/g, '\r\n');
          if (bom) text = `\uFEFF${text}`;
          const hit = only(text);
          expect(hit.value).toBe(version);
          expect(text.slice(hit.start, hit.end)).toBe(version);
          const bumped = text.slice(0, hit.start) + next + text.slice(hit.end);
          const parsed = JSON.parse(bumped.replace(/^\uFEFF/, '')) as Record<string, unknown>;
          expect(parsed.version).toBe(next);
          expect(parsed).toEqual({ ...(JSON.parse(text.replace(/^\uFEFF/, '')) as object), version: next });
          expect(bumped.slice(0, hit.start)).toBe(text.slice(0, hit.start));
          expect(bumped.slice(hit.start + next.length)).toBe(text.slice(hit.end));
        },
      ),
      { numRuns: 300 },
    );
  });
});
