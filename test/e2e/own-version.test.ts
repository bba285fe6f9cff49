// The distribution's own version file (<pkg>/__init__.py, __about__.py, …, also a namespace
// package's src/a/b/) is a source with no configuration, exactly the one init keeps: its drift is
// never invisible until init has run.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.js';
import { cleanupTempDirs, tempDir, tempRepo } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

const STATIC = (name: string, version = '0.2.0') => `[project]\nname = "${name}"\nversion = "${version}"\n`;
const sources = (dir: string) => (JSON.parse(run(['show', '--json'], dir).stdout) as { sources: { file: string }[] }).sources.map((s) => s.file);
const initKept = (dir: string) => {
  const res = run(['init'], dir);
  expect(res.code, res.stderr).toBe(0);
  return { out: res.stdout, files: (JSON.parse(run(['show', '--json'], dir).stdout) as { sources: { file: string }[] }).sources.map((s) => s.file) };
};

describe("zero configuration checks the package's own version file", () => {
  it('reports <pkg>/__init__.py drifting from a static version, at its line', () => {
    const repo = tempRepo({ 'pyproject.toml': STATIC('demo'), 'demo/__init__.py': '"""Demo."""\n__version__ = "0.1.0"\n' });
    const res = run(['check'], repo.dir);
    expect(res.stdout).toContain('demo/__init__.py:2:16  error  __version__ is 0.1.0 but pyproject.toml says 0.2.0  version-mismatch');
    expect(res.code).toBe(1);
  });

  it('lists it when it agrees, leaves out subpackages, tests and files with no version, and checks the staged copy', () => {
    const repo = tempRepo({
      'pyproject.toml': STATIC('demo'),
      'demo/__init__.py': 'from .__about__ import __version__\n',
      'demo/__about__.py': '__version__ = "0.2.0"\n',
      'demo/sub/__init__.py': '__version__ = "7.0.0"\n',
      'tests/__init__.py': '__version__ = "9.9.9"\n',
    }).commit();
    expect(sources(repo.dir)).toEqual(['pyproject.toml', 'demo/__about__.py']);
    expect(run(['check'], repo.dir).code).toBe(0);
    repo.write('demo/__about__.py', '__version__ = "0.1.0"\n').git('add', '-A');
    repo.write('demo/__about__.py', '__version__ = "0.2.0"\n');
    const staged = run(['check', '--staged'], repo.dir);
    expect(staged.stdout).toContain('demo/__about__.py:1:16  error  __version__ is 0.1.0 but pyproject.toml says 0.2.0');
    expect(staged.code).toBe(1);
  });

  it('takes every top-level package when none is named after the distribution, as init does', () => {
    const repo = tempRepo({ 'pyproject.toml': STATIC('heimdall-mcp'), 'cognitive_memory/__init__.py': '__version__ = "0.1.0"\n' });
    expect(run(['check'], repo.dir).stdout).toContain('cognitive_memory/__init__.py:1:16  error  __version__ is 0.1.0 but pyproject.toml says 0.2.0');
    expect(initKept(repo.dir).files).toEqual(['pyproject.toml', 'cognitive_memory/__init__.py']);
  });

  it("beside a dynamic primary (hatch path), the package's other version file too", () => {
    const repo = tempRepo({
      'pyproject.toml': '[project]\nname = "demo"\ndynamic = ["version"]\n\n[tool.hatch.version]\npath = "src/demo/__about__.py"\n',
      'src/demo/__about__.py': '__version__ = "0.2.0"\n',
      'src/demo/__init__.py': '__version__ = "0.1.0"\n',
    });
    expect(run(['check'], repo.dir).stdout).toContain('src/demo/__init__.py:1:16  error  __version__ is 0.1.0 but src/demo/__about__.py says 0.2.0');
  });
});

describe('never through a link that leads out of the project', () => {
  it('a package directory or src/ linked elsewhere is not read', () => {
    const outside = tempDir();
    mkdirSync(path.join(outside, 'demo'));
    writeFileSync(path.join(outside, 'demo', '__init__.py'), '__version__ = "6.6.6"\n');
    const repo = tempRepo({ 'pyproject.toml': STATIC('demo') });
    symlinkSync(path.join(outside, 'demo'), repo.path('demo'));
    symlinkSync(outside, repo.path('src'));
    expect(sources(repo.dir)).toEqual(['pyproject.toml']);
    expect(run(['check'], repo.dir)).toMatchObject({ code: 0 });
  });
});

describe('a namespace package: distribution a-b in src/a/b/', () => {
  const files = {
    'pyproject.toml': STATIC('acme-tools'),
    'src/acme/tools/__init__.py': '__version__ = "0.1.0"\n',
    'src/acme/other/__init__.py': '__version__ = "5.0.0"\n',
  };

  it("init keeps its drifted version file as the package's own, not a subpackage's", () => {
    const repo = tempRepo(files);
    const { out, files: kept } = initKept(repo.dir);
    expect(out).toContain("✔ src/acme/tools/__init__.py __version__: 0.1.0 — differs from 0.2.0: check will report it (the package's own version)");
    expect(kept).toEqual(['pyproject.toml', 'src/acme/tools/__init__.py']);
    expect(run(['check'], repo.dir).code).toBe(1);
  });

  it('zero configuration reports it too, and only it', () => {
    const repo = tempRepo(files);
    const res = run(['check'], repo.dir);
    expect(res.stdout).toContain('src/acme/tools/__init__.py:1:16  error  __version__ is 0.1.0 but pyproject.toml says 0.2.0');
    expect(res.stdout).not.toContain('src/acme/other');
    expect(res.code).toBe(1);
  });
});
