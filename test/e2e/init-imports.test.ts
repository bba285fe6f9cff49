// init imports another tool's configuration: its files become sources, its tag format our prefix, its messages ours.
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.js';
import { cleanupTempDirs, tempRepo } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

const PROJECT = '[project]\nname = "demo"\nversion = "1.2.0"\n';
const PKG = { 'demo/__init__.py': '__version__ = "1.2.0"\n', 'README.md': 'pip install demo==1.2.0\n' };

const init = (files: Record<string, string>) => {
  const repo = tempRepo({ ...PKG, ...files });
  const res = run(['init'], repo.dir);
  expect(res.stderr).toBe('');
  expect(res.code).toBe(0);
  return { repo, out: res.stdout, config: JSON.parse(repo.read('.heimdallrc.json')), check: run(['check'], repo.dir) };
};

describe('init imports', () => {
  it('bump-my-version from [tool.bumpversion]: files with their search patterns, tag_name, messages, and what it cannot translate', () => {
    const { out, config, check } = init({
      'pyproject.toml': `${PROJECT}
[tool.bumpversion]
current_version = "1.2.0"
commit = true
tag = true
tag_name = "release-{new_version}"
message = "Release {new_version} (was {current_version})"
pre_commit_hooks = ["uv sync"]

[[tool.bumpversion.files]]
filename = "demo/__init__.py"

[[tool.bumpversion.files]]
filename = "README.md"
search = "demo=={current_version}"
replace = "demo=={new_version}"
`,
    });
    expect(out).toContain('imported bump-my-version (pyproject.toml [tool.bumpversion])');
    expect(config.sources).toEqual([
      { file: 'pyproject.toml', type: 'toml', key: 'project.version', primary: true },
      { file: 'demo/__init__.py', type: 'python', variable: '__version__' },
      // bump-my-version's default parse, MAJOR.MINOR.PATCH, finds the version; not part of a longer number.
      { file: 'README.md', type: 'regex', pattern: 'demo==(?<version>(?:\\d+)\\.(?:\\d+)\\.(?:\\d+))(?!\\.?\\d)' },
    ]);
    expect(config.tags).toEqual({ prefix: 'release-' });
    expect(config.bump).toEqual({ message: 'Release {new} (was {old})' });
    expect(out).toContain('could not translate:\n  - bump-my-version: pyproject.toml [tool.bumpversion] pre_commit_hooks = ["uv sync"]');
    expect(check.code).toBe(0);
  });

  it('bump2version from .bumpversion.cfg, with a python variable search and a drifted file reported', () => {
    const { config, check } = init({
      'pyproject.toml': PROJECT,
      '.bumpversion.cfg':
        '[bumpversion]\ncurrent_version = 1.2.0\ntag_name = v{new_version}\n\n[bumpversion:file:demo/__init__.py]\nsearch = __version__ = "{current_version}"\n\n[bumpversion:file:setup.cfg]\n\n[bumpversion:glob:docs/*.rst]\n',
      'setup.cfg': '[metadata]\nname = demo\nversion = 1.1.0\n',
    });
    expect(config.sources.slice(1)).toEqual([
      { file: 'demo/__init__.py', type: 'python', variable: '__version__' },
      { file: 'setup.cfg', type: 'ini', section: 'metadata', key: 'version' },
    ]);
    expect(config.tags.prefix).toBe('v');
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('setup.cfg:3:11  error');
  });

  it('tbump from tbump.toml', () => {
    const { out, config, check } = init({
      'pyproject.toml': PROJECT,
      'tbump.toml':
        '[version]\ncurrent = "1.2.0"\nregex = \'\'\'(?P<major>\\d+)\\.(?P<minor>\\d+)\\.(?P<patch>\\d+)\'\'\'\n\n[git]\nmessage_template = "Bump to {new_version}"\ntag_template = "v{new_version}"\n\n[[file]]\nsrc = "demo/__init__.py"\nsearch = \'__version__ = "{current_version}"\'\n\n[[file]]\nsrc = "README.md"\nsearch = "demo=={current_version}"\n\n[[before_commit]]\nname = "check"\ncmd = "pytest"\n',
    });
    expect(out).toContain('imported tbump (tbump.toml)');
    expect(config.sources.map((s: { file: string; type: string }) => `${s.file}:${s.type}`)).toEqual([
      'pyproject.toml:toml',
      'demo/__init__.py:python',
      'README.md:regex',
    ]);
    expect(config.bump).toEqual({ message: 'Bump to {new}' });
    expect(out).toContain('tbump: tbump.toml before_commit: hooks and fields are not translated');
    expect(check.code).toBe(0);
  });

  it('commitizen from [tool.commitizen]: version_files with and without a regex, tag_format', () => {
    const { config, check } = init({
      'pyproject.toml': `${PROJECT}\n[tool.commitizen]\nname = "cz_conventional_commits"\nversion_provider = "pep621"\ntag_format = "v$version"\nbump_message = "bump: version $current_version → $new_version"\nversion_files = ["demo/__init__.py:__version__", "README.md:demo=="]\n`,
    });
    expect(config.sources.slice(1)).toEqual([
      { file: 'demo/__init__.py', type: 'python', variable: '__version__' },
      // On the lines commitizen's regex matches, the first version, wherever it stands on the line.
      {
        file: 'README.md',
        type: 'regex',
        pattern: '^(?=[^\\n]*?(?:demo==))[^\\n]*?(?<![0-9A-Za-z.])v?(?<version>\\d+(?:\\.\\d+)+[0-9A-Za-z]*(?:[-.+_][0-9A-Za-z]+)*)',
      },
    ]);
    expect(config.tags.prefix).toBe('v');
    expect(config.bump).toEqual({ message: 'bump: version {old} → {new}' });
    expect(check.code).toBe(0);
  });

  it('bumpver from [tool.bumpver]: file_patterns with {version} and the version pattern spelled out', () => {
    const { config, check } = init({
      'pyproject.toml': `${PROJECT}\n[tool.bumpver]\ncurrent_version = "1.2.0"\nversion_pattern = "MAJOR.MINOR.PATCH"\ncommit_message = "bump version {old_version} -> {new_version}"\ncommit = true\ntag = true\npush = false\n\n[tool.bumpver.file_patterns]\n"pyproject.toml" = ['version = "{version}"']\n"demo/__init__.py" = ['__version__ = "MAJOR.MINOR.PATCH"']\n"README.md" = ["demo=={version}"]\n`,
    });
    expect(config.sources.map((s: { file: string; type: string }) => `${s.file}:${s.type}`)).toEqual([
      'pyproject.toml:toml',
      'demo/__init__.py:python',
      'README.md:regex',
    ]);
    expect(config.tags.prefix).toBe('');
    expect(config.bump).toEqual({ message: 'bump version {old} -> {new}' });
    expect(check.code).toBe(0);
  });
});

describe('init on other layouts', () => {
  it('detects the tag prefix the existing tags use', () => {
    const repo = tempRepo({ 'pyproject.toml': PROJECT }).commit();
    for (const t of ['pkg-v1.0.0', 'pkg-v1.1.0', 'pkg-v1.2.0', 'v0.1.0']) repo.tag(t);
    expect(run(['init'], repo.dir).stdout).toContain('tags: prefix "pkg-v"');
    expect(JSON.parse(repo.read('.heimdallrc.json')).tags.prefix).toBe('pkg-v');
  });

  it('takes a dynamic version from where the backend reads it (hatch path)', () => {
    const repo = tempRepo({
      'pyproject.toml': '[project]\nname = "demo"\ndynamic = ["version"]\n\n[tool.hatch.version]\npath = "demo/__about__.py"\n',
      'demo/__about__.py': '__version__ = "0.9.0"\n',
      'demo/__init__.py': '',
    });
    const res = run(['init'], repo.dir);
    expect(res.code).toBe(0);
    expect(JSON.parse(repo.read('.heimdallrc.json')).sources[0]).toEqual({ file: 'demo/__about__.py', type: 'python', primary: true, variable: '__version__' });
  });

  it("writes a $schema that resolves to the package's own file", () => {
    const repo = tempRepo({ 'pyproject.toml': PROJECT });
    run(['init'], repo.dir);
    const schema = JSON.parse(repo.read('.heimdallrc.json')).$schema as string;
    expect(schema).toMatch(/schema\/heimdallrc\.schema\.json$/);
    expect(JSON.parse(repo.read(schema)).title).toContain('heimdall-version');
  });

  it('writes nothing for a version from tags, and says why', () => {
    const repo = tempRepo({ 'pyproject.toml': '[project]\nname = "demo"\ndynamic = ["version"]\n\n[tool.setuptools_scm]\n' });
    const res = run(['init'], repo.dir);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('the version comes from git tags ([tool.setuptools_scm] is configured)');
    expect(() => repo.read('.heimdallrc.json')).toThrow();
  });
});
