// release --group, end to end: a lockstep SDK of three setuptools packages (cli pins core and tools
// exactly, tools pins core) built with Debian's build, offline and without isolation, checked with
// twine, and uploaded to a PyPI-compatible server on 127.0.0.1. The group is listed dependents first,
// so every run proves the order; no index holds any of the packages, so a sibling looked up in one
// would fail the installed-version gate and the smoke command.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, PROJECT, run, runAsync } from '../helpers/cli.js';
import { needs, testEnv } from '../helpers/env.js';
import { startPypiServer, type PypiServer } from '../helpers/pypi-server.js';
import { cleanupTempDirs, tempDir, tempRepo, type TempRepo } from '../helpers/repo.js';

const PY = '/usr/bin/python3';
const canRelease = needs(
  spawnSync(PY, ['-c', 'import build, setuptools, twine, wheel']).status === 0 && spawnSync('script', ['--version']).status === 0,
  `the group release tests (test/e2e/workspace-release.test.ts): they need build, setuptools, wheel and twine in ${PY}, and script(1)`,
  'apt-get install twine python3-build python3-setuptools python3-wheel bsdutils',
);
const PASSWORD = 'pypi-group-token-value';
const MEMBERS = ['core', 'tools', 'cli'];

let server: PypiServer;
let home: string;
beforeAll(async () => {
  server = await startPypiServer({ username: '__token__', password: PASSWORD });
  home = path.join(tempDir(), 'home');
});
afterAll(async () => {
  await server?.close();
  cleanupTempDirs();
});

/** The lockstep SDK, its group listed dependents first, released to the test server; every member with a README (twine check wants one). */
function sdk(tool: Record<string, unknown> = {}): TempRepo {
  const repo = tempRepo();
  cpSync(path.join(PROJECT, 'test/fixtures/workspaces/lockstep-sdk'), repo.dir, { recursive: true });
  for (const m of MEMBERS) {
    repo.write(`packages/${m}/README.md`, `# acme-sdk-${m}\n`);
    const file = `packages/${m}/pyproject.toml`;
    repo.write(file, repo.read(file).replace('version = "2.0.0a3"\n', 'version = "2.0.0a3"\nreadme = "README.md"\n'));
  }
  const release = {
    python: PY,
    isolation: false,
    repositories: { pypi: server.url, testpypi: server.url },
    indexes: { pypi: server.simple, testpypi: server.simple },
    // Passes in tools' and cli's environments only when their sibling acme-sdk-core was installed there.
    smoke: [['python', '-c', 'import acme_sdk_core; print("acme_sdk_core", acme_sdk_core.__name__)']],
  };
  repo.write(
    '.heimdallrc.json',
    JSON.stringify({ groups: [{ name: 'sdk', packages: ['acme-sdk-cli', 'acme-sdk-tools', 'acme-sdk-core'], policy: 'fixed' }], release, ...tool }),
  );
  repo.write('pyproject.toml', '[tool.uv.workspace]\nmembers = ["packages/*"]\n');
  return repo.commit('init');
}

// No index of pip's own either: whatever pip would look up there, it does not find.
const env = () => ({ TWINE_USERNAME: '__token__', TWINE_PASSWORD: PASSWORD, HOME: home, CI: 'true', PIP_INDEX_URL: server.simple });
const tags = (repo: TempRepo) => repo.git('tag', '--list').split('\n').filter(Boolean);
/** The packages in the order their `phase` headings appear. */
const headings = (stdout: string, phase: string) => [...stdout.matchAll(new RegExp(`^${phase}: (\\S+) `, 'gm'))].map((m) => m[1]);

describe('release --group without building', () => {
  it('--dry-run lists every step package by package in the order a run takes them, and runs nothing', () => {
    const repo = sdk();
    const res = run(['release', '--group', 'sdk', '--upload', '--dry-run'], repo.dir, env());
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/^dry run: release --group sdk would release acme-sdk-core 2\.0\.0a3, acme-sdk-tools 2\.0\.0a3, acme-sdk-cli 2\.0\.0a3, /);
    expect(res.stdout).toContain('the group:\n   1. group consistent: heimdall-version check --group sdk finds no errors');
    for (const phase of ['gates', 'build and check', 'upload', 'after every upload'])
      expect(headings(res.stdout, phase)).toEqual(['acme-sdk-core', 'acme-sdk-tools', 'acme-sdk-cli']);
    // Every upload is planned before the first tag.
    const lastUpload = res.stdout.lastIndexOf('upload (PyPI):');
    expect(lastUpload).toBeLessThan(res.stdout.indexOf('. tag: git tag -a acme-sdk-core-v2.0.0a3'));
    expect(res.stdout).toContain('. tag: git tag -a acme-sdk-cli-v2.0.0a3 -m "Release acme-sdk-cli-v2.0.0a3"');
    expect(existsSync(repo.path('packages/core/dist'))).toBe(false);
    expect(repo.git('status', '--porcelain')).toBe('');
  });

  it("a member takes the workspace's release settings, with --package as from its own directory", () => {
    const repo = sdk();
    for (const args of [
      ['--package', 'acme-sdk-core'],
      ['--cwd', 'packages/core'],
    ]) {
      const res = run(['release', ...args, '--upload', '--dry-run'], repo.dir, env());
      expect(res.code, res.stderr).toBe(0);
      expect(res.stdout).toContain(`upload (PyPI): ${PY} -m twine upload --repository-url ${server.url} --non-interactive dist/*`);
      expect(res.stdout).toContain('smoke: in that environment');
    }
  });

  it("the workspace root's own package (uv's albatross) is released by --package like any member", () => {
    const repo = tempRepo();
    cpSync(path.join(PROJECT, 'test/fixtures/workspaces/uv-docs'), repo.dir, { recursive: true });
    repo.commit('init');
    const res = run(['release', '--package', 'albatross', '--upload', '--dry-run'], repo.dir, env());
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain('dry run: release 0.1.0 would take these steps');
    expect(res.stdout).toContain('tag: git tag -a albatross-v0.1.0 -m "Release albatross-v0.1.0"');
  });

  it('members sharing the template v{version} get one tag, made once', () => {
    const packages = MEMBERS.map((m) => ({ path: `packages/${m}`, tags: { template: 'v{version}' } }));
    const res = run(['release', '--group', 'sdk', '--upload', '--dry-run'], sdk({ packages }).dir, env());
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout.match(/\. tag: /g)).toHaveLength(1);
    expect(res.stdout).toContain('. tag: git tag -a v2.0.0a3 -m "Release v2.0.0a3"');
  });

  it('a pin that leaves the group inconsistent stops the plan at the group check', () => {
    const repo = sdk();
    repo.write('packages/tools/pyproject.toml', repo.read('packages/tools/pyproject.toml').replace('acme-sdk-core==2.0.0a3', 'acme-sdk-core==2.0.0a2'));
    repo.commit('stale pin');
    const res = run(['release', '--group', 'sdk', '--dry-run'], repo.dir, env());
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('packages/tools/pyproject.toml:9:31  error  [project] dependencies pins acme-sdk-core ==2.0.0a2');
    expect(res.stdout).toContain('✖ group consistent: heimdall-version check found errors in the group; a real run stops at step 1');
  });

  it('the npm member of a polyglot group is left to npm, said so; naming it with --package is a usage error', () => {
    const repo = tempRepo();
    cpSync(path.join(PROJECT, 'test/fixtures/workspaces/polyglot'), repo.dir, { recursive: true });
    repo.commit('init');
    const res = run(['release', '--group', 'weather', '--dry-run'], repo.dir, env());
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(
      /^– @acme\/weather-mcp \(npm\): not released here: an npm package: heimdall-version releases Python packages \(publish it with npm\)\n/,
    );
    expect(res.stdout).toContain('dry run: release --group weather would release weather-mcp 1.3.0rc1, ');
    expect(run(['release', '--package', '@acme/weather-mcp', '--dry-run'], repo.dir, env())).toMatchObject({
      code: 2,
      stderr:
        'heimdall-version: --package: @acme/weather-mcp (npm) is an npm package: heimdall-version releases and verifies Python packages (publish it with npm)\n',
    });
  });

  it('an unknown group, a cycle among the pins, and --package with --group are usage errors', () => {
    const repo = sdk();
    expect(run(['release', '--group', 'sdj', '--no-upload'], repo.dir, env())).toMatchObject({
      code: 2,
      stderr:
        'heimdall-version: --group: no group is named "sdj"; did you mean "sdk"? (the packages: acme-sdk-cli, acme-sdk-core, acme-sdk-tools; the groups: sdk)\n',
    });
    expect(run(['release', '--group', 'sdk', '--dry-run'], repo.path('packages/core'), env())).toMatchObject({
      code: 2,
      stderr: 'heimdall-version: --group names a group of a workspace, and this is one of its packages: run it at the workspace root (--cwd ../..)\n',
    });
    expect(run(['release', '--group', 'sdk', '--package', 'acme-sdk-cli'], repo.dir, env())).toMatchObject({
      code: 2,
      stderr: 'heimdall-version: release takes --package or --group, not both\n',
    });
    const core = 'packages/core/pyproject.toml';
    repo.write(core, repo.read(core).replace('version = "2.0.0a3"\n', 'version = "2.0.0a3"\ndependencies = ["acme-sdk-cli==2.0.0a3"]\n'));
    repo.commit('cycle');
    expect(run(['release', '--group', 'sdk', '--dry-run'], repo.dir, env())).toMatchObject({
      code: 2,
      stderr: [
        'heimdall-version: release --group sdk: the pins among its packages form a cycle (acme-sdk-cli → acme-sdk-core → acme-sdk-cli), so none of them can be released before the others:',
        '  packages/cli/pyproject.toml:9:31  acme-sdk-cli pins acme-sdk-core ==2.0.0a3 in [project] dependencies',
        '  packages/core/pyproject.toml:8:30  acme-sdk-core pins acme-sdk-cli ==2.0.0a3 in [project] dependencies',
        '',
      ].join('\n'),
    });
  });
});

describe.skipIf(!canRelease)('release --group', { timeout: 240_000 }, () => {
  it('--no-upload builds every package, siblings first, each installed with the fresh wheels of its siblings, and asks no index', async () => {
    const repo = sdk();
    const before = server.requests;
    const res = await runAsync(['release', '--group', 'sdk', '--no-upload'], repo.dir, env());
    expect(res.code, res.stdout.slice(-2000) + res.stderr.slice(-2000)).toBe(0);
    expect(headings(res.stdout, 'build and check')).toEqual(['acme-sdk-core', 'acme-sdk-tools', 'acme-sdk-cli']);
    expect(res.stdout).toContain('; installed with the fresh acme_sdk_core-2.0.0a3-py3-none-any.whl (every dependency a sibling, resolved by pip)\n');
    expect(res.stdout).toContain(
      '; installed with the fresh acme_sdk_core-2.0.0a3-py3-none-any.whl, acme_sdk_tools-2.0.0a3-py3-none-any.whl (every dependency a sibling, resolved by pip)\n',
    );
    expect(res.stdout.match(/^✔ smoke: /gm)).toHaveLength(3);
    expect(res.stdout).toContain('built acme-sdk-core 2.0.0a3, acme-sdk-tools 2.0.0a3, acme-sdk-cli 2.0.0a3 without uploading (--no-upload)\n');
    for (const m of MEMBERS) expect(existsSync(repo.path(`packages/${m}/dist/acme_sdk_${m}-2.0.0a3-py3-none-any.whl`))).toBe(true);
    expect(server.requests).toBe(before);
    expect(tags(repo)).toEqual([]);
  });

  it('--upload uploads every package, siblings first, then tags each by its template', async () => {
    const repo = sdk();
    const count = server.uploads.length;
    const res = await runAsync(['release', '--group', 'sdk', '--upload'], repo.dir, env());
    expect(res.stdout + res.stderr).not.toContain(PASSWORD);
    expect(res.code, res.stdout.slice(-2000) + res.stderr.slice(-2000)).toBe(0);
    expect(server.uploads.slice(count).map((u) => u.filename)).toEqual(
      // twine sends a wheel before its sdist.
      MEMBERS.flatMap((m) => [`acme_sdk_${m}-2.0.0a3-py3-none-any.whl`, `acme-sdk-${m}-2.0.0a3.tar.gz`]),
    );
    expect(res.stdout.lastIndexOf('✔ upload (PyPI)')).toBeLessThan(res.stdout.indexOf('✔ tag: '));
    expect(tags(repo)).toEqual(['acme-sdk-cli-v2.0.0a3', 'acme-sdk-core-v2.0.0a3', 'acme-sdk-tools-v2.0.0a3']);
    for (const t of tags(repo)) expect(repo.git('rev-parse', `${t}^{commit}`)).toBe(repo.git('rev-parse', 'HEAD'));
    expect(res.stdout).toContain(
      'released acme-sdk-core 2.0.0a3, acme-sdk-tools 2.0.0a3, acme-sdk-cli 2.0.0a3; tagged acme-sdk-core-v2.0.0a3, acme-sdk-tools-v2.0.0a3, acme-sdk-cli-v2.0.0a3\n',
    );
  });

  it('on a terminal, asks once before the first upload; a no uploads and tags nothing', () => {
    const repo = sdk();
    // Two packages are enough; no index listens where a yes would upload to.
    repo.git('rm', '-rq', 'packages/cli');
    const config = JSON.parse(repo.read('.heimdallrc.json'));
    config.groups[0].packages = ['acme-sdk-tools', 'acme-sdk-core'];
    config.release.repositories.pypi = 'http://127.0.0.1:9/legacy/';
    repo.write('.heimdallrc.json', JSON.stringify(config)).commit('two packages');
    const command = [process.execPath, BIN, 'release', '--group', 'sdk', '--upload'].map((a) => `'${a}'`).join(' ');
    const res = spawnSync('script', ['-qec', command, '/dev/null'], {
      cwd: repo.dir,
      env: testEnv({ ...env(), TERM: 'dumb', CI: '' }),
      input: 'n\n',
      encoding: 'utf8',
    });
    expect(res.stdout.match(/\[y\/N\]/g)).toHaveLength(1);
    expect(res.stdout).toContain(
      'upload acme-sdk-core 2.0.0a3 (acme-sdk-core-2.0.0a3.tar.gz, acme_sdk_core-2.0.0a3-py3-none-any.whl); acme-sdk-tools 2.0.0a3 (acme-sdk-tools-2.0.0a3.tar.gz, acme_sdk_tools-2.0.0a3-py3-none-any.whl) to http://127.0.0.1:9/legacy/, one after the other, then tag acme-sdk-core-v2.0.0a3, acme-sdk-tools-v2.0.0a3?',
    );
    expect(res.stdout).toContain('✖ confirm: not confirmed');
    expect(res.stdout).toContain('heimdall-version: not confirmed: nothing was uploaded or tagged');
    expect(res.stdout).not.toContain('→ upload');
    expect(res.status).toBe(1);
    expect(tags(repo)).toEqual([]);
  });

  it('an upload failing for the second package stops the run, says what was published, and tags nothing', async () => {
    const repo = sdk();
    // 2.0.0a4: its own files on the shared server. The index already holds tools' sdist: its wheel is taken, its sdist refused.
    for (const m of MEMBERS) {
      for (const file of [`packages/${m}/pyproject.toml`, `packages/${m}/src/acme_sdk_${m}/version.py`])
        repo.write(file, repo.read(file).replaceAll('2.0.0a3', '2.0.0a4'));
    }
    repo.commit('2.0.0a4');
    server.publish('acme-sdk-tools', '2.0.0a4', 'acme-sdk-tools-2.0.0a4.tar.gz');
    const count = server.uploads.length;
    const res = await runAsync(['release', '--group', 'sdk', '--upload'], repo.dir, env());
    expect(res.code).toBe(1);
    expect(res.stdout + res.stderr).toContain('File already exists');
    expect(server.uploads.slice(count).map((u) => u.filename)).toEqual([
      'acme_sdk_core-2.0.0a4-py3-none-any.whl',
      'acme-sdk-core-2.0.0a4.tar.gz',
      'acme_sdk_tools-2.0.0a4-py3-none-any.whl',
    ]);
    expect(res.stderr.slice(res.stderr.indexOf('heimdall-version: '))).toBe(
      [
        'heimdall-version: release --group sdk: uploading acme-sdk-tools 2.0.0a4 to PyPI failed: exit code 1 (its output is above)',
        '  published: acme-sdk-core 2.0.0a4',
        "  not published, or in part (the upload's output above says which of its files the index took): acme-sdk-tools 2.0.0a4",
        '  not published: acme-sdk-cli 2.0.0a4',
        '  nothing was tagged; an upload cannot be taken back. Fix the cause, then release the rest one by one, in this order: release --package acme-sdk-tools, release --package acme-sdk-cli',
        '',
      ].join('\n'),
    );
    expect(tags(repo)).toEqual([]);
  });
});
