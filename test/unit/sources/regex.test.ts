// The regex source kind as a table: every match of the named group, and patterns that cannot work.
import { testSourceKind } from './tester.js';

const pattern = 'pkg==(?<version>[^\\s`]+)';

testSourceKind('regex', {
  valid: [
    { text: 'pip install pkg==1.0.0\n', options: { pattern }, versions: [{ value: '1.0.0', line: 1, column: 18 }] },
    {
      name: 'every match',
      text: 'pkg==1.0.0\n`pkg==1.0.0`\n',
      options: { pattern },
      versions: [
        { value: '1.0.0', line: 1, column: 6 },
        { value: '1.0.0', line: 2, column: 7 },
      ],
    },
    {
      name: 'an optional group elsewhere',
      text: 'v1.2.3\n',
      options: { pattern: '(?:x(?<other>y))?v(?<version>\\d+\\.\\d+\\.\\d+)' },
      versions: [{ value: '1.2.3', line: 1, column: 2 }],
    },
  ],
  invalid: [
    { text: 'nothing here\n', options: { pattern }, problems: [{ kind: 'not-found' }] },
    { text: 'pkg==1\n', options: { pattern: 'pkg==(\\d+)' }, problems: [{ kind: 'parse-error' }] },
    { text: 'pkg==1\n', options: { pattern: '(?<version>' }, problems: [{ kind: 'parse-error' }] },
  ],
});
