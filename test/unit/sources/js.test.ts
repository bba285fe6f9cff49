// The js source kind as a table: an exported string constant of a JavaScript or TypeScript module.
import { testSourceKind } from './tester.js';

testSourceKind('js', {
  valid: [
    { text: "export const VERSION = '1.0.0';\n", versions: [{ value: '1.0.0', line: 1, column: 25 }] },
    { name: 'TypeScript, as const', text: 'export const VERSION: string = "1.0.0" as const;\n', versions: [{ value: '1.0.0', line: 1, column: 33 }] },
    { name: 'an export list', text: "const v = '2.0.0';\nexport { v as VERSION };\n", versions: [{ value: '2.0.0', line: 1, column: 12 }] },
    { name: 'a template literal', text: 'export const version = `3.0.0`;\n', versions: [{ value: '3.0.0', line: 1, column: 25 }] },
    { name: 'a configured export', text: "export const PKG = '4.0.0';\n", options: { export: 'PKG' }, versions: [{ value: '4.0.0', line: 1, column: 21 }] },
  ],
  invalid: [
    { text: "const VERSION = '1.0.0';\n", problems: [{ kind: 'not-found' }] },
    {
      name: 'a template literal with a substitution',
      text: 'export const VERSION = `$' + '{A}.0`;\n',
      problems: [{ kind: 'uncheckable', line: 1, column: 24 }],
    },
    { text: 'export const VERSION = make();\n', problems: [{ kind: 'uncheckable', line: 1, column: 24 }] },
    { text: 'export const VERSION = ;\n', problems: [{ kind: 'parse-error', line: 1, column: 24 }] },
    {
      name: '10,000 nested parentheses',
      text: `export const VERSION = ${'('.repeat(10_000)}'1'${')'.repeat(10_000)};\n`,
      problems: [{ kind: 'parse-error', line: 1, column: 10_023 }],
    },
  ],
});
