import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { locatePythonVersion } from '../../src/sources/python/locate.js';
import type { Located } from '../../src/sources/types.js';

const locate = (text: string, variable?: string): Located => locatePythonVersion(text, variable ? { variable } : {});

/** The located literals, checking on the way that every range slices out exactly its value. */
function values(text: string, variable?: string): string[] {
  return locate(text, variable).hits.map((h) => {
    expect(text.slice(h.start, h.end)).toBe(h.value);
    return h.value;
  });
}

const distributions = (text: string): string[] =>
  locate(text).lookups.map((l) => {
    expect(text.slice(l.start, l.end)).toBe(l.distribution);
    return l.distribution;
  });

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

describe('locatePythonVersion: the real heimdall-mcp file', () => {
  it('finds the lookup of the old name and the literal fallback, and nothing else', () => {
    const located = locate(REAL);
    expect(located.label).toBe('SYSTEM_VERSION');
    expect(located.problems).toEqual([]);
    expect(located.hits).toEqual([{ value: '0.1.0', start: REAL.indexOf('0.1.0'), end: REAL.indexOf('0.1.0') + 5 }]);
    expect(distributions(REAL)).toEqual(['heimdall-mcp-server']);
  });

  it('reads the same file with CRLF line endings and a BOM', () => {
    const text = `\uFEFF${REAL.replace(/\n/g, '\r\n')}`;
    expect(values(text)).toEqual(['0.1.0']);
    expect(distributions(text)).toEqual(['heimdall-mcp-server']);
    expect(locate(text).problems).toEqual([]);
  });
});

describe('locatePythonVersion: literals', () => {
  it.each([
    ['double quotes', '__version__ = "0.2.0"\n'],
    ['single quotes', "__version__ = '0.2.0'\n"],
    ['triple quotes', '__version__ = """0.2.0"""\n'],
    ['triple single quotes', "__version__ = '''0.2.0'''\n"],
    ['an r or U prefix', '__version__ = r"0.2.0"\n__version__ = U\'0.2.0\'\n'],
    ['an annotation', '__version__: str = "0.2.0"\n'],
    ['a Final annotation', '__version__: Final[str] = "0.2.0"\n'],
    ['parentheses', '__version__ = (\n    "0.2.0"\n)\n'],
    ['a chained assignment', 'VERSION = __version__ = "0.2.0"\n'],
    ['a trailing comment', '__version__ = "0.2.0"  # the version\n'],
    ['a backslash continuation', '__version__ = \\\n    "0.2.0"\n'],
    ['a BOM', '\uFEFF__version__ = "0.2.0"\n'],
    ['CRLF', '"""Doc."""\r\n__version__ = "0.2.0"\r\n'],
    ['CRLF and a backslash continuation', '__version__ = \\\r\n    "0.2.0"\r\n'],
    ['tab indentation', 'if True:\n\t__version__ = "0.2.0"\n'],
    ['a one-line if', 'if True: __version__ = "0.2.0"\n'],
    ['a semicolon', 'import os; __version__ = "0.2.0"\n'],
    ['no trailing newline', '__version__ = "0.2.0"'],
    ['non-ASCII text around it', '"""Café ☕ 𝔘nicode."""\nnaïve = "é"\n__version__ = "0.2.0"\n'],
  ])('finds a literal with %s', (_what, text) => {
    expect(values(text).every((v) => v === '0.2.0')).toBe(true);
    expect(values(text).length).toBeGreaterThan(0);
    expect(locate(text).problems).toEqual([]);
  });

  it('puts the range of a literal after a BOM and CRLF lines at the right UTF-16 offsets', () => {
    const text = '\uFEFF# 𝔘 comment\r\n__version__ = "1.2.3"\r\n';
    const [hit] = locate(text).hits;
    expect(hit).toEqual({ value: '1.2.3', start: text.indexOf('1.2.3'), end: text.indexOf('1.2.3') + 5 });
  });
});

describe('locatePythonVersion: blocks', () => {
  it('counts the else of if TYPE_CHECKING, never its body (type checkers only; it never runs)', () => {
    const text = 'from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    __version__: str = "9.9.9"\nelse:\n    __version__ = "1.0.0"\n';
    expect(values(text)).toEqual(['1.0.0']);
  });

  it('counts try/except/else/finally and if/elif/else, also nested', () => {
    const text = [
      'try:',
      '    if X:',
      '        VERSION = "1.0.0"',
      '    elif Y:',
      '        try:',
      '            VERSION = "1.0.1"',
      '        finally:',
      '            pass',
      '    else:',
      '        VERSION = "1.0.2"',
      'except (ImportError, KeyError) as e:',
      '    VERSION = "1.0.3"',
      'else:',
      '    VERSION = "1.0.4"',
      'finally:',
      '    VERSION = "1.0.5"',
    ].join('\n');
    expect(values(text)).toEqual(['1.0.0', '1.0.1', '1.0.2', '1.0.3', '1.0.4', '1.0.5']);
  });

  it('returns to module level after a function or class body ends', () => {
    const text = 'class C:\n    def f(self):\n        __version__ = "9.9.9"\n\n\n__version__ = "0.2.0"\n';
    expect(values(text)).toEqual(['0.2.0']);
  });

  it('ignores def, class, with, for, while and match bodies, also inside module-level blocks', () => {
    const text = [
      'def f():',
      '    __version__ = "9.9.9"',
      'async def g():',
      '    __version__ = "9.9.9"',
      '@decorator(x=1)',
      'class C(Base, metaclass=M):',
      '    __version__ = "9.9.9"',
      '    if True:',
      '        __version__ = "9.9.9"',
      'class D: __version__ = "9.9.9"',
      'def h(): __version__ = "9.9.9"',
      'with open("f") as fh:',
      '    __version__ = "9.9.9"',
      'for i in range(3):',
      '    __version__ = "9.9.9"',
      'while False:',
      '    __version__ = "9.9.9"',
      'match sys.argv:',
      '    case [_, v]:',
      '        __version__ = "9.9.9"',
      'try:',
      '    def k():',
      '        __version__ = "9.9.9"',
      'except Exception:',
      '    pass',
      '__version__ = "0.2.0"',
    ].join('\n');
    expect(values(text)).toEqual(['0.2.0']);
  });

  it('takes match and case as names where they do not open a block', () => {
    const text = 'match = re.match(r"x", s)\nmatch: int = 3\ncase = {1: 2}\n__version__ = "0.2.0"\n';
    expect(values(text)).toEqual(['0.2.0']);
    expect(values('match = "0.3.0"\n', 'match')).toEqual(['0.3.0']);
  });
});

describe('locatePythonVersion: decoys', () => {
  it.each([
    ['a docstring', '"""__version__ = \'9.9.9\'"""\n'],
    ['a multi-line docstring', '"""\nDocs.\n__version__ = "9.9.9"\n"""\n'],
    ['a comment', '# __version__ = "9.9.9"\n'],
    ['a string', 'x = "__version__ = \'1\'"\n'],
    ['a dict key', 'data = {"__version__": "9.9.9"}\n'],
    ['another constant', 'MCP_PROTOCOL_VERSION = "1.0.0"\n'],
    ['a numeric constant', 'SCHEMA_VERSION = 1\n'],
    ['a version tuple', '__version_info__ = (0, 2, 0)\n'],
    ['a format constant', 'VERSION_FORMAT = "semver"\n'],
    ['a longer name', 'my__version__ = "x"\n'],
    ['an attribute target', 'obj.__version__ = "9.9.9"\n'],
    ['a subscript target', 'd[__version__] = "9.9.9"\n'],
    ['a comparison', '__version__ == "9.9.9"\n'],
    ['a keyword argument', 'setup(__version__="9.9.9")\n'],
    ['a function body', 'def f():\n    __version__ = "9.9.9"\n'],
  ])('is not fooled by %s', (_what, text) => {
    expect(locate(text)).toEqual({
      hits: [],
      lookups: [],
      problems: [{ kind: 'not-found', message: 'no module-level assignment to __version__, SYSTEM_VERSION or VERSION' }],
      label: '__version__',
    });
  });
});

describe('locatePythonVersion: other bindings are not checkable (they were taken for decoys before)', () => {
  it.each([
    ['an augmented assignment', '__version__ += "9"\n', 'an augmented assignment (+=)'],
    ['tuple unpacking', '__version__, other = "9.9.9", 1\n', 'an assignment to several targets'],
    ['a walrus in a condition', 'if (__version__ := "9.9.9"):\n    pass\n', 'an assignment expression (:=)'],
  ])('reports %s', (_what, text, how) => {
    expect(locate(text)).toEqual({
      hits: [],
      lookups: [],
      problems: [
        {
          kind: 'uncheckable',
          message: `__version__ is also bound by ${how} at line 1, so its value at import cannot be checked; assign the version as a string literal after it`,
          offset: text.indexOf('__version__'),
        },
      ],
      label: '__version__',
    });
  });
});

describe('locatePythonVersion: the variable', () => {
  it('takes the default variable whose first module-level assignment comes first', () => {
    expect(locate('VERSION = "1.0.0"\n__version__ = "2.0.0"\n').label).toBe('VERSION');
    expect(values('VERSION = "1.0.0"\n__version__ = "2.0.0"\n')).toEqual(['1.0.0']);
    expect(locate('def f():\n    VERSION = "1"\nSYSTEM_VERSION = "2.0.0"\n__version__ = "3.0.0"\n').label).toBe('SYSTEM_VERSION');
    expect(locate('# nothing here\n').label).toBe('__version__');
  });

  it('uses options.variable when given, and names it when it is missing', () => {
    const text = 'VERSION = "1.0.0"\n__version__ = "2.0.0"\nPKG_VERSION = "3.0.0"\n';
    expect(values(text, '__version__')).toEqual(['2.0.0']);
    expect(values(text, 'PKG_VERSION')).toEqual(['3.0.0']);
    expect(locate(text, 'OTHER')).toEqual({
      hits: [],
      lookups: [],
      problems: [{ kind: 'not-found', message: 'no module-level assignment to OTHER' }],
      label: 'OTHER',
    });
  });

  it('reports every module-level assignment of the variable', () => {
    expect(values('__version__ = "1.0.0"\nif X:\n    __version__ = "1.0.1"\n')).toEqual(['1.0.0', '1.0.1']);
  });
});

describe('locatePythonVersion: metadata lookups', () => {
  it.each([
    ['version("heimdall-mcp")'],
    ["version('heimdall-mcp')"],
    ['metadata.version("heimdall-mcp")'],
    ["importlib.metadata.version('heimdall-mcp')"],
    ['importlib_metadata.version("heimdall-mcp")'],
    ['version(\n  "heimdall-mcp"\n)'],
    ['version(\r\n    "heimdall-mcp",\r\n)'],
    ['(version("heimdall-mcp"))'],
  ])('recognises __version__ = %s', (call) => {
    const text = `__version__ = ${call}\n`;
    expect(distributions(text)).toEqual(['heimdall-mcp']);
    expect(locate(text).hits).toEqual([]);
    expect(locate(text).problems).toEqual([]);
  });
});

describe('locatePythonVersion: uncheckable assignments', () => {
  it.each([
    ['an f-string', '__version__ = f"{MAJOR}.1"\n', 'an f-string'],
    ['an upper-case F-string', "__version__ = F'{MAJOR}.1'\n", 'an f-string'],
    ['another call', '__version__ = get_version()\n', 'get_version()'],
    ['a call of a dotted name', '__version__ = pkg_resources.get_distribution("x").version\n', 'an expression'],
    ['a lookup with a keyword argument', '__version__ = version(distribution_name="x")\n', 'version()'],
    ['a name', '__version__ = OTHER\n', 'the name OTHER'],
    ['a number', '__version__ = 2\n', 'a number'],
    ['a concatenation', '__version__ = "0." + "2"\n', 'an expression'],
    ['a % format', '__version__ = "%d.%d" % (0, 2)\n', 'an expression'],
    ['a backslash escape', '__version__ = "0.2\\x2e0"\n', 'a string with a backslash escape'],
    ['implicit concatenation', '__version__ = "0.2" ".0"\n', 'several concatenated strings'],
    ['a bytes literal', '__version__ = b"0.2.0"\n', 'a bytes literal'],
  ])('reports %s', (_what, text, words) => {
    const located = locate(text);
    expect(located.hits).toEqual([]);
    expect(located.lookups).toEqual([]);
    expect(located.problems).toEqual([
      {
        kind: 'uncheckable',
        message: `__version__ is assigned from ${words} at line 1, which cannot be checked; assign a string literal or use importlib.metadata.version("<dist>")`,
        offset: 0,
      },
    ]);
  });

  it('gives the line and offset of the assignment, and keeps the checkable ones', () => {
    const text = 'try:\n    VERSION = get_version()\nexcept Exception:\n    VERSION = "0.1.0"\n';
    const located = locate(text);
    expect(values(text)).toEqual(['0.1.0']);
    expect(located.problems).toEqual([
      expect.objectContaining({
        kind: 'uncheckable',
        offset: text.indexOf('VERSION'),
        message: expect.stringMatching(/^VERSION is assigned from get_version\(\) at line 2,/),
      }),
    ]);
  });
});

describe('locatePythonVersion: broken and empty files', () => {
  it('reports an unterminated string, keeping what came before', () => {
    expect(locate('__version__ = "0.2.0\n')).toEqual({
      hits: [],
      lookups: [],
      problems: [{ kind: 'parse-error', message: 'unterminated string starting at line 1', offset: 14 }],
      label: '__version__',
    });
    const text = '__version__ = "0.2.0"\nx = """never closed\n';
    const located = locate(text);
    expect(values(text)).toEqual(['0.2.0']);
    expect(located.problems).toEqual([{ kind: 'parse-error', message: 'unterminated string starting at line 2', offset: text.indexOf('"""') }]);
  });

  it('reports a bracket left open', () => {
    const text = '__version__ = "0.2.0"\nx = version(\n';
    expect(locate(text).problems).toEqual([{ kind: 'parse-error', message: "'(' at line 2 is never closed", offset: text.indexOf('(') }]);
    expect(values(text)).toEqual(['0.2.0']);
  });

  it.each([
    ['an empty file', ''],
    ['a BOM only', '\uFEFF'],
    ['only comments', '# one\n   # two\r\n#'],
    ['only blank lines', '\n\n  \r\n\t\n'],
  ])('says the variable is not found in %s', (_what, text) => {
    expect(locate(text)).toEqual({
      hits: [],
      lookups: [],
      problems: [{ kind: 'not-found', message: 'no module-level assignment to __version__, SYSTEM_VERSION or VERSION' }],
      label: '__version__',
    });
  });

  it('never throws, and every range lies inside the text', () => {
    const alphabet = fc.constantFrom(...'_ab=:;.,()[]{}\'"\\#\n\r\t fr'.split(''), '__version__', 'VERSION', 'if ', 'def ', 'version(', '"""', '\uFEFF');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        const located = locatePythonVersion(text, {});
        for (const r of [...located.hits, ...located.lookups]) expect(0 <= r.start && r.start <= r.end && r.end <= text.length).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads a 5 MB file to its end (its speed is measured by npm run bench, not here)', () => {
    const chunk =
      'def f(x: int) -> dict[str, str]:\n    """__version__ = "1"."""\n    VERSION = "6.6.6"  # c\n    return {"a": [1, (2, 3)]}\n\nMCP_PROTOCOL_VERSION = "1.0.0"\n';
    const text = `${chunk.repeat(Math.ceil(5_000_000 / chunk.length))}__version__ = "0.2.0"\n`;
    expect(values(text)).toEqual(['0.2.0']);
  });
});

const semver = fc.tuple(fc.nat(99), fc.nat(99), fc.nat(99)).map((p) => p.join('.'));
const decoy = fc.constantFrom(
  '# __version__ = "9.9.9"',
  '"""Docs: __version__ = "9.9.9"."""',
  "'''\n__version__ = '9.9.9'\n'''",
  'MCP_PROTOCOL_VERSION = "1.0.0"',
  'SCHEMA_VERSION = 1',
  '__version_info__ = (0, 2, 0)',
  'my__version__ = "9.9.9"',
  'def f():\n    __version__ = "9.9.9"\n    return 1',
  'class K:\n    __version__ = "9.9.9"',
  'data = {"__version__": "9.9.9"}',
  'x = (\n    "__version__ = \'9.9.9\'"\n)',
);

// A with body runs at import: before the assignment it is overridden, after it, it would rebind the version.
const earlier = fc.constant('with ctx():\n    __version__ = "9.9.9"');

describe('property: a bump changes exactly the located range', () => {
  it('for generated modules', () => {
    fc.assert(
      fc.property(
        semver,
        semver,
        fc.array(fc.oneof(decoy, earlier), { maxLength: 6 }),
        fc.array(decoy, { maxLength: 6 }),
        fc.constantFrom('"', "'", '"""', "'''"),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        (version, next, before, after, quote, eol, bom) => {
          const body = [...before, `__version__ = ${quote}${version}${quote}`, ...after].join('\n').replace(/\n/g, eol) + eol;
          const text = (bom ? '\uFEFF' : '') + body;
          const located = locate(text);
          expect(located.problems).toEqual([]);
          expect(located.hits).toHaveLength(1);
          const hit = located.hits[0]!;
          expect(text.slice(hit.start, hit.end)).toBe(version);
          const bumped = text.slice(0, hit.start) + next + text.slice(hit.end);
          const again = locate(bumped).hits;
          expect(again).toEqual([{ value: next, start: hit.start, end: hit.start + next.length }]);
          expect(bumped.slice(0, hit.start)).toBe(text.slice(0, hit.start));
          expect(bumped.slice(hit.start + next.length)).toBe(text.slice(hit.end));
        },
      ),
    );
  });
});
