// The runtime truth, end to end: real build, venv, pip and twine (Debian's /usr/bin/python3), tiny
// setuptools packages, the built wheel installed into a throwaway environment and asked its version.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runAsync as run } from '../helpers/cli.js';
import { needs, testEnv } from '../helpers/env.js';
import { startPypiServer, type PypiServer } from '../helpers/pypi-server.js';
import { cleanupTempDirs, exampleRepo, tempDir, type TempRepo, VPY } from '../helpers/repo.js';
import { renderSteps } from '../../src/cli/render-steps.js';
import { release, type StepEvent } from '../../src/index.js';

const PY = '/usr/bin/python3';
const hasTools = needs(
  spawnSync(PY, ['-c', 'import build, twine, venv, ensurepip, setuptools']).status === 0,
  `the installed-version tests (test/e2e/installed.test.ts): ${PY} lacks build, twine, venv/ensurepip or setuptools`,
  'apt-get install twine python3-build python3-venv',
);
const PASSWORD = 'pypi-installed-token';

// The heimdall-mcp shape: the lookup names the old distribution, so installed it falls back.
const DRIFTED = `from importlib.metadata import PackageNotFoundError, version

try:
    SYSTEM_VERSION = version("heimdall-mcp-server")
except PackageNotFoundError:
    SYSTEM_VERSION = "0.1.0"
`;

let server: PypiServer;
beforeAll(async () => {
  server = await startPypiServer({ username: '__token__', password: PASSWORD });
});
afterAll(async () => {
  await server?.close();
  cleanupTempDirs();
});

/** A tiny setuptools package (the heimdall-mcp example) at `version`, committed on main. */
function pkg(version: string, release: Record<string, unknown> = {}, files: Record<string, string> = {}, rules: Record<string, string> = {}): TempRepo {
  const repo = exampleRepo();
  repo.write('pyproject.toml', repo.read('pyproject.toml').replace('version = "0.2.0"', `version = "${version}"`));
  repo.write(VPY, repo.read(VPY).replace('"0.2.0"', `"${version}"`));
  for (const [file, text] of Object.entries(files)) repo.write(file, text);
  repo.write(
    '.heimdallrc.json',
    JSON.stringify({
      sources: [
        { file: 'pyproject.toml', type: 'toml', key: 'project.version', primary: true },
        { file: VPY, type: 'python', variable: 'SYSTEM_VERSION' },
      ],
      rules,
      release: {
        python: PY,
        build: [PY, '-m', 'build', '--no-isolation'],
        repositories: { pypi: server.url, testpypi: server.url },
        indexes: { testpypi: server.simple, pypi: server.simple },
        ...release,
      },
    }),
  );
  return repo.commit('initial');
}

// A build backend that blocks when it builds from an extracted sdist (marker: HV_SDIST_MARKER).
const BLOCKING_BACKEND = `import os, subprocess, sys, tempfile, time
from setuptools.build_meta import *
from setuptools import build_meta as _setuptools


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    if "heimdall-version-sdist-" in os.getcwd():
        temp = tempfile.mkdtemp(prefix="backend-")
        child = subprocess.Popen([sys.executable, "-c", "import time\\nwhile True: time.sleep(1)"])
        marker = os.environ["HV_SDIST_MARKER"]
        with open(marker + ".tmp", "w") as f:
            f.write("%d\\n%d\\n%s" % (os.getpid(), child.pid, temp))
        os.rename(marker + ".tmp", marker)
        while True:
            time.sleep(1)
    return _setuptools.build_wheel(wheel_directory, config_settings, metadata_directory)
`;

/** Whether a process of this pid is still running (a zombie counts as gone). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
}

const env = (extra: Record<string, string> = {}) => ({
  TWINE_USERNAME: '__token__',
  TWINE_PASSWORD: PASSWORD,
  HOME: tempDir(),
  CI: 'true',
  TMPDIR: tempDir(),
  ...extra,
});
const leftovers = (tmp: string) => readdirSync(tmp).filter((f) => f.startsWith('heimdall-version-'));

describe.skipIf(!hasTools)('installed version: the built wheel is installed and asked', { timeout: 240_000 }, () => {
  it('a package whose runtime module is right passes, for the wheel and for a wheel built from the sdist, and leaves no environment behind', async () => {
    const repo = pkg('1.0.0');
    const e = env();
    const res = await run(['release', '--no-upload'], repo.dir, e);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain(
      '✔ installed version: heimdall_mcp-1.0.0-py3-none-any.whl: importlib.metadata.version("heimdall-mcp") is 1.0.0; `SYSTEM_VERSION` in cognitive_memory/core/version.py is 1.0.0',
    );
    expect(res.stdout).toContain(
      '✔ installed version (sdist): the wheel built from heimdall-mcp-1.0.0.tar.gz: importlib.metadata.version("heimdall-mcp") is 1.0.0',
    );
    expect(res.stdout).toMatch(/pip install: .* --no-deps --no-index /);
    expect(leftovers(e.TMPDIR)).toEqual([]);
  });

  it('the heimdall-mcp shape (lookup of another distribution, fallback 0.1.0) stops the release: nothing uploaded, no tag', async () => {
    // The rules that read this pattern are off: the gate must catch it on its own, as it would a shape no rule foresees.
    const repo = pkg('0.3.7', {}, { [VPY]: DRIFTED }, { 'runtime-lookup': 'off', 'version-mismatch': 'off' });
    const before = server.requests;
    const e = env();
    const res = await run(['release', '--upload'], repo.dir, e);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('✖ installed version: heimdall_mcp-0.3.7-py3-none-any.whl, installed in a fresh environment:');
    // The sdist's check, started beside it, is stopped: nothing of it is shown and nothing of it is left.
    expect(res.stdout).not.toContain('(sdist)');
    expect(res.stdout).not.toContain('build wheel from sdist');
    expect(leftovers(e.TMPDIR)).toEqual([]);
    expect(res.stdout).toContain(
      'installed `SYSTEM_VERSION` is 0.1.0, expected 0.3.7 — the lookup of "heimdall-mcp-server" raised PackageNotFoundError (cognitive_memory/core/version.py)',
    );
    expect(res.stderr).toContain('release stopped at "installed version"; nothing was uploaded or tagged');
    expect(res.stdout).not.toContain('twine check');
    expect(server.requests).toBe(before);
    expect(repo.git('tag', '--list')).toBe('');
  });

  it("when the wheel's check fails, the sdist's check started beside it is stopped whole: its build's children and temporary files are gone", async () => {
    // An in-tree backend that, building from the extracted sdist, makes a temporary directory, starts
    // a child, says so, and never returns. The installed wheel's version module waits until it has
    // said so, then reports the wrong version: so the wheel's check fails while the sdist's build is
    // surely running, whatever the machine's speed.
    const marker = path.join(tempDir(), 'sdist-build-started');
    const repo = pkg(
      '0.3.7',
      {},
      {
        'pyproject.toml': exampleRepo()
          .read('pyproject.toml')
          .replace('version = "0.2.0"', 'version = "0.3.7"')
          .replace('build-backend = "setuptools.build_meta"', 'build-backend = "backend"\nbackend-path = ["_build"]'),
        'MANIFEST.in': 'include _build/backend.py\n',
        '_build/backend.py': BLOCKING_BACKEND,
        [VPY]: `import os, time\nwhile not os.path.exists(${JSON.stringify(marker)}):\n    time.sleep(0.02)\n${DRIFTED}`,
      },
      { 'runtime-lookup': 'off', 'version-mismatch': 'off' },
    );
    const e = env({ HV_SDIST_MARKER: marker });
    const res = await run(['release', '--no-upload'], repo.dir, e);
    expect(res.code, res.stderr).toBe(1);
    expect(res.stdout).toContain('✖ installed version: heimdall_mcp-0.3.7-py3-none-any.whl, installed in a fresh environment:');
    expect(res.stdout).not.toContain('(sdist)');
    const [backend, child, temp] = readFileSync(marker, 'utf8').split('\n');
    expect(alive(Number(backend)), 'the backend process').toBe(false);
    expect(alive(Number(child)), "the backend's child").toBe(false);
    expect(existsSync(temp!), "the backend's temporary directory").toBe(false);
    expect(readdirSync(e.TMPDIR)).toEqual([]);
  }, 120_000); // stopped as it should be, it takes seconds; a build left running would hold the run open

  it('a wheel that leaves the version module out fails, naming the file', async () => {
    const repo = pkg(
      '1.0.1',
      {},
      {
        'pyproject.toml': exampleRepo()
          .read('pyproject.toml')
          .replace('version = "0.2.0"', 'version = "1.0.1"')
          .replace(
            'include = ["cognitive_memory*", "heimdall*"]',
            'include = ["cognitive_memory", "heimdall"]\n\n[tool.setuptools]\ninclude-package-data = false',
          ),
      },
    );
    const res = await run(['release', '--no-upload'], repo.dir, env());
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('✖ installed version: heimdall_mcp-1.0.1-py3-none-any.whl, installed in a fresh environment:');
    expect(res.stdout).toContain('cognitive_memory/core/version.py is not in the installed package: the artifact leaves it out');
  });

  it('an sdist that leaves the version module out fails on the wheel built from it', async () => {
    // The wheel is built from the tree (it has the module); MANIFEST.in keeps it out of the sdist.
    const repo = pkg('1.0.2', { build: [PY, '-m', 'build', '--no-isolation', '--sdist', '--wheel'] }, { 'MANIFEST.in': `exclude ${VPY}\n` });
    const res = await run(['release', '--no-upload'], repo.dir, env());
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('✔ installed version: heimdall_mcp-1.0.2-py3-none-any.whl');
    expect(res.stdout).toContain('✖ installed version (sdist): the wheel built from heimdall-mcp-1.0.2.tar.gz, installed in a fresh environment:');
    expect(res.stdout).toContain('cognitive_memory/core/version.py is not in the installed package');
    expect(res.stderr).toContain('release stopped at "installed version (sdist)"');
  });

  it('smoke commands run inside the environment; a failing one stops the release', async () => {
    const ok = await run(['release', '--no-upload'], pkg('1.0.3', { smoke: [['heimdall']] }).dir, env());
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('heimdall 1.0.3\n');
    expect(ok.stdout).toContain('✔ smoke: heimdall exited with 0');
    const repo = pkg('1.0.4', { smoke: [['heimdall'], ['python', '-c', 'import heimdall.cli, sys; print("smoke ran"); sys.exit(3)']] });
    const res = await run(['release', '--upload'], repo.dir, env());
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('smoke ran\n');
    expect(res.stdout).toContain('✖ smoke: python -c import heimdall.cli, sys; print("smoke ran"); sys.exit(3) exited with 3');
    expect(repo.git('tag', '--list')).toBe('');
  });

  it("the package's own code (smoke commands, the version file) never sees twine's credentials", async () => {
    const leak = 'import os; print("password:", os.environ.get("TWINE_PASSWORD"), os.environ.get("TWINE_USERNAME"))';
    const repo = pkg(
      '1.0.7',
      { smoke: [['python', '-c', leak]] },
      { [VPY]: `import os\nprint("version file sees", os.environ.get("TWINE_PASSWORD"))\nSYSTEM_VERSION = "1.0.7"\n` },
    );
    const res = await run(['release', '--no-upload'], repo.dir, env());
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain('password: None None\n');
    expect(res.stdout).toContain('version file sees None\n');
    expect(res.stdout).not.toContain(PASSWORD);
  });

  it('smoke with dependencies and no index: skipped with a warning, or a failure with --require-smoke', async () => {
    const deps = exampleRepo()
      .read('pyproject.toml')
      .replace('version = "0.2.0"', 'version = "1.0.5"')
      .replace('dependencies = []', 'dependencies = ["no-such-dependency-anywhere>=1"]');
    const repo = pkg('1.0.5', { smoke: [['heimdall']] }, { 'pyproject.toml': deps });
    const offline = { PIP_NO_INDEX: '1', PIP_CONFIG_FILE: '/dev/null' };
    const warned = await run(['release', '--no-upload'], repo.dir, env(offline));
    expect(warned.code, warned.stderr).toBe(0);
    expect(warned.stdout).toContain('⚠ smoke: skipped: pip could not install the dependencies (no-such-dependency-anywhere');
    const required = await run(['release', '--no-upload', '--require-smoke'], repo.dir, env(offline));
    expect(required.code).toBe(1);
    expect(required.stdout).toContain('--require-smoke makes that a failure');
  });

  // A closed terminal or a dropped ssh session sends SIGHUP, which would otherwise end the CLI at once.
  for (const [signal, what] of [
    ['SIGINT', 'Ctrl-C'],
    ['SIGHUP', 'A hangup (SIGHUP)'],
  ] as const)
    it(`${what} during the gate stops it and leaves no environment behind`, async () => {
      const repo = pkg('1.0.6', { smoke: [['python', '-c', 'import time; print("smoking", flush=True); time.sleep(60)']] });
      const e = env();
      const child = spawn(process.execPath, [BIN, 'release', '--upload'], { cwd: repo.dir, env: testEnv(e) });
      let out = '';
      let err = '';
      let during: string[] = [];
      child.stderr.on('data', (c) => (err += c));
      const code = await new Promise<number | null>((resolve) => {
        child.stdout.on('data', (c) => {
          out += c;
          if (/^smoking$/m.test(out) && !child.killed) {
            during = leftovers(e.TMPDIR);
            child.kill(signal);
          }
        });
        child.on('close', resolve);
      });
      expect(code).toBe(1);
      expect(during.length).toBeGreaterThan(0);
      expect(err).toContain('interrupted during smoke; the release stopped and no tag was created');
      expect(leftovers(e.TMPDIR)).toEqual([]);
      expect(repo.git('tag', '--list')).toBe('');
    });
});

describe.skipIf(!hasTools)('verify, and --test-upload followed by an install from the index', { timeout: 240_000 }, () => {
  it('verify checks the artifacts already in dist/', async () => {
    const repo = pkg('2.0.0');
    expect((await run(['release', '--no-upload'], repo.dir, env())).code).toBe(0);
    const res = await run(['verify'], repo.dir, env());
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain('✔ installed version: heimdall_mcp-2.0.0-py3-none-any.whl');
    expect(res.stdout).toContain('✔ installed version (sdist)');
    expect(res.stdout).not.toContain('→ build');
    // An attack: names from the configuration reach the probe as arguments, never as code.
    const pwned = path.join(tempDir(), 'PWNED');
    const evil = `heimdall-mcp" if open(${JSON.stringify(pwned)}, "w") else "`;
    repo.write('pyproject.toml', repo.read('pyproject.toml').replace('name = "heimdall-mcp"', `name = '${evil}'`));
    const attacked = await run(['verify'], repo.dir, env());
    expect(attacked.code).toBe(1);
    expect(attacked.stdout).toContain('raised PackageNotFoundError');
    expect(existsSync(pwned)).toBe(false);
    // Artifacts of another version in --dist DIR: named, exit 1.
    const other = pkg('2.0.1');
    const wrong = await run(['verify', '--dist', repo.path('dist')], other.dir, env());
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toContain('expected 2.0.1');
  });

  it('--test-upload installs <dist>==<version> from the index (retrying, through the clock, while it catches up) and asks it', async () => {
    const lagging = await startPypiServer({ username: '__token__', password: PASSWORD, lagging: 1 });
    try {
      const repo = pkg('2.1.0', {
        repositories: { pypi: lagging.url, testpypi: lagging.url },
        indexes: { testpypi: lagging.simple, pypi: lagging.simple },
        smoke: [['heimdall']],
      });
      // The library use case, in this process, with a clock that records the waits instead of waiting.
      const slept: number[] = [];
      const clock = { now: () => 0, sleep: async (ms: number) => void slept.push(ms) };
      const events: StepEvent[] = [];
      let out = '';
      const render = renderSteps({ out: (s) => (out += s), err: (s) => (out += s), color: false }, false);
      const res = await release({ cwd: repo.dir, mode: 'test-upload', env: testEnv(env()), clock, onEvent: (e) => (events.push(e), render(e)) });
      expect(res.ok, out.slice(-800)).toBe(true);
      expect(slept).toEqual([5000]);
      expect(events).toContainEqual({
        type: 'wait',
        step: 'install from TestPyPI',
        seconds: 5,
        reason: 'TestPyPI does not serve heimdall-mcp==2.1.0 yet; attempt 2 of 6',
      });
      expect(lagging.uploads.map((u) => u.filename).sort()).toEqual(['heimdall-mcp-2.1.0.tar.gz', 'heimdall_mcp-2.1.0-py3-none-any.whl']);
      expect(out).toContain(`pip install: `);
      expect(out).toContain(`--index-url ${lagging.simple} --extra-index-url ${lagging.simple} heimdall-mcp==2.1.0`);
      expect(out).toContain('… TestPyPI does not serve heimdall-mcp==2.1.0 yet; attempt 2 of 6: retrying in 5s');
      expect(out).toContain(
        '✔ install from TestPyPI: heimdall-mcp==2.1.0 from TestPyPI: importlib.metadata.version("heimdall-mcp") is 2.1.0; `SYSTEM_VERSION` in cognitive_memory/core/version.py is 2.1.0; heimdall exited with 0',
      );
      expect(res.steps.at(-1)).toMatchObject({ step: 'install from TestPyPI', status: 'passed', code: 'installed-version-right' });
      expect(repo.git('tag', '--list')).toBe('');
      // verify --index-url asks the same index again, for CI jobs that built elsewhere.
      const verified = await run(['verify', '--index-url', lagging.simple], repo.dir, env());
      expect(verified.code, verified.stderr.slice(-800)).toBe(0);
      expect(verified.stdout).toContain(`✔ install from ${lagging.simple}: heimdall-mcp==2.1.0`);
    } finally {
      await lagging.close();
    }
  });
});
