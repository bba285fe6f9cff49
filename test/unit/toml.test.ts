import fc from 'fast-check';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { locateTomlVersion, readTomlString } from '../../src/sources/toml.js';

const locate = (text: string, key?: string) => locateTomlVersion(text, key ? { key } : {});
const slice = (text: string, key?: string) => {
  const hit = locate(text, key).hits[0];
  return hit && text.slice(hit.start, hit.end);
};

const REAL = `[build-system]
requires = ["setuptools>=61.0", "wheel"]
build-backend = "setuptools.build_meta"

[project]
name = "heimdall-mcp"
# version = "9.9.9"
description = """Cognitive memory.
version = "8.8.8"
"""
dependencies = [
    "qdrant-client>=1.7.0",  # version = "7.7.7"
    "heimdall-core==0.2.0",
]
optional = { version = "6.6.6" }
version = "0.2.0"

[project.optional-dependencies]
dev = ["pytest>=7.0"]

[tool.black]
target-version = ["py311"]

[tool.mypy]
python_version = "3.11"

[tool.pytest.ini_options]
minversion = "7.0"

[tool.poetry]
version = "5.5.5"

[[tool.something]]
version = "4.4.4"
`;

describe('locateTomlVersion', () => {
  it('finds [project] version in the real pyproject shape and no decoy', () => {
    const located = locate(REAL);
    expect(located.problems).toEqual([]);
    expect(located.hits).toHaveLength(1);
    expect(slice(REAL)).toBe('0.2.0');
    expect(REAL.slice(0, located.hits[0]!.start).split('\n')).toHaveLength(16);
  });

  it('finds tool.poetry.version when asked', () => {
    expect(slice(REAL, 'tool.poetry.version')).toBe('5.5.5');
  });

  it.each([
    ['single quotes', "[project]\nversion = '0.2.0'\n"],
    ['no spaces', '[project]\nversion="0.2.0"\n'],
    ['a dotted root key', 'project.version = "0.2.0"\n'],
    ['a quoted key', '[project]\n"version" = "0.2.0"\n'],
    ['spaced dots in the header', '[ project ]\nversion = "0.2.0" # comment\n'],
    ['an inline table at the root', 'project = { name = "x", version = "0.2.0" }\n'],
    ['CRLF', '[project]\r\nname = "x"\r\nversion = "0.2.0"\r\n'],
    ['a BOM', '\uFEFF[project]\nversion = "0.2.0"\n'],
    ['no trailing newline', '[project]\nversion = "0.2.0"'],
  ])('handles %s', (_what, text) => {
    expect(slice(text)).toBe('0.2.0');
  });

  it('reports malformed TOML with its offset', () => {
    const text = '[project]\nname = "x"\nversion = "0.2.0\n';
    const located = locate(text);
    expect(located.hits).toEqual([]);
    expect(located.problems[0]).toMatchObject({ kind: 'parse-error', message: expect.stringContaining('invalid TOML') });
    expect(located.problems[0]!.offset).toBeGreaterThan(text.indexOf('version'));
  });

  it('explains a dynamic version', () => {
    expect(locate('[project]\nname = "x"\ndynamic = ["version"]\n').problems[0]).toMatchObject({ kind: 'dynamic' });
  });

  it('reports a missing key, an empty file and a non-string value', () => {
    expect(locate('[project]\nname = "x"\n').problems[0]).toMatchObject({ kind: 'not-found', message: 'no "version" key in [project]' });
    expect(locate('').problems[0]).toMatchObject({ kind: 'not-found' });
    expect(locate('[project]\nversion = 2\n').problems[0]).toMatchObject({ kind: 'not-found', message: '"project.version" must be a string, not number' });
  });

  it('reads other strings for the project name', () => {
    expect(readTomlString(REAL, 'project.name')).toBe('heimdall-mcp');
    expect(readTomlString('not toml = = =', 'project.name')).toBeUndefined();
  });
});

const semver = fc.tuple(fc.nat(99), fc.nat(99), fc.nat(99)).map((p) => p.join('.'));
const decoys = fc.shuffledSubarray([
  '# version = "9.9.9"',
  'description = """\nversion = "8.8.8"\n"""',
  "notes = '''version = \"7.7.7\"'''",
  'deps = ["a==1.0", { version = "6.6.6" }]',
  'inline = { version = "5.5.5" }',
  'minversion = "7.0"',
]);
const otherTables = fc.subarray(['[tool.black]\ntarget-version = ["py311"]', '[tool.x]\nversion = "1.1.1"', '[[tool.y]]\nversion = "2.2.2"']);

describe('property: a bump changes exactly the located range', () => {
  it('for generated pyprojects', () => {
    fc.assert(
      fc.property(
        semver,
        semver,
        decoys,
        fc.nat(6),
        otherTables,
        fc.constantFrom('"', "'"),
        fc.constantFrom('\n', '\r\n'),
        (version, next, lines, cut, tables, quote, eol) => {
          const [before, after] = [lines.slice(0, cut), lines.slice(cut)];
          const text =
            [
              ...tables,
              '[project]',
              'name = "p"',
              ...before,
              `version = ${quote}${version}${quote}`,
              ...after,
              ...tables.map((t) => t.replace(/\[tool/g, '[tool.z')),
            ].join(eol) + eol;
          const hit = locate(text).hits[0]!;
          expect(text.slice(hit.start, hit.end)).toBe(version);
          const bumped = text.slice(0, hit.start) + next + text.slice(hit.end);
          expect((parse(bumped) as { project: { version: string } }).project.version).toBe(next);
          expect(slice(bumped)).toBe(next);
          expect(bumped.slice(0, hit.start)).toBe(text.slice(0, hit.start));
          expect(bumped.slice(hit.start + next.length)).toBe(text.slice(hit.end));
        },
      ),
    );
  });
});
