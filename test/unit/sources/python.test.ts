// The python source kind as a table: module-level literals and metadata lookups with their positions;
// problems by kind and position (not checkable bindings, broken files, missing variables).
import { testSourceKind } from './tester.js';

const HEIMDALL = 'try:\n    SYSTEM_VERSION = version("heimdall-mcp-server")\nexcept PackageNotFoundError:\n    SYSTEM_VERSION = "0.1.0"\n';

testSourceKind('python', {
  valid: [
    { text: '__version__ = "1.0.0"\n', versions: [{ value: '1.0.0', line: 1, column: 16 }] },
    {
      name: "heimdall-mcp's lookup and fallback",
      text: HEIMDALL,
      versions: [{ value: '0.1.0', line: 4, column: 23 }],
      lookups: [{ distribution: 'heimdall-mcp-server', line: 2, column: 31 }],
    },
    { name: 'an NFKC-equivalent name', text: '__ｖersion__ = "1.0.0"\n', versions: [{ value: '1.0.0', line: 1, column: 16 }] },
    { name: 'a configured variable', text: 'VERSION = "1"\nPKG = "2.0.0"\n', options: { variable: 'PKG' }, versions: [{ value: '2.0.0', line: 2, column: 8 }] },
    { name: 'the default variable assigned first', text: 'VERSION = "1.0.0"\n__version__ = "2.0.0"\n', versions: [{ value: '1.0.0', line: 1, column: 12 }] },
    {
      name: 'the else of if TYPE_CHECKING',
      text: 'if TYPE_CHECKING:\n    __version__ = "9"\nelse:\n    __version__ = "1.0.0"\n',
      versions: [{ value: '1.0.0', line: 4, column: 20 }],
    },
    { name: 'a BOM and CRLF', text: "\uFEFF# c\r\n__version__ = '1.0.0'\r\n", versions: [{ value: '1.0.0', line: 2, column: 16 }] },
    { name: 'parentheses over lines', text: '__version__ = (\n    "1.0.0"\n)\n', versions: [{ value: '1.0.0', line: 2, column: 6 }] },
    {
      name: '200 nested parentheses (Python allows them)',
      text: `__version__ = ${'('.repeat(200)}"1.0.0"${')'.repeat(200)}\n`,
      versions: [{ value: '1.0.0', line: 1, column: 216 }],
    },
    {
      name: 'a rebinding overridden by the literal after it',
      text: 'for __version__ in x: pass\nimport json as __version__\n__version__ = "1.0.0"\n',
      versions: [{ value: '1.0.0', line: 3, column: 16 }],
    },
    {
      name: 'decoys: a docstring, a comment, a function, an attribute',
      text: '"""__version__ = "9"."""\n# __version__ = "9"\ndef f():\n    __version__ = "9"\nobj.__version__ = "9"\n__version__ = "1.0.0"\n',
      versions: [{ value: '1.0.0', line: 6, column: 16 }],
    },
  ],
  invalid: [
    { text: '', problems: [{ kind: 'not-found' }] },
    { text: 'VERSION_INFO = (1, 0)\n', problems: [{ kind: 'not-found' }] },
    { text: '__version__ = get()\n', problems: [{ kind: 'uncheckable', line: 1, column: 1 }] },
    { text: '__version__ = f"{X}.1"\n', problems: [{ kind: 'uncheckable', line: 1, column: 1 }] },
    {
      name: 'an augmented assignment after the literal',
      text: '__version__ = "1.0.0"\n__version__ += "x"\n',
      versions: [{ value: '1.0.0', line: 1, column: 16 }],
      problems: [{ kind: 'uncheckable', line: 2, column: 1 }],
    },
    { text: '__version__, x = "1", 2\n', problems: [{ kind: 'uncheckable', line: 1, column: 1 }] },
    { text: 'for __version__ in x: pass\n', problems: [{ kind: 'uncheckable', line: 1, column: 5 }] },
    { text: 'import json as __version__\n', problems: [{ kind: 'uncheckable', line: 1, column: 16 }] },
    { text: 'if (__version__ := "1"): pass\n', problems: [{ kind: 'uncheckable', line: 1, column: 5 }] },
    {
      name: 'a global in a function, even before the literal',
      text: 'def f():\n    global __version__\n    __version__ = "9"\n__version__ = "1.0.0"\n',
      versions: [{ value: '1.0.0', line: 4, column: 16 }],
      problems: [{ kind: 'uncheckable', line: 2, column: 12 }],
    },
    { name: 'an unterminated string', text: '__version__ = "1.0.0\n', problems: [{ kind: 'parse-error', line: 1, column: 15 }] },
    {
      name: 'a bracket never closed',
      text: '__version__ = "1.0.0"\nx = (\n',
      versions: [{ value: '1.0.0', line: 1, column: 16 }],
      problems: [{ kind: 'parse-error', line: 2, column: 5 }],
    },
    { name: '201 nested parentheses', text: `x = ${'('.repeat(201)}1${')'.repeat(201)}\n`, problems: [{ kind: 'parse-error', line: 1, column: 205 }] },
    {
      name: 'inconsistent tabs and spaces',
      text: 'if True:\n\t__version__ = "0.2.0"\n        x = 1\n',
      versions: [{ value: '0.2.0', line: 2, column: 17 }],
      problems: [{ kind: 'parse-error', line: 3, column: 9 }],
    },
  ],
});

testSourceKind('python', {
  valid: [
    { text: 'setup(version="1.0.0")\n', options: { call: 'setup' }, versions: [{ value: '1.0.0', line: 1, column: 16 }] },
    { text: 'setuptools.setup(\n    name="x",\n    version=\'1.4.0\',\n)\n', options: { call: 'setup' }, versions: [{ value: '1.4.0', line: 3, column: 14 }] },
    {
      name: 'a name followed to its literal',
      text: '__version__ = "3.1.0"\nsetup(version=__version__)\n',
      options: { call: 'setup' },
      versions: [{ value: '3.1.0', line: 1, column: 16 }],
    },
  ],
  invalid: [
    { text: 'setup(name="x")\n', options: { call: 'setup' }, problems: [{ kind: 'not-found' }] },
    { text: 'setup(version=get())\n', options: { call: 'setup' }, problems: [{ kind: 'uncheckable', line: 1, column: 7 }] },
    { text: 'setup(version=V)\n', options: { call: 'setup' }, problems: [{ kind: 'uncheckable', line: 1, column: 15 }] },
  ],
});
