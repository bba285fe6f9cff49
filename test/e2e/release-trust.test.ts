// release and verify against what a repository or an artifact can do to them: Python modules that
// shadow the tools, links in the clean list, archive bombs, interpreters named by the build command,
// unreachable indexes. Debian's real build, twine and hatchling; an index on 127.0.0.1.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runAsync as run } from '../helpers/cli.js';
import { needs, testEnv } from '../helpers/env.js';
import { startPypiServer, type PypiServer } from '../helpers/pypi-server.js';
import { cleanupTempDirs, exampleRepo, tempDir, type TempRepo } from '../helpers/repo.js';

const PY = '/usr/bin/python3';
const hasTools = needs(
  spawnSync(PY, ['-c', 'import build, twine, venv, hatchling']).status === 0,
  `the release trust tests: ${PY} lacks build, twine, venv or hatchling`,
  'apt-get install twine python3-build python3-venv python3-hatchling',
);
const PASSWORD = 'pypi-trust-token-value-123';

let server: PypiServer;
beforeAll(async () => {
  server = await startPypiServer({ username: '__token__', password: PASSWORD });
});
afterAll(async () => {
  await server?.close();
  cleanupTempDirs();
});

function project(release: Record<string, unknown> = {}, files: Record<string, string> = {}): TempRepo {
  const repo = exampleRepo();
  for (const [file, text] of Object.entries(files)) repo.write(file, text);
  repo.write(
    '.heimdallrc.json',
    JSON.stringify({
      release: {
        python: PY,
        build: [PY, '-m', 'build', '--no-isolation'],
        repositories: { pypi: server.url, testpypi: server.url },
        indexes: { pypi: server.simple, testpypi: server.simple },
        ...release,
      },
    }),
  );
  return repo.commit('initial');
}

const env = (extra: Record<string, string> = {}) => ({ TWINE_USERNAME: '__token__', TWINE_PASSWORD: PASSWORD, HOME: tempDir(), CI: 'true', ...extra });
const bump = (repo: TempRepo, version: string) => {
  repo.write('pyproject.toml', repo.read('pyproject.toml').replace('version = "0.2.0"', `version = "${version}"`));
  repo.write('cognitive_memory/core/version.py', repo.read('cognitive_memory/core/version.py').replace('"0.2.0"', `"${version}"`));
  return repo.commit(version);
};

describe.skipIf(!hasTools)('Python runs isolated from the project', { timeout: 300_000 }, () => {
  it('a committed twine/ package and a root build.py never run: the real build and twine do, and the password reaches neither', async () => {
    const marks = tempDir();
    const spy = (name: string) =>
      `import os\nopen(os.path.join(${JSON.stringify(marks)}, ${JSON.stringify(name)}), "w").write(os.environ.get("TWINE_PASSWORD", "none"))\n`;
    const repo = bump(project({}, { 'build.py': spy('build.py'), 'twine/__init__.py': spy('twine-init'), 'twine/__main__.py': spy('twine-main') }), '0.4.1');
    const before = server.uploads.length;
    const res = await run(['release', '--upload', '--yes'], repo.dir, env());
    expect(readdirSync(marks)).toEqual([]);
    expect(res.code, res.stdout.slice(-1500) + res.stderr).toBe(0);
    expect(
      server.uploads
        .slice(before)
        .map((u) => u.filename)
        .sort(),
    ).toEqual(['heimdall-mcp-0.4.1.tar.gz', 'heimdall_mcp-0.4.1-py3-none-any.whl']);
  });
});

describe.skipIf(!hasTools)('the wheel built from the sdist', { timeout: 300_000 }, () => {
  it('is built by the real backend: a hatchling/ package at the root of the sdist is never imported in its place', async () => {
    const marks = tempDir();
    const dir = tempDir();
    const write = (file: string, text: string) => {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    };
    write(
      'pyproject.toml',
      '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n\n[project]\nname = "spkg"\nversion = "1.0.0"\n\n[tool.hatch.build.targets.wheel]\npackages = ["spkg"]\n',
    );
    write('spkg/__init__.py', '__version__ = "1.0.0"\n');
    write('hatchling/__init__.py', `open(${JSON.stringify(path.join(marks, 'imported'))}, "w").write("x")\n`);
    const built = spawnSync(PY, ['-m', 'build', '--no-isolation', '--skip-dependency-check', '--outdir', 'dist', '.'], { cwd: dir, env: testEnv() });
    expect(built.status, built.stderr.toString()).toBe(0);
    const res = await run(['verify', '--dist', 'dist', '--python', PY], dir, env());
    expect(res.code, res.stdout.slice(-1500) + res.stderr).toBe(0);
    expect(res.stdout).toContain('✔ installed version (sdist): the wheel built from spkg-1.0.0.tar.gz');
    expect(readdirSync(marks)).toEqual([]);
  });
});

describe.skipIf(!hasTools)('the smoke commands see what was installed', { timeout: 300_000 }, () => {
  it('a PYTHONPATH naming the project does not put its tree in front of the installed package', async () => {
    const where = 'import cognitive_memory; print("imported from", cognitive_memory.__file__)';
    const repo = project({ smoke: [['python', '-c', where]] });
    const res = await run(['release', '--no-upload'], repo.dir, env({ PYTHONPATH: repo.dir }));
    expect(res.code, res.stdout.slice(-1500)).toBe(0);
    const imported = /^imported from (.+)$/m.exec(res.stdout)?.[1];
    expect(imported).toMatch(/\/env\/lib\/python3[^/]*\/site-packages\/cognitive_memory\/__init__\.py$/);
    expect(imported!.startsWith(repo.dir)).toBe(false);
  });
});

describe.skipIf(!hasTools)('clean never follows a link', { timeout: 120_000 }, () => {
  it('a committed link at any component of a clean path leaves what it points to alone', async () => {
    const outside = tempDir();
    for (const dir of ['_build', 'whole']) {
      mkdirSync(path.join(outside, dir));
      writeFileSync(path.join(outside, dir, 'keep'), 'precious\n');
    }
    const repo = exampleRepo();
    symlinkSync(outside, repo.path('docs'));
    symlinkSync(path.join(outside, 'whole'), repo.path('out'));
    mkdirSync(repo.path('site/_build'), { recursive: true });
    writeFileSync(repo.path('site/_build/old'), 'old\n');
    repo.write(
      '.heimdallrc.json',
      JSON.stringify({ release: { python: PY, clean: ['docs/_build', '*/_build', 'out/*', 'out'], build: ['/bin/sh', '-c', 'exit 3'] } }),
    );
    repo.commit('links');
    const res = await run(['release', '--no-upload', '--allow-dirty'], repo.dir, env());
    expect(res.stdout).toContain('✔ clean: removed site/_build out');
    expect(readFileSync(path.join(outside, '_build', 'keep'), 'utf8')).toBe('precious\n');
    expect(readFileSync(path.join(outside, 'whole', 'keep'), 'utf8')).toBe('precious\n');
    expect(existsSync(repo.path('site/_build'))).toBe(false);
    expect(existsSync(repo.path('out'))).toBe(false);
    expect(res.code).toBe(1);
  });
});

describe.skipIf(!hasTools)('an archive bomb is read only up to a bound', { timeout: 180_000 }, () => {
  it('a wheel whose METADATA and an sdist whose PKG-INFO inflate to 400 MB: verify stops at 4 MB with a clear error, and no process grows past 200 MB', () => {
    const repo = project();
    const dist = tempDir();
    const wheel = path.join(dist, 'heimdall_mcp-0.2.0-py3-none-any.whl');
    const make = [
      'import sys, zipfile',
      'with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:',
      '    with z.open("heimdall_mcp-0.2.0.dist-info/METADATA", "w", force_zip64=True) as f:',
      '        f.write(b"Metadata-Version: 2.1\\nName: heimdall-mcp\\nVersion: 0.2.0\\nX-Padding: ")',
      '        for _ in range(400): f.write(b"A" * 1048576)',
    ].join('\n');
    expect(spawnSync(PY, ['-c', make, wheel]).status).toBe(0);
    const sdist = path.join(dist, 'heimdall-mcp-0.2.0.tar.gz');
    const tar = path.join(tempDir(), 'make_sdist.py');
    writeFileSync(
      tar,
      [
        'import sys, tarfile',
        'head = b"Metadata-Version: 2.1\\nName: heimdall-mcp\\nVersion: 0.2.0\\nX-Padding: "',
        'class Padded:',
        '    def __init__(self, total): self.pos, self.total = 0, total',
        '    def read(self, n):',
        '        n = min(n, self.total - self.pos)',
        '        out = (head[self.pos:self.pos + n] + b"A" * n)[:n]',
        '        self.pos += n',
        '        return out',
        'info = tarfile.TarInfo("heimdall-mcp-0.2.0/PKG-INFO")',
        'info.size = 400 * 1048576',
        'with tarfile.open(sys.argv[1], "w:gz", compresslevel=1) as t: t.addfile(info, Padded(info.size))',
      ].join('\n'),
    );
    expect(spawnSync(PY, [tar, sdist]).status).toBe(0);
    // The peak resident size of the largest process of the tree (the CLI, or the Python it starts), as the kernel counted it.
    const measure = path.join(tempDir(), 'rusage');
    const wrapper =
      'import json, resource, subprocess, sys\nr = subprocess.run(sys.argv[2:], capture_output=True, text=True)\njson.dump({"code": r.returncode, "out": r.stdout, "err": r.stderr, "kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}, open(sys.argv[1], "w"))';
    spawnSync(PY, ['-c', wrapper, measure, process.execPath, BIN, 'verify', '--dist', dist], { cwd: repo.dir, env: testEnv(env()) });
    const res = JSON.parse(readFileSync(measure, 'utf8')) as { code: number; out: string; err: string; kb: number };
    expect(res.code, res.err).toBe(1);
    expect(res.out).toContain(
      'heimdall_mcp-0.2.0-py3-none-any.whl: cannot be read (its heimdall_mcp-0.2.0.dist-info/METADATA is larger than 4 MB: stopped reading there)',
    );
    expect(res.out).toContain('heimdall-mcp-0.2.0.tar.gz: cannot be read (its heimdall-mcp-0.2.0/PKG-INFO is larger than 4 MB: stopped reading there)');
    expect(res.kb).toBeLessThan(200 * 1024);
  });
});

describe.skipIf(!hasTools)('the release interpreter', { timeout: 300_000 }, () => {
  it('is the one the configured build command names, when release.python is not set', async () => {
    const bin = tempDir();
    // python3 first on PATH lacks build; the interpreter the build command names has it.
    writeFileSync(path.join(bin, 'python3'), '#!/bin/sh\necho "ModuleNotFoundError: No module named \'build\'" >&2\nexit 1\n');
    chmodSync(path.join(bin, 'python3'), 0o755);
    const named = path.join(tempDir(), 'opt', 'py', 'bin');
    mkdirSync(named, { recursive: true });
    symlinkSync(PY, path.join(named, 'python'));
    const python = path.join(named, 'python');
    const repo = exampleRepo();
    repo.write('.heimdallrc.json', JSON.stringify({ release: { build: [python, '-m', 'build', '--no-isolation'] } })).commit('named');
    const res = await run(['release', '--no-upload'], repo.dir, env({ PATH: `${bin}${path.delimiter}${process.env.PATH}` }));
    expect(res.code, res.stdout.slice(-1500) + res.stderr).toBe(0);
    expect(res.stdout).toContain(`✔ tools present: build, twine, venv importable by ${python}`);
    expect(res.stdout).toContain(`→ twine check: ${python} -m twine check`);
  });
});

describe.skipIf(!hasTools)("a hatchling project with Debian's tools", { timeout: 300_000 }, () => {
  const hatchling = (release: Record<string, unknown> = {}) => {
    const repo = exampleRepo();
    for (const file of readdirSync(repo.dir)) if (file !== '.git') spawnSync('rm', ['-rf', repo.path(file)]);
    repo.write(
      'pyproject.toml',
      '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n\n[project]\nname = "hpkg"\nversion = "1.2.0"\nreadme = "README.md"\n',
    );
    repo.write('README.md', '# hpkg\n');
    repo.write('src/hpkg/__init__.py', '__version__ = "1.2.0"\n');
    repo.write(
      '.heimdallrc.json',
      JSON.stringify({
        sources: [
          { file: 'pyproject.toml', type: 'toml', key: 'project.version', primary: true },
          { file: 'src/hpkg/__init__.py', type: 'python' },
        ],
        release: { python: PY, ...release },
      }),
    );
    return repo.commit('hatchling');
  };

  it("the offline sdist-to-wheel step builds without the dependency check that Debian's hatchling (no editables) fails", async () => {
    const repo = hatchling({ build: [PY, '-m', 'build', '--no-isolation', '--skip-dependency-check'] });
    const res = await run(['release', '--no-upload'], repo.dir, env());
    expect(res.code, res.stdout.slice(-1500)).toBe(0);
    expect(res.stdout).toContain(
      '✔ installed version (sdist): the wheel built from hpkg-1.2.0.tar.gz: importlib.metadata.version("hpkg") is 1.2.0; `__version__` in hpkg/__init__.py is 1.2.0',
    );
  });

  it('--no-isolation names what is really missing: a dependency of the installed hatchling, not hatchling', async () => {
    const res = await run(['release', '--no-upload', '--no-isolation'], hatchling().dir, env());
    expect(res.code).toBe(1);
    expect(res.stdout).not.toContain('lacks the build backend (hatchling)');
    expect(res.stdout).toMatch(
      /✖ build: exit code 1: \/usr\/bin\/python3 has hatchling \S+, but not editables>=0\.3, which hatchling requires; python -m build checks the backend's own dependencies too: install editables>=0\.3 into \/usr\/bin\/python3, or skip that check with --skip-dependency-check in release\.build/,
    );
  });
});

describe.skipIf(!hasTools)('an index that cannot be reached is not waited for', { timeout: 120_000 }, () => {
  it('a refused connection fails at once and says so', async () => {
    const down = await startPypiServer();
    const url = down.simple;
    await down.close();
    const res = await run(['verify', '--index-url', url], project().dir, env());
    expect(res.code).toBe(1);
    expect(res.stdout).toContain(`✖ install from ${url}: ${url} refused the connection: no index listens there (check the URL and port)`);
    expect(res.stdout).not.toContain('retrying');
  });

  it('an unknown host fails at once and says so', async () => {
    const url = 'http://nonexistent.invalid/simple/';
    const res = await run(['verify', '--index-url', url], project().dir, env());
    expect(res.code).toBe(1);
    expect(res.stdout).toContain(`✖ install from ${url}: ${url}: the host nonexistent.invalid is unknown (its name does not resolve); check the URL`);
    expect(res.stdout).not.toContain('retrying');
  });
});

describe.skipIf(!hasTools)('messages name what the user gave', { timeout: 120_000 }, () => {
  it('verify --dist DIR with a missing DIR names DIR', async () => {
    const res = await run(['verify', '--dist', 'nowhere/artifacts'], project().dir, env());
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('✖ artifacts: nowhere/artifacts/ does not exist');
    expect(res.stdout).not.toContain('dist/');
  });

  it('release --dry-run with no readable version never prints "undefined"', async () => {
    const repo = exampleRepo();
    repo.write('pyproject.toml', repo.read('pyproject.toml').replace(/^version = .*$/m, ''));
    repo.commit('no version');
    const res = await run(['release', '--upload', '--dry-run'], repo.dir, env());
    expect(res.code).toBe(1);
    expect(res.stdout).not.toContain('undefined');
    expect(res.stdout).toContain('tag: git tag -a v<version>');
    expect(res.stdout).toContain('a real run stops at step 1');
  });
});
