// The text source kind as a table (VERSION): the whole file, trimmed.
import { testSourceKind } from './tester.js';

testSourceKind('text', {
  valid: [
    { text: '1.0.0\n', versions: [{ value: '1.0.0', line: 1, column: 1 }] },
    { name: 'a BOM, spaces and CRLF around it', text: '\uFEFF 1.2.0\r\n', versions: [{ value: '1.2.0', line: 1, column: 2 }] },
    { name: 'blank lines before it', text: '\n\n1.0.0', versions: [{ value: '1.0.0', line: 3, column: 1 }] },
  ],
  invalid: [
    { text: '', problems: [{ kind: 'not-found' }] },
    { text: ' \n\t\n', problems: [{ kind: 'not-found' }] },
    { text: '1.0.0 more\n', problems: [{ kind: 'parse-error', line: 1, column: 6 }] },
    { text: '1.0.0\nrelease notes\n', problems: [{ kind: 'parse-error', line: 1, column: 6 }] },
  ],
});
