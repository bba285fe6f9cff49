// The INI reader against Python's own configparser (the reader of setup.cfg and .bumpversion.cfg):
// every section, key and value it gives, and whether it refuses the file.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readIni } from '../../src/formats/ini.js';
import { readIniSections } from '../../src/config/imports/ini-sections.js';
import { needs } from '../helpers/env.js';

const PYTHON = process.env.HEIMDALL_TEST_PYTHON ?? '/usr/bin/python3';

type Reading = 'refused' | Record<string, Record<string, string>>;

/** What configparser (default options, no interpolation) reads from each text. */
function configparser(texts: string[]): Reading[] {
  const script = `
import configparser, json, sys
out = []
for text in json.load(sys.stdin):
    cp = configparser.ConfigParser(interpolation=None)
    try:
        cp.read_string(text)
    except configparser.Error:
        out.append('refused'); continue
    got = {name: dict(options) for name, options in cp._sections.items()}
    if cp._defaults: got['DEFAULT'] = dict(cp._defaults)
    out.append(got)
json.dump(out, sys.stdout)
`;
  const res = spawnSync(PYTHON, ['-c', script], { input: JSON.stringify(texts), encoding: 'utf8' });
  expect(res.stderr).toBe('');
  return JSON.parse(res.stdout) as Reading[];
}

/** The same from our reader; what configparser refuses in strict mode (duplicates) counts as refused. */
function ours(text: string): Reading {
  const doc = readIni(text);
  if (doc.problems.length) return 'refused';
  const names = doc.sections.map((s) => s.name).filter((n) => n !== 'DEFAULT');
  if (new Set(names).size !== names.length) return 'refused';
  const got: Record<string, Record<string, string>> = {};
  for (const s of doc.sections) got[s.name] ??= {};
  for (const o of doc.options) {
    if (o.key in got[o.section]!) return 'refused';
    got[o.section]![o.key] = o.value;
  }
  if (got.DEFAULT && Object.keys(got.DEFAULT).length === 0) delete got.DEFAULT;
  return got;
}

const hasPython = existsSync(PYTHON);

describe('readIni', () => {
  it('reads what configparser reads: blank lines inside a value, comments, continuation by indentation', () => {
    const text = '[metadata]\nname = demo\ndescription = one\n\n    two\n  # a comment line\n    three\n\nVersion: 1.0\n[options]\nkey=\n  a\n\n';
    expect(ours(text)).toEqual({ metadata: { name: 'demo', description: 'one\n\ntwo\nthree', version: '1.0' }, options: { key: '\na' } });
    const version = readIni(text).options.find((o) => o.key === 'version')!;
    expect(text.slice(version.start, version.end)).toBe('1.0');
    expect(version.multiline).toBe(false);
  });

  it('takes an indented line after a blank line as the value going on, as configparser does', () => {
    expect(ours('[metadata]\nname = x\n\n    version = 1.0\n')).toEqual({ metadata: { name: 'x\n\nversion = 1.0' } });
  });

  it.runIf(needs(hasPython, 'the configparser oracle', 'apt-get install python3'))('agrees with configparser on random files', () => {
    const word = fc.array(fc.constantFrom('a', 'B', 'x', ' ', '=', ':', '#', ';', '[', ']', '1', '.', 'é'), { maxLength: 6 }).map((c) => c.join(''));
    const indent = fc.constantFrom('', '', ' ', '  ', '\t');
    const eol = fc.constantFrom('\n', '\n', '\r\n');
    const option = fc.tuple(indent, fc.constantFrom('version', 'Name', 'k'), fc.constantFrom(' = ', '=', ': ', ' :'), word, eol).map((p) => p.join(''));
    const anything = fc.tuple(indent, word, eol).map((p) => p.join(''));
    const header = fc.constantFrom('[metadata]\n', '[DEFAULT]\n', '[a b]\n', ' [x]\n', '[m] ; c\n', '[metadata\n');
    const other = fc.constantFrom('\n', '  \n', '# c\n', '  ; c\n', '  more\n', '\tmore\n');
    const file = fc
      .tuple(
        header,
        fc.array(
          fc.oneof({ arbitrary: option, weight: 4 }, { arbitrary: other, weight: 3 }, { arbitrary: anything, weight: 1 }, { arbitrary: header, weight: 1 }),
          { maxLength: 12 },
        ),
      )
      .map(([first, lines]) => first + lines.join(''));
    const texts = fc.sample(file, 600);
    const expected = configparser(texts);
    for (const [i, text] of texts.entries()) expect([text, ours(text)]).toEqual([text, expected[i]]);
  });
});

describe('readIniSections (imported tool configurations)', () => {
  it('keeps blank lines inside a value and drops the empty first line of `key =`', () => {
    const sections = readIniSections('[bumpversion]\nsearch =\n  version = "{current_version}"\n\n  second\n');
    expect(sections.get('bumpversion')!.get('search')).toBe('version = "{current_version}"\n\nsecond');
  });
});
