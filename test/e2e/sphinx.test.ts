// Sphinx's docs/conf.py: `release` is the whole version, `version` its short X.Y form ("short": true),
// found by init, compared as such by check, kept in step by bump and check --fix (issue #13).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.js';
import { needs } from '../helpers/env.js';
import { cleanupTempDirs, tempRepo, type TempRepo } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

const PY = process.env.HEIMDALL_TEST_PYTHON ?? '/usr/bin/python3';

const conf = (short: string, full: string) => `# Configuration file for the Sphinx documentation builder.
import os

project = "demo"
copyright = "2026, Demo"

# The short X.Y version.
version = '${short}'
# The full version, including alpha/beta/rc tags.
release = '${full}'

extensions = []
html_theme = os.environ.get("THEME", "alabaster")
`;

const CONFIG = {
  sources: [
    { file: 'pyproject.toml', type: 'toml', primary: true },
    { file: 'docs/conf.py', type: 'python', variable: 'release' },
    { file: 'docs/conf.py', type: 'python', variable: 'version', short: true },
  ],
};

const project = (version: string, short: string, full: string, config: object | null = CONFIG): TempRepo =>
  tempRepo({
    'pyproject.toml': `[project]\nname = "demo"\nversion = "${version}"\n`,
    'docs/conf.py': conf(short, full),
    ...(config ? { '.heimdallrc.json': JSON.stringify(config) } : {}),
  });

/** What Sphinx reads: conf.py run by Python. */
function sphinxSees(repo: TempRepo): { version: string; release: string } {
  const out = execFileSync(
    PY,
    [
      '-c',
      'import json, runpy, sys; c = runpy.run_path(sys.argv[1]); print(json.dumps({"version": c["version"], "release": c["release"]}))',
      repo.path('docs/conf.py'),
    ],
    { encoding: 'utf8' },
  );
  return JSON.parse(out);
}

describe('Sphinx docs/conf.py', () => {
  it('init finds release and the short version, and check agrees', () => {
    const repo = project('0.2.1', '0.2', '0.2.1', null);
    const init = run(['init'], repo.dir);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain("✔ docs/conf.py release: 0.2.1 (Sphinx's documentation version)");
    expect(init.stdout).toContain("✔ docs/conf.py version: 0.2 (Sphinx's documentation version)");
    const written = JSON.parse(repo.read('.heimdallrc.json'));
    expect(written.sources.slice(1)).toEqual(CONFIG.sources.slice(1));
    const check = run(['check'], repo.dir);
    expect(check.code, check.stdout).toBe(0);
    expect(check.stdout).toContain('✔ 0.2.1: pyproject.toml, docs/conf.py agree');
  });

  it('init shows a short version that drifted', () => {
    const repo = project('0.3.0', '0.2', '0.3.0', null);
    expect(run(['init'], repo.dir).stdout).toContain('docs/conf.py version: 0.2 — differs from 0.3.0 (short X.Y form): check will report it');
  });

  it('check compares the short version with the primary’s MAJOR.MINOR, located', () => {
    const agrees = project('0.2.0rc1', '0.2', '0.2.0rc1');
    expect(run(['check'], agrees.dir).code).toBe(0);
    const repo = project('0.3.1', '0.2', '0.3.1');
    const res = run(['check'], repo.dir);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('docs/conf.py:8:12  error  version is 0.2 but pyproject.toml says 0.3.1 (0.3 in the short X.Y form)  version-mismatch');
  });

  it('check --fix sets the short version to X.Y and nothing else', () => {
    const repo = project('0.3.1', '0.2', '0.3.1');
    repo.commit();
    const res = run(['check', '--fix'], repo.dir);
    expect(res.code, res.stdout + res.stderr).toBe(0);
    expect(repo.read('docs/conf.py')).toBe(conf('0.3', '0.3.1'));
  });

  const hasPython = needs(existsSync(PY), 'running conf.py with Python (sphinx.test.ts)', 'apt-get install python3, or set HEIMDALL_TEST_PYTHON');
  it.skipIf(!hasPython).each([
    ['patch', '0.2.1', '0.2', '0.2.2'],
    ['minor', '0.3.0', '0.3', '0.3.0'],
    ['major', '1.0.0', '1.0', '1.0.0'],
    ['preminor --preid rc', '0.3.0rc0', '0.3', '0.3.0rc0'],
  ])('bump %s writes release %s and version %s, byte-exact, and Sphinx reads them', (level, _toml, short, full) => {
    const repo = project('0.2.1', '0.2', '0.2.1');
    repo.commit();
    const res = run(['bump', ...level.split(' ')], repo.dir);
    expect(res.code, res.stderr).toBe(0);
    expect(repo.read('docs/conf.py')).toBe(conf(short, full));
    expect(sphinxSees(repo)).toEqual({ version: short, release: full });
    expect(run(['check'], repo.dir).code).toBe(0);
  });

  it('a short source that states more than X.Y is reported as such', () => {
    const repo = project('0.2.1', '0.2.1', '0.2.1');
    const res = run(['check'], repo.dir);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('version is "0.2.1", but this source is configured "short": true, which states only MAJOR.MINOR (e.g. 1.2)  invalid-version');
  });

  it.each([
    ['marked primary', [CONFIG.sources[1], { ...CONFIG.sources[2], primary: true }]],
    ['first, with no primary marked', [CONFIG.sources[2], CONFIG.sources[1]]],
  ])('a short source cannot be the primary one (exit 2): %s', (_what, sources) => {
    const repo = project('0.2.1', '0.2', '0.2.1', { sources });
    const res = run(['check'], repo.dir);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('docs/conf.py: a source with "short": true states only X.Y and cannot be the primary source');
  });

  it('"short" belongs to python sources only', () => {
    const repo = project('0.2.1', '0.2', '0.2.1', {
      sources: [CONFIG.sources[0], { file: 'docs/conf.py', type: 'regex', pattern: "version = '(.*)'", short: true }],
    });
    const res = run(['check'], repo.dir);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('short: does not apply to a "regex" source');
  });
});

describe('Sphinx docs/conf.py with a runtime lookup', () => {
  it('init keeps release = importlib.metadata.version(…), and check names a lookup of the wrong distribution', () => {
    const repo = tempRepo({
      'pyproject.toml': '[project]\nname = "demo-mcp"\nversion = "0.2.1"\n',
      'docs/conf.py': 'import importlib.metadata\n\nrelease = importlib.metadata.version("demo")\nversion = ".".join(release.split(".")[:2])\n',
    });
    const init = run(['init'], repo.dir);
    expect(init.stdout).toContain('✔ docs/conf.py release: runtime lookup of "demo"');
    expect(JSON.parse(repo.read('.heimdallrc.json')).sources).toEqual([
      { file: 'pyproject.toml', type: 'toml', key: 'project.version', primary: true },
      { file: 'docs/conf.py', type: 'python', variable: 'release' },
    ]);
    const check = run(['check'], repo.dir);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/docs\/conf\.py:3:\d+ +error .*"demo".*runtime-lookup/);
  });
});

describe('Sphinx docs/conf.py: edge cases', () => {
  // 1.2 and 1.2.3-foo are outside the default "semver" policy.
  const twoSources = { versioning: 'pep440', sources: CONFIG.sources };

  it('`version = release = "1.2"` is one literal: init makes one source of it, and bump patch works', () => {
    const repo = tempRepo({ 'pyproject.toml': '[project]\nname = "demo"\nversion = "1.2"\n', 'docs/conf.py': 'version = release = "1.2"\n' });
    expect(run(['init'], repo.dir).code).toBe(0);
    expect(JSON.parse(repo.read('.heimdallrc.json')).sources.slice(1)).toEqual([{ file: 'docs/conf.py', type: 'python', variable: 'release' }]);
    repo.commit();
    const res = run(['bump', 'patch'], repo.dir);
    expect(res.code, res.stderr).toBe(0);
    expect(repo.read('docs/conf.py')).toBe('version = release = "1.2.1"\n');
  });

  it('two configured sources on one literal that would write different texts: exit 2, nothing written', () => {
    const repo = tempRepo({
      'pyproject.toml': '[project]\nname = "demo"\nversion = "1.2"\n',
      'docs/conf.py': 'version = release = "1.2"\n',
      '.heimdallrc.json': JSON.stringify(twoSources),
    }).commit();
    const res = run(['bump', 'patch'], repo.dir);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('docs/conf.py:1: two sources read the same literal "1.2" and would write "1.2" and "1.2.1" there; configure one of them');
    expect(repo.git('status', '--porcelain')).toBe('');
  });

  it('bump patch leaves the short version alone: the file is not rewritten and not named', () => {
    const repo = project('0.3.0', '0.3', '0.3.0', { sources: [CONFIG.sources[0], CONFIG.sources[2]] }).commit();
    const res = run(['bump', 'patch'], repo.dir);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain('bumped 0.3.0 → 0.3.1: pyproject.toml\n');
    expect(repo.git('status', '--porcelain')).toBe(' M pyproject.toml\n');
  });

  it('a short version with a leading zero or spaces is a spelling warning that check --fix normalizes', () => {
    const repo = project('0.3.1', '0.03', '0.3.1').commit();
    const res = run(['check'], repo.dir);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(
      /docs\/conf\.py:8:12 +warn +version is "0\.03", which the documentation shows as written; its short X\.Y form is 0\.3, and heimdall-version check --fix rewrites it +version-spelling/,
    );
    expect(run(['check', '--fix'], repo.dir).code).toBe(0);
    expect(repo.read('docs/conf.py')).toBe(conf('0.3', '0.3.1'));
  });

  it('agrees with an epoch primary, and with a SemVer primary that has no PEP 440 meaning', () => {
    const epoch = project('1!2.3.0', '2.3', '1!2.3.0', twoSources);
    expect(run(['check'], epoch.dir).code).toBe(0);
    const semverPrimary = (short: string) =>
      tempRepo({
        'package.json': '{"name":"demo","version":"1.2.3-foo"}\n',
        'docs/conf.py': conf(short, '1.2.3'),
        '.heimdallrc.json': JSON.stringify({ versioning: 'pep440', sources: [{ file: 'package.json', type: 'json', primary: true }, CONFIG.sources[2]] }),
      });
    expect(run(['check'], semverPrimary('1.2').dir).code).toBe(0);
    const drifted = run(['check'], semverPrimary('1.1').dir);
    expect(drifted.code).toBe(1);
    expect(drifted.stdout).toContain('version is 1.1 but package.json says 1.2.3-foo (1.2 in the short X.Y form)  version-mismatch');
  });
});
