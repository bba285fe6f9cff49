// Hostile source files with the built CLI, one per source kind: versions of 10 and 40 KB, brackets
// nested tens of thousands deep, megabyte-long lines. check ends with its documented exit code and a
// located message of reasonable length; nothing overflows the stack or is echoed back whole.
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.js';
import { cleanupTempDirs, pyproject, tempRepo } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

interface Diagnostic {
  rule: string;
  severity: string;
  messageId?: string;
  message: string;
  file?: string;
  line?: number;
}

/** A project whose primary pyproject.toml says 1.0.0, with one more source of the given kind. */
function project(file: string, content: string, source: Record<string, unknown>) {
  const config = {
    sources: [
      { file: 'pyproject.toml', type: 'toml', primary: true },
      { file, ...source },
    ],
  };
  return tempRepo({ 'pyproject.toml': pyproject('1.0.0'), [file]: content, '.heimdallrc.json': JSON.stringify(config) }).commit();
}

/** check --format json on the project: exit code, stderr, and the diagnostics about `file`. */
function check(repo: ReturnType<typeof project>, file: string) {
  const res = run(['check', '--format', 'json'], repo.dir);
  const diagnostics = (JSON.parse(res.stdout) as { diagnostics: Diagnostic[] }).diagnostics.filter((d) => d.file === file);
  return { code: res.code, stderr: res.stderr, diagnostics, longest: Math.max(0, ...diagnostics.map((d) => d.message.length)) };
}

const KINDS: [string, string, (version: string) => string, Record<string, unknown>, number][] = [
  ['python', 'pkg/version.py', (v) => `"""Doc."""\n__version__ = "${v}"\n`, { type: 'python' }, 2],
  ['python call', 'setup.py', (v) => `from setuptools import setup\nsetup(\n    version="${v}",\n)\n`, { type: 'python', call: 'setup' }, 3],
  ['json', 'package.json', (v) => `{\n  "version": "${v}"\n}\n`, { type: 'json' }, 2],
  ['yaml', 'CITATION.cff', (v) => `cff-version: 1.2.0\nversion: ${v}\n`, { type: 'yaml' }, 2],
  ['ini', 'setup.cfg', (v) => `[metadata]\nversion = ${v}\n`, { type: 'ini' }, 2],
  ['text', 'VERSION', (v) => `\n${v}\n`, { type: 'text' }, 2],
  ['regex', 'README.md', (v) => `# x\npip install pkg==${v}\n`, { type: 'regex', pattern: 'pkg==(?<version>\\S+)' }, 2],
  ['js', 'src/version.ts', (v) => `// v\nexport const VERSION = '${v}';\n`, { type: 'js' }, 2],
  ['toml', 'other.toml', (v) => `[tool.x]\nversion = "${v}"\n`, { type: 'toml', key: 'tool.x.version' }, 2],
];

describe('a version of 10 or 40 KB in each kind of source', () => {
  for (const [kind, file, content, source, line] of KINDS) {
    it(`(${kind}) is invalid-version at its line, reported briefly`, () => {
      for (const count of [5_000, 20_000]) {
        const long = `${'1.'.repeat(count)}1`;
        const result = check(project(file, content(long), source), file);
        expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 1, stderr: '' });
        expect(result.diagnostics).toEqual([expect.objectContaining({ rule: 'invalid-version', messageId: 'tooLong', line })]);
        expect(result.longest).toBeLessThan(200);
      }
    });
  }
});

// Each a file of the kind that hides a real 1.0.0 beside something hostile, or breaks in a hostile way.
const STRUCTURES: [string, string, string, Record<string, unknown>, 'ok' | [line: number, words: string, code?: number]][] = [
  [
    'python: 10,000 nested parentheses around the version',
    'pkg/version.py',
    `__version__ = ${'('.repeat(10_000)}"1.0.0"${')'.repeat(10_000)}\n`,
    { type: 'python' },
    [1, 'SyntaxError: too many nested parentheses (line 1)'],
  ],
  [
    'python: 10 KB of ( never closed',
    'pkg/version.py',
    `__version__ = "1.0.0"\nx = ${'('.repeat(10_000)}\n`,
    { type: 'python' },
    [2, 'SyntaxError: too many nested parentheses (line 2)'],
  ],
  ['python: a 1 MB line', 'pkg/version.py', `x = "${'a'.repeat(1_000_000)}"\n__version__ = "1.0.0"\n`, { type: 'python' }, 'ok'],
  [
    'python: a 1 MB name as the value',
    'pkg/version.py',
    `__version__ = ${'a'.repeat(1_000_000)}\n`,
    { type: 'python' },
    [1, '__version__ is assigned from the name aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa… at line 1', 0],
  ],
  ['json: arrays nested 100,000 deep', 'package.json', `{"a": ${'['.repeat(100_000)}${']'.repeat(100_000)}, "version": "1.0.0"}`, { type: 'json' }, 'ok'],
  [
    'json: arrays nested 100,000 deep, never closed',
    'package.json',
    `{"version": "1.0.0", "a": ${'['.repeat(100_000)}`,
    { type: 'json' },
    [1, 'invalid JSON: expected a value, found the end of the text'],
  ],
  ['json: a 1 MB string', 'package.json', `{"description": "${'a'.repeat(1_000_000)}", "version": "1.0.0"}`, { type: 'json' }, 'ok'],
  [
    'json: a 1 MB number as the version',
    'package.json',
    `{"version": ${'9'.repeat(1_000_000)}}`,
    { type: 'json' },
    [1, `"version" must be a string, not ${'9'.repeat(40)}…`],
  ],
  [
    'yaml: flow sequences nested 10,000 deep',
    'CITATION.cff',
    `version: 1.0.0\na: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`,
    { type: 'yaml' },
    [2, 'invalid YAML: nested too deeply to read'],
  ],
  ['yaml: a 1 MB line', 'CITATION.cff', `title: ${'a'.repeat(1_000_000)}\nversion: 1.0.0\n`, { type: 'yaml' }, 'ok'],
  [
    'ini: a 1 MB line that is no key',
    'setup.cfg',
    `[metadata]\nversion = 1.0.0\n${'a'.repeat(1_000_000)}\n`,
    { type: 'ini' },
    [3, `invalid INI: "${'a'.repeat(40)}…" is neither "key = value" nor a section header`],
  ],
  ['ini: a 1 MB value of spaces', 'setup.cfg', `[metadata]\nx = ${' a'.repeat(500_000)}\nversion = 1.0.0\n`, { type: 'ini' }, 'ok'],
  [
    'text: a 1 MB word before the version',
    'VERSION',
    `${'a'.repeat(1_000_000)} 1.0.0\n`,
    { type: 'text' },
    [1, `the file should hold only the version, but "${'a'.repeat(40)}…" is followed by more text`],
  ],
  [
    'toml: arrays nested 10,000 deep',
    'other.toml',
    `[tool.x]\nversion = "1.0.0"\na = ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`,
    { type: 'toml', key: 'tool.x.version' },
    [3, 'invalid TOML: document contains excessively nested structures'],
  ],
  ['toml: a 1 MB string', 'other.toml', `[tool.x]\nd = "${'a'.repeat(1_000_000)}"\nversion = "1.0.0"\n`, { type: 'toml', key: 'tool.x.version' }, 'ok'],
  ['js: a 1 MB string', 'src/version.ts', `export const D = '${'a'.repeat(1_000_000)}';\nexport const VERSION = '1.0.0';\n`, { type: 'js' }, 'ok'],
  [
    'js: 10,000 nested parentheses',
    'src/version.ts',
    `export const VERSION = ${'('.repeat(10_000)}'1.0.0'${')'.repeat(10_000)};\n`,
    { type: 'js' },
    [1, 'cannot parse: nested too deeply to read'],
  ],
];

describe('a hostile structure in a source file', () => {
  for (const [what, file, content, source, expected] of STRUCTURES) {
    it(`(${what}) ends with ${expected === 'ok' ? 'exit 0' : 'a short, located error'}`, () => {
      const result = check(project(file, content, source), file);
      expect(result.stderr).toBe('');
      if (expected === 'ok') {
        expect({ code: result.code, diagnostics: result.diagnostics }).toEqual({ code: 0, diagnostics: [] });
        return;
      }
      // An error, or (for what cannot be checked) a warning with exit 0.
      const [line, words, code = 1] = expected;
      expect(result.code).toBe(code);
      expect(result.diagnostics).toEqual([expect.objectContaining({ rule: 'source-missing', line, message: expect.stringContaining(words) })]);
      expect(result.longest).toBeLessThan(300);
    });
  }
});
