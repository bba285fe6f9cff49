import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { locatePythonVersion } from '../../src/sources/python.js';

const locate = (text: string, variable?: string) => locatePythonVersion(text, variable ? { variable } : {});
const values = (text: string, variable?: string) => locate(text, variable).hits.map((h) => text.slice(h.start, h.end));

const REAL = `"""Version information for the cognitive memory system."""

from importlib.metadata import PackageNotFoundError, version

try:
    SYSTEM_VERSION = version("heimdall-mcp-server")
except PackageNotFoundError:
    # Fallback for development installs
    SYSTEM_VERSION = "0.1.0"

MCP_PROTOCOL_VERSION = "1.0.0"
SCHEMA_VERSION = 1
VERSION_FORMAT = "semver"


def get_version_info() -> dict[str, str]:
    """Return version information. __version__ = "7.7.7" is not this."""
    VERSION = "6.6.6"
    return {"system": SYSTEM_VERSION, "protocol": MCP_PROTOCOL_VERSION}
`;

describe('locatePythonVersion', () => {
  it('reads the real heimdall-mcp version.py: a lookup of the old name and a literal fallback', () => {
    const located = locate(REAL);
    expect(located.label).toBe('SYSTEM_VERSION');
    expect(located.problems).toEqual([]);
    expect(values(REAL)).toEqual(['0.1.0']);
    expect(located.lookups.map((l) => [l.distribution, REAL.slice(l.start, l.end)])).toEqual([['heimdall-mcp-server', 'heimdall-mcp-server']]);
  });

  it.each([
    ['double quotes', '__version__ = "0.2.0"\n'],
    ['single quotes', "__version__ = '0.2.0'\n"],
    ['an annotation', '__version__: str = "0.2.0"\n'],
    ['a Final annotation', '__version__: Final[str] = "0.2.0"\n'],
    ['parentheses', '__version__ = ("0.2.0")\n'],
    ['a chained assignment', '__version__ = VERSION = "0.2.0"\n'],
    ['a trailing comment', '__version__ = "0.2.0"  # the version\n'],
    ['CRLF and a BOM', '\uFEFF"""Doc."""\r\n__version__ = "0.2.0"\r\n'],
    ['tabs', 'if True:\n\t__version__ = "0.2.0"\n'],
    ['a one-line if', 'if True: __version__ = "0.2.0"\n'],
    ['a semicolon', 'import os; __version__ = "0.2.0"\n'],
    ['no trailing newline', '__version__ = "0.2.0"'],
  ])('finds a literal with %s', (_what, text) => {
    expect(values(text)).toEqual(['0.2.0']);
  });

  it('follows module-level try/except/else and if/elif/else, nested', () => {
    const text = 'try:\n    if X:\n        VERSION = "1.0.0"\n    else:\n        VERSION = "1.0.0"\nexcept ImportError:\n    VERSION = "1.0.0"\nelse:\n    pass\nfinally:\n    pass\n';
    expect(values(text)).toEqual(['1.0.0', '1.0.0', '1.0.0']);
  });

  it('ignores strings, docstrings, comments, functions, classes, with and for bodies, and other names', () => {
    const text = [
      '"""__version__ = "9.9.9" in a docstring"""',
      '# __version__ = "9.9.9"',
      'x = "__version__ = \'9.9.9\'"',
      'def f():',
      '    __version__ = "9.9.9"',
      'class C:',
      '    __version__ = "9.9.9"',
      'with open("f") as fh:',
      '    __version__ = "9.9.9"',
      'for i in range(3):',
      '    __version__ = "9.9.9"',
      '__version_info__ = (0, 2, 0)',
      'my__version__ = "9.9.9"',
      'obj.__version__ = "9.9.9"',
      '__version__ += "9"',
      '__version__ == "9.9.9"',
      '__version__ = "0.2.0"',
    ].join('\n');
    expect(values(text)).toEqual(['0.2.0']);
  });

  it('picks the first assigned default variable, or the configured one', () => {
    const text = 'VERSION = "1.0.0"\n__version__ = "2.0.0"\n';
    expect(locate(text).label).toBe('VERSION');
    expect(values(text, '__version__')).toEqual(['2.0.0']);
    expect(values('X = "3.0.0"\n', 'X')).toEqual(['3.0.0']);
  });

  it('recognises every form of metadata lookup', () => {
    for (const call of ['version', 'metadata.version', 'importlib.metadata.version', 'importlib_metadata.version']) {
      expect(locate(`__version__ = ${call}('heimdall-mcp')\n`).lookups.map((l) => l.distribution)).toEqual(['heimdall-mcp']);
    }
    expect(locate('__version__ = version(\n    "heimdall-mcp",\n)\n').lookups.map((l) => l.distribution)).toEqual(['heimdall-mcp']);
  });

  it.each([
    ['an f-string', '__version__ = f"{MAJOR}.1"\n', 'an f-string'],
    ['another call', '__version__ = get_version()\n', 'get_version()'],
    ['a name', '__version__ = OTHER\n', 'the name OTHER'],
    ['an expression', '__version__ = "0." + "2"\n', 'an expression'],
    ['an escape', '__version__ = "0.2\\x2e0"\n', 'escapes'],
    ['implicit concatenation', '__version__ = "0.2" ".0"\n', 'several concatenated strings'],
  ])('reports %s as not checkable', (_what, text, words) => {
    const located = locate(text);
    expect(located.hits).toEqual([]);
    expect(located.problems).toEqual([expect.objectContaining({ kind: 'uncheckable', message: expect.stringContaining(words), offset: 0 })]);
  });

  it('reports an unterminated string and a missing variable', () => {
    expect(locate('__version__ = "0.2.0\n').problems[0]).toMatchObject({ kind: 'parse-error', message: 'unterminated string', offset: 14 });
    expect(locate('').problems).toEqual([{ kind: 'not-found', message: 'no module-level assignment to __version__, SYSTEM_VERSION or VERSION' }]);
    expect(locate('# only a comment\n', 'X').problems).toEqual([{ kind: 'not-found', message: 'no module-level assignment to X' }]);
  });
});

const semver = fc.tuple(fc.nat(99), fc.nat(99), fc.nat(99)).map((p) => p.join('.'));
const decoy = fc.constantFrom(
  '# __version__ = "9.9.9"',
  '"""Docs: __version__ = "9.9.9"."""',
  "'''\n__version__ = '9.9.9'\n'''",
  'MCP_PROTOCOL_VERSION = "1.0.0"',
  'def f():\n    __version__ = "9.9.9"\n    return 1',
  'class K:\n    __version__ = "9.9.9"',
  'data = {"__version__": "9.9.9"}',
);

describe('property: a bump changes exactly the located range', () => {
  it('for generated modules', () => {
    fc.assert(
      fc.property(semver, semver, fc.array(decoy, { maxLength: 5 }), fc.array(decoy, { maxLength: 5 }), fc.constantFrom('"', "'", '"""'), fc.constantFrom('\n', '\r\n'),
        (version, next, before, after, quote, eol) => {
          const text = [...before, `__version__ = ${quote}${version}${quote}`, ...after].join('\n').replace(/\n/g, eol) + eol;
          const located = locate(text);
          expect(located.hits).toHaveLength(1);
          const hit = located.hits[0]!;
          expect(text.slice(hit.start, hit.end)).toBe(version);
          const bumped = text.slice(0, hit.start) + next + text.slice(hit.end);
          expect(values(bumped)).toEqual([next]);
          expect(bumped.slice(0, hit.start) + bumped.slice(hit.start + next.length)).toBe(text.slice(0, hit.start) + text.slice(hit.end));
        },
      ),
    );
  });
});
