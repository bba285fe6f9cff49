// Which configuration applies: every data place read as data, one configuration per directory, and
// code only when the user names it.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.js';
import { cleanupTempDirs, layoutRepo, pyproject, tempDir } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

/** A configuration that checks pyproject.toml alone, where zero configuration would check the runtime file too. */
const ONLY_PYPROJECT = { sources: [{ file: 'pyproject.toml', type: 'toml' }] };
/** In the order of the search, which is the order a refusal names them in. */
const PLACES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'demo', version: '0.2.0', heimdall: ONLY_PYPROJECT }),
  '.heimdallrc': 'sources:\n  - { file: pyproject.toml, type: toml }\n',
  '.heimdallrc.json': JSON.stringify(ONLY_PYPROJECT),
  '.heimdallrc.yaml': 'sources:\n  - file: pyproject.toml\n    type: toml\n',
  '.heimdallrc.yml': 'sources: [{ file: pyproject.toml, type: toml }]\n',
  '.config/heimdallrc.json': JSON.stringify(ONLY_PYPROJECT),
  '.config/heimdallrc.yaml': 'sources:\n  - file: pyproject.toml\n    type: toml\n',
  'pyproject.toml': `${pyproject('0.2.0')}\n[[tool.heimdall-version.sources]]\nfile = "pyproject.toml"\ntype = "toml"\n`,
};
const NAMES: Record<string, string> = { 'package.json': '"heimdall" in package.json', 'pyproject.toml': '[tool.heimdall-version] in pyproject.toml' };

/** Sources listed by show --json: the configured one only, or the layout's two. */
const sourcesOf = (dir: string) => (JSON.parse(run(['show', '--json'], dir).stdout) as { sources: { file: string }[] }).sources.map((s) => s.file);

describe('a configuration found in one place', () => {
  for (const [place, content] of Object.entries(PLACES)) {
    it(`(${place}) is read as data`, () => {
      const repo = layoutRepo().write(place, content).commit();
      expect(sourcesOf(repo.dir)).toEqual(['pyproject.toml']);
      expect(run(['check'], repo.dir)).toMatchObject({ code: 0, stdout: '✔ 0.2.0: pyproject.toml\n' });
    });
  }

  it('package.json without a "heimdall" key, and pyproject.toml without the table, hold none', () => {
    const repo = layoutRepo()
      .write('package.json', JSON.stringify({ name: 'demo', version: '0.2.0', dependencies: { heimdall: '1' } }))
      .commit();
    expect(sourcesOf(repo.dir)).toEqual(['pyproject.toml', 'cognitive_memory/core/version.py']);
  });
});

describe('two configurations in one directory', () => {
  const places = Object.keys(PLACES);
  const pairs = places.flatMap((a, i) => places.slice(i + 1).map((b) => [a, b] as const));
  for (const [a, b] of pairs) {
    it(`(${a} and ${b}) are a configuration error naming both`, () => {
      const repo = layoutRepo().write(a, PLACES[a]!).write(b, PLACES[b]!).commit();
      for (const args of [['check'], ['check', '--staged'], ['show']]) {
        const res = run(args, repo.dir);
        expect(res.code, `${args.join(' ')}: ${res.stderr}`).toBe(2);
        expect(res.stderr).toBe(`heimdall-version: two configurations apply here: ${NAMES[a] ?? a} and ${NAMES[b] ?? b}; keep one of them\n`);
      }
    });
  }

  it('a data configuration beside one written as code is also two', () => {
    const repo = layoutRepo().write('.heimdallrc.json', PLACES['.heimdallrc.json']!).write('heimdall.config.mjs', 'export default {};\n').commit();
    const res = run(['check'], repo.dir);
    expect(res).toMatchObject({
      code: 2,
      stderr: 'heimdall-version: two configurations apply here: .heimdallrc.json and heimdall.config.mjs; keep one of them\n',
    });
  });
});

describe('YAML configurations', () => {
  const cases: [string, string, string][] = [
    ['a key given twice', 'tags:\n  prefix: v\ntags:\n  prefix: x\n', '.heimdallrc.yaml:3:1: invalid YAML: Map keys must be unique'],
    ['a tag it does not know', 'tags:\n  prefix: !!js/function x\n', '.heimdallrc.yaml:2:11: invalid YAML'],
    ['a key that is a list', '? [a, b]\n: 1\n', '.heimdallrc.yaml:1:3: invalid YAML: a key must be a plain name, not a list or a map'],
    ['a merge key', 'base: &b { prefix: v }\ntags:\n  <<: *b\n', 'tags."<<": unknown key'],
    ['an empty file', '# nothing yet\n', '.heimdallrc.yaml: holds no configuration (the file is empty)'],
    ['bad syntax', 'sources: [\n', '.heimdallrc.yaml:2:1: invalid YAML'],
  ];
  for (const [what, content, message] of cases) {
    it(`with ${what} is a located configuration error`, () => {
      const repo = layoutRepo().write('.heimdallrc.yaml', content).commit();
      const res = run(['check'], repo.dir);
      expect(res.code, res.stderr).toBe(2);
      expect(res.stderr).toContain(message);
      expect(res.stderr).not.toMatch(/\n\s+at /);
    });
  }
});

describe('a configuration written as code', () => {
  it('runs when named with --config (.cjs and .mjs)', () => {
    const repo = layoutRepo().commit();
    repo.write('conf.cjs', `module.exports = ${JSON.stringify(ONLY_PYPROJECT)};\n`);
    repo.write('conf.mjs', `export default ${JSON.stringify(ONLY_PYPROJECT)};\n`);
    for (const file of ['conf.cjs', 'conf.mjs'])
      expect(run(['check', '--config', file], repo.dir)).toMatchObject({ code: 0, stdout: '✔ 0.2.0: pyproject.toml\n' });
  });

  it('that throws is a configuration error naming the file, with no stack', () => {
    const repo = layoutRepo().write('conf.cjs', "throw new Error('no config for you');\n").commit();
    const res = run(['check', '--config', 'conf.cjs'], repo.dir);
    expect(res).toMatchObject({ code: 2, stderr: 'heimdall-version: conf.cjs: the configuration failed to load: no config for you\n' });
  });

  it('as TypeScript is refused even when named', () => {
    const marker = path.join(tempDir(), 'ran');
    const repo = layoutRepo()
      .write('conf.ts', `require('fs').writeFileSync(${JSON.stringify(marker)}, '');\n`)
      .commit();
    const res = run(['check', '--config', 'conf.ts'], repo.dir);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('a TypeScript configuration cannot be run');
    expect(existsSync(marker)).toBe(false);
  });
});

describe('a configuration named with --config', () => {
  it('in YAML is read as data', () => {
    const repo = layoutRepo().write('other.yml', 'sources: [{ file: pyproject.toml, type: toml }]\n').commit();
    expect(run(['check', '--config', 'other.yml'], repo.dir)).toMatchObject({ code: 0, stdout: '✔ 0.2.0: pyproject.toml\n' });
  });

  it('package.json without the key, or a format heimdall-version does not read, is refused', () => {
    const repo = layoutRepo().write('package.json', '{"name": "demo"}').write('conf.toml', '').commit();
    expect(run(['check', '--config', 'package.json'], repo.dir)).toMatchObject({ code: 2, stderr: 'heimdall-version: package.json: has no "heimdall" key\n' });
    expect(run(['check', '--config', 'conf.toml'], repo.dir)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('conf.toml: not a configuration format heimdall-version reads'),
    });
  });
});
