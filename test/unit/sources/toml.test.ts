// The toml source kind as a table: the string at a dotted key, and what keeps it from being read.
import { testSourceKind } from './tester.js';

testSourceKind('toml', {
  valid: [
    { text: '[project]\nname = "x"\nversion = "1.0.0"\n', versions: [{ value: '1.0.0', line: 3, column: 12 }] },
    {
      name: "Poetry's key",
      text: '[tool.poetry]\nversion = "2.0.0"\n',
      options: { key: 'tool.poetry.version' },
      versions: [{ value: '2.0.0', line: 2, column: 12 }],
    },
    { name: 'an inline table', text: 'project = { version = "1.0.0" }\n', versions: [{ value: '1.0.0', line: 1, column: 24 }] },
    {
      name: 'a dotted key',
      text: '[project]\nname = "x"\n\n[other]\nproject.version = "9"\n',
      options: { key: 'other.project.version' },
      versions: [{ value: '9', line: 5, column: 20 }],
    },
    { name: 'a literal string, a BOM and CRLF', text: "\uFEFF[project]\r\nversion = '1.0.0'\r\n", versions: [{ value: '1.0.0', line: 2, column: 12 }] },
    {
      name: 'decoys in comments and strings',
      text: '[project]\n# version = "9"\ndescription = """\nversion = "8"\n"""\nversion = "1.0.0"\n',
      versions: [{ value: '1.0.0', line: 6, column: 12 }],
    },
  ],
  invalid: [
    { text: '[project]\nname = "x"\n', problems: [{ kind: 'not-found' }] },
    { text: '[project]\nname = "x"\ndynamic = ["version"]\n', problems: [{ kind: 'dynamic' }] },
    { text: '[project]\nversion = 1\n', problems: [{ kind: 'not-found', line: 2, column: 11 }] },
    { text: '[project\nversion = "1"\n', problems: [{ kind: 'parse-error', line: 1, column: 9 }] },
    { text: '[project]\nversion = "1"\nversion = "2"\n', problems: [{ kind: 'parse-error', line: 3, column: 1 }] },
    {
      name: 'arrays nested 10,000 deep',
      text: `[project]\nversion = "1"\na = ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`,
      problems: [{ kind: 'parse-error', line: 3, column: 1005 }],
    },
  ],
});
