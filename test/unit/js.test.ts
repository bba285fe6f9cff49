import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { locateJsVersion } from '../../src/sources/js-babel.js';
import type { Located } from '../../src/sources/types.js';

const sliced = (text: string, located: Located) => located.hits.map((h) => text.slice(h.start, h.end));

describe('locateJsVersion', () => {
  it.each([
    ["export const VERSION = '0.1.0';", 'VERSION'],
    ['export const VERSION: string = "0.1.0";', 'VERSION'],
    ["export const VERSION = '0.1.0' as const;", 'VERSION'],
    ["export const VERSION = ('0.1.0' satisfies string);", 'VERSION'],
    ["export const VERSION = <const>'0.1.0';", 'VERSION'],
    ["export let VERSION = '0.1.0';", 'VERSION'],
    ['export const VERSION = `0.1.0`;', 'VERSION'],
    ["export const NAME = 'x', VERSION = '0.1.0';", 'VERSION'],
    ["const VERSION = '0.1.0';\nexport { VERSION };", 'VERSION'],
    ["const v = '0.1.0';\nexport { v as version };", 'version'],
    ["export const version = '0.1.0';", 'version'],
    ["export const version = '9';\nexport const VERSION = '0.1.0';", 'VERSION'],
    ["const App = () => <div>{'9'}</div>;\nexport const VERSION = '0.1.0';", 'VERSION'],
    ["const less = a < b > (c);\nexport const VERSION = '0.1.0';", 'VERSION'],
  ])('finds %s', (text, label) => {
    const located = locateJsVersion(text, {});
    expect(located.problems).toEqual([]);
    expect(sliced(text, located)).toEqual(['0.1.0']);
    expect(located.hits[0]!.value).toBe('0.1.0');
    expect(located.label).toBe(label);
  });

  it('gives the exact range of the string content', () => {
    expect(locateJsVersion("export const VERSION = '0.1.0';", {}).hits).toEqual([{ value: '0.1.0', start: 24, end: 29 }]);
    expect(locateJsVersion('export const VERSION = `0.1.0`;', {}).hits).toEqual([{ value: '0.1.0', start: 24, end: 29 }]);
  });

  it('uses the export asked for', () => {
    const text = "export const VERSION = '9';\nconst v = '0.1.0';\nexport { v as libVersion };";
    const located = locateJsVersion(text, { export: 'libVersion' });
    expect(sliced(text, located)).toEqual(['0.1.0']);
    expect(located.label).toBe('libVersion');
    expect(locateJsVersion(text, { export: 'v' }).problems[0]).toMatchObject({ kind: 'not-found', message: 'v is declared but not exported' });
  });

  it('ignores comments, strings, unexported constants and constants in functions', () => {
    const text = [
      "// export const VERSION = '9';",
      "/* export const VERSION = '8'; */",
      'const s = "export const VERSION = \'7\'";',
      "function f() { const VERSION = '6'; return VERSION; }",
      "export const VERSION = '0.1.0';",
    ].join('\n');
    expect(sliced(text, locateJsVersion(text, {}))).toEqual(['0.1.0']);
    const hidden = "const VERSION = '9';\nfunction f() { const version = '8'; }\n";
    expect(locateJsVersion(hidden, {}).problems).toEqual([{ kind: 'not-found', message: 'VERSION is declared but not exported' }]);
  });

  it('does not support export default or re-exports', () => {
    expect(locateJsVersion("export default '1.0.0';", {}).problems).toEqual([{ kind: 'not-found', message: 'no exported constant VERSION (or version)' }]);
    expect(locateJsVersion("export { VERSION } from './v.js';", {}).problems[0]).toMatchObject({ kind: 'not-found' });
    expect(locateJsVersion('', { export: 'V' }).problems).toEqual([{ kind: 'not-found', message: 'no exported constant V' }]);
  });

  it('reports a value that is not a literal as uncheckable', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: JavaScript source text under test, with a template literal in it
    for (const init of ['pkg.version', "'1' + '.0'", '`${major}.0.0`', 'String(1)']) {
      const text = `export const VERSION = ${init};`;
      const located = locateJsVersion(text, {});
      expect(located.hits).toEqual([]);
      expect(located.problems[0]).toMatchObject({ kind: 'uncheckable', offset: 23 });
      expect(located.label).toBe('VERSION');
    }
  });

  it('reports a syntax error with its offset', () => {
    const located = locateJsVersion("export const VERSION = ;\nexport const version = '1';", {});
    expect(located.hits).toEqual([]);
    expect(located.problems).toEqual([{ kind: 'parse-error', message: 'cannot parse: Unexpected token', offset: 23 }]);
    expect(locateJsVersion("\r\nexport const VERSION = '1", {}).problems[0]).toMatchObject({ kind: 'parse-error', offset: 25 });
  });

  it('keeps offsets right with a BOM, CRLF and wide characters', () => {
    const text = "\uFEFF// 😀 ünïcode\r\nexport const VERSION = '0.1.0';\r\n";
    const located = locateJsVersion(text, { export: 'VERSION' });
    expect(sliced(text, located)).toEqual(['0.1.0']);
    expect(located.hits[0]!.start).toBe(text.indexOf('0.1.0'));
    const broken = '\uFEFFexport const VERSION = ;';
    expect(locateJsVersion(broken, {}).problems[0]).toMatchObject({ kind: 'parse-error', offset: broken.indexOf(';') });
  });

  it('never throws, whatever the text', () => {
    const pieces = fc.constantFrom(
      'export ',
      'const ',
      'VERSION',
      ' = ',
      "'1.0.0'",
      '`1`',
      ' as const',
      ';',
      '{ ',
      ' }',
      ' as version',
      '\n',
      '<',
      '>',
      '(',
      ')',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(pieces).map((p) => p.join('')),
        ),
        (text) => void locateJsVersion(text, {}),
      ),
    );
  });
});
