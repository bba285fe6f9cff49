// Other tools' patterns as ours, over text in memory: what each finds is what the tool would bump.
import { describe, expect, it } from 'vitest';
import { readToolConfigs } from '../../src/config/imports/tools.js';
import { sourceFor } from '../../src/config/imports/translate.js';
import { commitizenLines, searchPattern, versionFromParse } from '../../src/config/imports/patterns.js';
import { locateRegexVersion } from '../../src/sources/regex.js';

const found = (pattern: string, text: string) => locateRegexVersion(text, { pattern }).hits.map((h) => h.value);
const pattern = (t: { pattern: string } | { problem: string }) => {
  if (!('pattern' in t)) throw new Error(t.problem);
  return t.pattern;
};

describe("commitizen's version_files regex", () => {
  it('selects lines; the version may stand before, inside or after what the regex matches', () => {
    const lines = pattern(commitizenLines('rev:.+Commitizen'));
    expect(found(lines, 'x: 1\n    rev: v4.17.0  # updated by Commitizen\nrev: v9.9.9\n')).toEqual(['4.17.0']);
    expect(found(pattern(commitizenLines('^version')), 'version = "1.2.0"\ntarget-version = "3.11.0"\n')).toEqual(['1.2.0']);
    expect(found(pattern(commitizenLines('image')), 'image: python3.11 app 2.0.1\n')).toEqual(['2.0.1']);
  });

  it('reads every part of a version a Python tool writes', () => {
    const lines = pattern(commitizenLines('pin'));
    expect(found(lines, 'pin 1.2.0rc1\npin v1.2.0.post1.dev2\npin 1.2.0-beta.1+local.7 (x)\npin 2024.10\n')).toEqual([
      '1.2.0rc1',
      '1.2.0.post1.dev2',
      '1.2.0-beta.1+local.7',
      '2024.10',
    ]);
  });

  it('says when a regex does not translate', () => {
    expect(commitizenLines('(?i)version')).toEqual({ problem: 'the regular expression "(?i)version" does not translate to JavaScript' });
  });
});

describe('search templates with the parse pattern', () => {
  const parse = pattern(versionFromParse(String.raw`(?P<major>\d+)\.(?P<minor>\d+)\.(?P<patch>\d+)`));

  it('finds MAJOR.MINOR.PATCH, never a lone number or a piece of a longer one', () => {
    expect(found(pattern(searchPattern('The current version ', ' of', parse, false)), 'The current version 2 of x\nThe current version 1.2.0 of y\n')).toEqual([
      '1.2.0',
    ]);
    expect(found(pattern(searchPattern('', '', parse, false)), 'python 3.10.1.4 and 1.2.0, then 1.2.0.\n')).toEqual(['1.2.0', '1.2.0']);
  });

  it("takes bump-my-version's per-file parse and regex = true, and tbump's verbose [version] regex", () => {
    const tools = readToolConfigs((file) =>
      file === 'pyproject.toml'
        ? `[tool.bumpversion]\ncurrent_version = "1.2"\nparse = '(?P<major>\\d+)\\.(?P<minor>\\d+)'\n[[tool.bumpversion.files]]\nfilename = "a.txt"\nsearch = 'v\\s*{current_version}'\nregex = true\n`
        : file === 'tbump.toml'
          ? `[version]\ncurrent = "1.2.3"\nregex = '''\n  (?P<major>\\d+)  # major\n  \\.\n  (?P<minor>\\d+)\n  \\.\n  (?P<patch>\\d+)\n'''\n[[file]]\nsrc = "b.txt"\nsearch = 'pin {current_version}'\n`
          : undefined,
    );
    const [bmv, tbump] = tools.map((t) => sourceFor(t.files[0]!));
    if (!bmv || !('source' in bmv) || !tbump || !('source' in tbump)) throw new Error('not translated');
    expect(found((bmv.source as { pattern: string }).pattern, 'v 3 and v  1.2\n')).toEqual(['1.2']);
    expect(found((tbump.source as { pattern: string }).pattern, 'pin 2 pin 1.2.3\n')).toEqual(['1.2.3']);
    expect(tools[0]!.untranslated).toContain(
      'parse = "(?P<major>\\d+)\\.(?P<minor>\\d+)" finds the version, but serialize does not carry over: heimdall-version writes versions in the project\'s scheme',
    );
  });

  it('leaves a file out, saying why, when its parse refers back to its own groups', () => {
    const [bmv] = readToolConfigs((file) =>
      file === 'pyproject.toml' ? `[tool.bumpversion]\nparse = '(?P<a>\\d+)\\.(?P=a)'\n[[tool.bumpversion.files]]\nfilename = "a.txt"\n` : undefined,
    );
    expect(bmv!.files).toEqual([]);
    expect(bmv!.untranslated[0]).toBe('a.txt: parse = "(?P<a>\\d+)\\.(?P=a)" refers back to its own groups; the file was left out');
  });
});

describe("tbump's version_template", () => {
  it('is named as written, a table as TOML data rather than [object Object]', () => {
    const [tbump] = readToolConfigs((file) =>
      file === 'tbump.toml'
        ? `[version]\ncurrent = "1.2.3"\nregex = '(?P<major>\\d+)\\.(?P<minor>\\d+)\\.(?P<patch>\\d+)'\n[[file]]\nsrc = "a.txt"\nversion_template = "{major}.{minor}"\n[[file]]\nsrc = "b.txt"\nversion_template = { x = 1 }\n`
        : undefined,
    );
    expect(tbump!.untranslated.slice(0, 2)).toEqual([
      'a.txt: version_template = "{major}.{minor}" (another spelling of the version)',
      'b.txt: version_template = {"x":1} (another spelling of the version)',
    ]);
  });
});
