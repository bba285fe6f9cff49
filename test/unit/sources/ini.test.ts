// The ini source kind as a table (setup.cfg), read with configparser's rules.
import { testSourceKind } from './tester.js';

testSourceKind('ini', {
  valid: [
    { text: '[metadata]\nversion = 1.0.0\n', versions: [{ value: '1.0.0', line: 2, column: 11 }] },
    { name: 'a colon, another case', text: '[metadata]\nVersion: 1.0.0\n', versions: [{ value: '1.0.0', line: 2, column: 10 }] },
    {
      name: 'another section and key',
      text: '[metadata]\nversion = 9\n[bumpversion]\ncurrent_version = 2.0.0\n',
      options: { section: 'bumpversion', key: 'current_version' },
      versions: [{ value: '2.0.0', line: 4, column: 19 }],
    },
    {
      name: 'from [DEFAULT], as configparser answers',
      text: '[DEFAULT]\nversion = 2.0.0\n[metadata]\nname = x\n',
      versions: [{ value: '2.0.0', line: 2, column: 11 }],
    },
    {
      name: 'blank lines and comments after it',
      text: '[metadata]\nversion = 1.0.0\n\n# c\n\n[options]\n',
      versions: [{ value: '1.0.0', line: 2, column: 11 }],
    },
    { name: 'CRLF and trailing spaces', text: '[metadata]\r\nversion = 1.0.0  \r\n', versions: [{ value: '1.0.0', line: 2, column: 11 }] },
  ],
  invalid: [
    { text: '[options]\nversion = 1\n', problems: [{ kind: 'not-found' }] },
    { text: '[metadata]\nname = x\n', problems: [{ kind: 'not-found' }] },
    { text: '[metadata]\nversion =\n', problems: [{ kind: 'not-found', line: 2, column: 10 }] },
    { text: '[metadata]\nversion = attr: pkg.__version__\n', problems: [{ kind: 'dynamic', line: 2, column: 11 }] },
    { text: '[metadata]\nversion = 1\nversion = 2\n', problems: [{ kind: 'ambiguous', line: 3, column: 11 }] },
    { text: '[metadata]\n[metadata]\nversion = 1\n', problems: [{ kind: 'ambiguous', line: 2, column: 1 }] },
    { name: 'a value continued on the next line', text: '[metadata]\nversion =\n  1.0.0\n', problems: [{ kind: 'uncheckable', line: 2, column: 10 }] },
    {
      name: 'an indented line after a blank line continues the value',
      text: '[metadata]\nname = x\n\n    version = 1.0.0\n',
      problems: [{ kind: 'not-found' }],
    },
    { text: '[metadata]\njunk line\n', problems: [{ kind: 'parse-error', line: 2, column: 1 }] },
    { text: 'version = 1\n[metadata]\n', problems: [{ kind: 'parse-error', line: 1, column: 1 }] },
    { text: '[metadata\nversion = 1\n', problems: [{ kind: 'parse-error', line: 1, column: 1 }] },
  ],
});
