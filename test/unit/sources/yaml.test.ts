// The yaml source kind as a table (CITATION.cff): positions come from the yaml library's nodes.
import { expect } from 'vitest';
import { testSourceKind } from './tester.js';

testSourceKind('yaml', {
  valid: [
    { text: 'cff-version: 1.2.0\nversion: 1.0.0\n', versions: [{ value: '1.0.0', line: 2, column: 10 }] },
    { name: 'double quotes', text: 'version: "1.0.0"\n', versions: [{ value: '1.0.0', line: 1, column: 11 }] },
    { name: 'single quotes and a comment', text: "version: '1.0.0'  # the release\n", versions: [{ value: '1.0.0', line: 1, column: 11 }] },
    { name: 'a nested key', text: 'a:\n  version: 2.0.0\nversion: 9\n', options: { key: 'a.version' }, versions: [{ value: '2.0.0', line: 2, column: 12 }] },
    { name: 'a flow mapping', text: 'a: { version: 2.0.0 }\n', options: { key: 'a.version' }, versions: [{ value: '2.0.0', line: 1, column: 15 }] },
    { name: 'a 1 MB line before it', text: `title: ${'a'.repeat(1_000_000)}\nversion: 1.0.0\n`, versions: [{ value: '1.0.0', line: 2, column: 10 }] },
  ],
  invalid: [
    { text: 'title: x\n', problems: [{ kind: 'not-found' }] },
    { text: 'version: 1.0.0\nversion: 2.0.0\n', problems: [{ kind: 'ambiguous', line: 2, column: 1 }] },
    { text: 'version: |\n  1.0.0\n', problems: [{ kind: 'uncheckable', line: 1, column: 10 }] },
    { text: 'version: "1.0\\x2e0"\n', problems: [{ kind: 'uncheckable', line: 1, column: 10 }] },
    { text: 'version:\n  a: 1\n', problems: [{ kind: 'not-found' }] },
    { text: 'version: [1\n', problems: [{ kind: 'parse-error', line: 2, column: 1 }] },
    // The yaml library stops where its stack runs out: the column depends on the stack's size.
    {
      name: 'flow sequences nested 10,000 deep',
      text: `version: 1.0.0\na: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`,
      problems: [{ kind: 'parse-error', line: 2, column: expect.any(Number) }],
    },
  ],
});
