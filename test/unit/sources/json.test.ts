// The json source kind as a table: versions and their positions, problems by kind, code and position.
import { testSourceKind } from './tester.js';

const deep = `{"a": ${'['.repeat(20_000)}${']'.repeat(20_000)}, "version": "1.0.0"}`;

testSourceKind('json', {
  valid: [
    { text: '{"version": "1.0.0"}', versions: [{ value: '1.0.0', line: 1, column: 14 }] },
    { name: 'package.json', text: '{\n  "name": "x",\n  "version": "0.2.0"\n}\n', versions: [{ value: '0.2.0', line: 3, column: 15 }] },
    {
      name: 'a dotted key',
      text: '{"version": "9", "tool": {"version": "2.0.0"}}',
      options: { key: 'tool.version' },
      versions: [{ value: '2.0.0', line: 1, column: 39 }],
    },
    { name: 'a BOM (not a column)', text: '\uFEFF{"version":"1.0.0"}', versions: [{ value: '1.0.0', line: 1, column: 13 }] },
    { name: 'CRLF', text: '{\r\n\t"version": "1.0.0"\r\n}\r\n', versions: [{ value: '1.0.0', line: 2, column: 14 }] },
    { name: 'an escape decoded', text: '{"version": "1.0\\u002e0"}', versions: [{ value: '1.0.0', line: 1, column: 14 }] },
    {
      name: 'the same key in other objects and arrays',
      text: '{"a": {"version": "9"}, "b": [{"version": "8"}], "version": "1.0.0"}',
      versions: [{ value: '1.0.0', line: 1, column: 62 }],
    },
    { name: 'arrays nested 20,000 deep before it', text: deep, versions: [{ value: '1.0.0', line: 1, column: deep.length - 6 }] },
  ],
  invalid: [
    { text: '{"name": "x"}', problems: [{ kind: 'not-found' }] },
    { text: '{"version": 1}', problems: [{ kind: 'not-found', line: 1, column: 13 }] },
    { text: '{"version": null}', problems: [{ kind: 'not-found', line: 1, column: 13 }] },
    { name: 'a version inside a top-level array', text: '[{"version": "1.0.0"}]', problems: [{ kind: 'not-found' }] },
    { name: 'a duplicate key', text: '{"version": "1",\n "version": "2"}', problems: [{ kind: 'ambiguous', line: 2, column: 2 }] },
    {
      name: 'a duplicate parent',
      text: '{"tool": {"version": "1"}, "tool": {}}',
      options: { key: 'tool.version' },
      problems: [{ kind: 'ambiguous', line: 1, column: 28 }],
    },
    { text: '{"version": "1" "name": "x"}', problems: [{ kind: 'parse-error', code: 'CommaExpected', line: 1, column: 17 }] },
    { text: '{ "version": "1", }', problems: [{ kind: 'parse-error', code: 'PropertyNameExpected', line: 1, column: 19 }] },
    { text: '{"version": "1"', problems: [{ kind: 'parse-error', code: 'CloseBraceExpected', line: 1, column: 16 }] },
    { text: '{"a": [1, 2}', problems: [{ kind: 'parse-error', code: 'CommaExpected', line: 1, column: 12 }] },
    { text: '{"a": [1, 2', problems: [{ kind: 'parse-error', code: 'CloseBracketExpected', line: 1, column: 12 }] },
    { text: '{"version" "1"}', problems: [{ kind: 'parse-error', code: 'ColonExpected', line: 1, column: 12 }] },
    { text: '[1,]', problems: [{ kind: 'parse-error', code: 'ValueExpected', line: 1, column: 4 }] },
    { text: '', problems: [{ kind: 'parse-error', code: 'ValueExpected', line: 1, column: 1 }] },
    { text: '{"version": "1"} x', problems: [{ kind: 'parse-error', code: 'InvalidSymbol', line: 1, column: 18 }] },
    { text: '{"version": "1"} {}', problems: [{ kind: 'parse-error', code: 'EndOfFileExpected', line: 1, column: 18 }] },
    { text: '{"a":\n tru}', problems: [{ kind: 'parse-error', code: 'InvalidSymbol', line: 2, column: 2 }] },
    { text: '{"version": 01}', problems: [{ kind: 'parse-error', code: 'CommaExpected', line: 1, column: 14 }] },
    { text: '{"version": 1.}', problems: [{ kind: 'parse-error', code: 'UnexpectedEndOfNumber', line: 1, column: 13 }] },
    { text: '{"version": "1\n"}', problems: [{ kind: 'parse-error', code: 'UnexpectedEndOfString', line: 1, column: 13 }] },
    { text: '{"version": "1\\x"}', problems: [{ kind: 'parse-error', code: 'InvalidEscapeCharacter', line: 1, column: 15 }] },
    { text: '{"version": "\\u12G4"}', problems: [{ kind: 'parse-error', code: 'InvalidUnicode', line: 1, column: 14 }] },
    { text: '{"version": "1\t"}', problems: [{ kind: 'parse-error', code: 'InvalidCharacter', line: 1, column: 15 }] },
    { text: '// comment\n{"version": "1"}', problems: [{ kind: 'parse-error', code: 'InvalidCommentToken', line: 1, column: 1 }] },
    { text: '{"version": "1" /* c */}', problems: [{ kind: 'parse-error', code: 'InvalidCommentToken', line: 1, column: 17 }] },
    {
      name: 'arrays nested 100,000 deep, never closed',
      text: `{"a": ${'['.repeat(100_000)}`,
      problems: [{ kind: 'parse-error', code: 'ValueExpected', line: 1, column: 100_007 }],
    },
  ],
});
