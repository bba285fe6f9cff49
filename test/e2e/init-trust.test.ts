// init never hides drift and never writes what it cannot stand behind: no second configuration
// beside an existing one, and an import that would not check what the other tool bumps is said,
// not written.
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.js';
import { cleanupTempDirs, pyproject, tempRepo } from '../helpers/repo.js';

const STATIC = '[project]\nname = "demo"\nversion = "1.2.0"\n';

afterAll(cleanupTempDirs);

describe('init refuses to write a second configuration', () => {
  const CASES: [string, Record<string, string>, string][] = [
    [
      '.heimdallrc.yaml',
      { '.heimdallrc.yaml': 'sources:\n  - { file: pyproject.toml, type: toml, key: project.version }\n' },
      '.heimdallrc.yaml already holds the configuration',
    ],
    [
      'package.json "heimdall"',
      { 'package.json': JSON.stringify({ name: 'x', heimdall: { tags: { prefix: 'v' } } }) },
      'package.json ("heimdall") already holds the configuration',
    ],
    ['.config/heimdallrc.yml', { '.config/heimdallrc.yml': 'tags:\n  prefix: v\n' }, '.config/heimdallrc.yml already holds the configuration'],
    [
      '[tool.heimdall-version]',
      { 'pyproject.toml': pyproject('0.2.0', '\n[tool.heimdall-version]\ntags = { prefix = "v" }\n') },
      '[tool.heimdall-version] in pyproject.toml already holds the configuration',
    ],
  ];
  for (const [name, files, says] of CASES) {
    it(`beside ${name}, even with --force: exit 2, names it, writes nothing`, () => {
      const repo = tempRepo({ 'pyproject.toml': pyproject('0.2.0'), ...files });
      for (const args of [['init'], ['init', '--force']]) {
        const res = run(args, repo.dir);
        expect(res.stderr).toContain(`${says}; a .heimdallrc.json beside it would be a second one`);
        expect(res.code).toBe(2);
        expect(existsSync(repo.path('.heimdallrc.json'))).toBe(false);
      }
    });
  }

  it('beside one that does not load: its error without --force, the refusal with it; nothing written', () => {
    const repo = tempRepo({ 'pyproject.toml': pyproject('0.2.0'), '.heimdallrc.yaml': 'sources: [\n' });
    const plain = run(['init'], repo.dir);
    expect(plain.stderr).toContain('.heimdallrc.yaml');
    expect(plain.code).toBe(2);
    const forced = run(['init', '--force'], repo.dir);
    expect(forced.stderr).toContain('.heimdallrc.yaml already holds the configuration; a .heimdallrc.json beside it would be a second one');
    expect(forced.code).toBe(2);
    expect(existsSync(repo.path('.heimdallrc.json'))).toBe(false);
  });

  it('still writes beside a package.json that holds no configuration', () => {
    const repo = tempRepo({ 'pyproject.toml': pyproject('0.2.0'), 'package.json': '{"name":"x","version":"0.2.0","description":"uses heimdall"}\n' });
    expect(run(['init'], repo.dir).code).toBe(0);
    expect(existsSync(repo.path('.heimdallrc.json'))).toBe(true);
  });
});

describe('init imports faithfully, or says what it could not carry', () => {
  const initIn = (files: Record<string, string>) => {
    const repo = tempRepo({ 'pyproject.toml': STATIC, ...files }).commit();
    const res = run(['init'], repo.dir);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    return { repo, out: res.stdout, config: JSON.parse(repo.read('.heimdallrc.json')) as { sources: { file: string }[] } };
  };
  const hits = (dir: string, file: string) =>
    (JSON.parse(run(['check', '--format', 'json'], dir).stdout) as { sources: { file: string; version: string | null }[] }).sources.filter(
      (s) => s.file === file,
    );

  it("commitizen's file:regex selects lines, and the version may stand anywhere on them", () => {
    const { repo, config } = initIn({
      'pyproject.toml': `${STATIC}\n[tool.commitizen]\nversion_provider = "pep621"\nversion_files = [".pre-commit-config.yaml:rev:.+Commitizen"]\n`,
      '.pre-commit-config.yaml':
        'repos:\n  - repo: https://github.com/commitizen-tools/commitizen\n    rev: v1.2.0  # updated by Commitizen\n    hooks:\n      - id: commitizen\n',
    });
    expect(config.sources.map((s) => s.file)).toEqual(['pyproject.toml', '.pre-commit-config.yaml']);
    expect(run(['check'], repo.dir).code).toBe(0);
    expect(run(['bump', 'patch'], repo.dir).code).toBe(0);
    expect(repo.read('.pre-commit-config.yaml')).toContain('    rev: v1.2.1  # updated by Commitizen\n');
  });

  it("bump-my-version's search finds the version with its parse pattern, not any run of digits", () => {
    const { repo } = initIn({
      'pyproject.toml': `${STATIC}\n[tool.bumpversion]\ncurrent_version = "1.2.0"\n\n[[tool.bumpversion.files]]\nfilename = "README.md"\nsearch = "The current version {current_version} of"\n`,
      'README.md': 'The current version 2 of the wire protocol is stable.\nThe current version 1.2.0 of demo needs Python 3.\n',
    });
    expect(hits(repo.dir, 'README.md').map((s) => s.version)).toEqual(['1.2.0']);
    expect(run(['check'], repo.dir).code).toBe(0);
  });

  it('bump2version: a custom parse is the pattern, and a per-file search uses it', () => {
    const { repo } = initIn({
      '.bumpversion.cfg':
        '[bumpversion]\ncurrent_version = 1.2.0\nparse = (?P<major>\\d+)\\.(?P<minor>\\d+)\\.(?P<patch>\\d+)\n\n[bumpversion:file:docs.txt]\nsearch = release {current_version}\n',
      'docs.txt': 'release 3 notes\nrelease 1.2.0\n',
    });
    expect(hits(repo.dir, 'docs.txt').map((s) => s.version)).toEqual(['1.2.0']);
    expect(run(['check'], repo.dir).code).toBe(0);
  });

  it('an imported source that finds no version now is left out and listed with the reason', () => {
    const { repo, out, config } = initIn({
      '.bumpversion.cfg':
        '[bumpversion]\ncurrent_version = 1.2.0\n\n[bumpversion:file:README.md]\nsearch = demo=={current_version}\n\n[bumpversion:file:docs/index.md]\n',
      'README.md': 'pip install demo\n',
    });
    expect(config.sources.map((s) => s.file)).toEqual(['pyproject.toml']);
    expect(out).toMatch(
      /could not translate:\n( {2}- .*\n)* {2}- bump2version: README\.md \(from \.bumpversion\.cfg \[bumpversion\]\) was left out: .*matches nothing/,
    );
    expect(out).toMatch(/ {2}- bump2version: docs\/index\.md \(from \.bumpversion\.cfg \[bumpversion\]\) was left out: docs\/index\.md does not exist/);
    expect(run(['check'], repo.dir).code).toBe(0);
  });
});
