// release, end to end: Debian's real build and twine, uploading to a PyPI-compatible server on 127.0.0.1.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runAsync as run } from '../helpers/cli.js';
import { needs, testEnv } from '../helpers/env.js';
import { startPypiServer, type PypiServer } from '../helpers/pypi-server.js';
import { cleanupTempDirs, exampleRepo, tempDir, type TempRepo, VPY } from '../helpers/repo.js';

const PY = '/usr/bin/python3';
const hasTools = needs(
  spawnSync(PY, ['-c', 'import build, twine']).status === 0,
  `the release tests (test/e2e/release.test.ts): ${PY} lacks build or twine`,
  'apt-get install twine python3-build',
);
const PASSWORD = 'pypi-s3cret-token-value';

let server: PypiServer;
let pypirc: string;
beforeAll(async () => {
  server = await startPypiServer({ username: '__token__', password: PASSWORD });
  pypirc = path.join(tempDir(), 'home');
});
afterAll(async () => {
  await server?.close();
  cleanupTempDirs();
});

function releaseRepo(release: Record<string, unknown> = {}, url = server.url): TempRepo {
  const repo = exampleRepo();
  repo.write(
    '.heimdallrc.json',
    JSON.stringify({
      release: {
        python: PY,
        build: [PY, '-m', 'build', '--no-isolation'],
        validate: [PY, '-c', 'import cognitive_memory, heimdall'],
        repositories: { pypi: url, testpypi: url },
        indexes: { pypi: server.simple, testpypi: server.simple },
        branch: 'main',
        ...release,
      },
    }),
  );
  return repo.commit('initial');
}

const env = (password = PASSWORD) => ({ TWINE_USERNAME: '__token__', TWINE_PASSWORD: password, HOME: pypirc, CI: 'true' });
const tags = (repo: TempRepo) => repo.git('tag', '--list');
const sha256 = (repo: TempRepo, file: string) => createHash('sha256').update(repo.bytes(file)).digest('hex');

describe.skipIf(!hasTools)('release', { timeout: 180_000 }, () => {
  it('--no-upload builds, verifies and checks, and neither uploads nor tags', async () => {
    const before = server.requests;
    const repo = releaseRepo();
    const res = await run(['release', '--no-upload'], repo.dir, env());
    expect(res.stderr).not.toContain('heimdall-version:');
    expect(res.code).toBe(0);
    for (const gate of ['versions consistent', 'tools present', 'work tree clean', 'release branch', 'tag free']) expect(res.stdout).toContain(`✔ ${gate}`);
    expect(res.stdout).toContain('✔ artifacts: 0.2.0 in heimdall-mcp-0.2.0.tar.gz, heimdall_mcp-0.2.0-py3-none-any.whl');
    expect(res.stdout).toContain('✔ twine check');
    expect(existsSync(repo.path('dist/heimdall_mcp-0.2.0-py3-none-any.whl'))).toBe(true);
    expect(server.requests).toBe(before);
    expect(tags(repo)).toBe('');
  });

  it('--upload uploads both artifacts, then tags, and never prints the password', async () => {
    const repo = releaseRepo({ validate: [PY, '-c', 'import os; print("token is " + os.environ.get("TWINE_PASSWORD", "not given to validate"))'] });
    const count = server.uploads.length;
    const res = await run(['release', '--upload'], repo.dir, env());
    expect(res.stderr + res.stdout).not.toContain(PASSWORD);
    expect(res.stdout).toContain('token is not given to validate');
    expect(res.code, res.stderr.slice(-500)).toBe(0);
    const uploads = server.uploads.slice(count);
    expect(uploads.map((u) => [u.name, u.version, u.filename]).sort()).toEqual([
      ['heimdall-mcp', '0.2.0', 'heimdall-mcp-0.2.0.tar.gz'],
      ['heimdall-mcp', '0.2.0', 'heimdall_mcp-0.2.0-py3-none-any.whl'],
    ]);
    for (const u of uploads) expect(u.sha256).toBe(sha256(repo, `dist/${u.filename}`));
    expect(repo.git('cat-file', '-t', 'v0.2.0')).toBe('tag\n');
    expect(repo.git('rev-parse', 'v0.2.0^{commit}')).toBe(repo.git('rev-parse', 'HEAD'));
    expect(res.stdout).toContain('✔ tag: tagged v0.2.0');
  });

  it('--push sends the new tag to the remote', async () => {
    const remote = tempDir();
    const repo = releaseRepo();
    repo.write('pyproject.toml', repo.read('pyproject.toml').replace('0.2.0', '0.2.5'));
    repo.write(VPY, repo.read(VPY).replace('"0.2.0"', '"0.2.5"')).commit('0.2.5');
    repo.git('init', '-q', '--bare', remote);
    repo.git('remote', 'add', 'origin', remote);
    const res = await run(['release', '--upload', '--push'], repo.dir, env());
    expect(res.code, res.stderr.slice(-300)).toBe(0);
    expect(res.stdout).toContain('✔ push: pushed v0.2.5 to origin');
    expect(repo.git('--git-dir', remote, 'rev-parse', 'v0.2.5^{commit}')).toBe(repo.git('rev-parse', 'HEAD'));
  });

  it('--test-upload uploads but does not tag', async () => {
    const repo = releaseRepo();
    repo.write('pyproject.toml', repo.read('pyproject.toml').replace('0.2.0', '0.2.1'));
    repo.write(VPY, repo.read(VPY).replace('"0.2.0"', '"0.2.1"')).commit('0.2.1');
    const count = server.uploads.length;
    const res = await run(['release', '--test-upload'], repo.dir, env());
    expect(res.code).toBe(0);
    expect(server.uploads.slice(count).map((u) => u.version)).toEqual(['0.2.1', '0.2.1']);
    expect(tags(repo)).toBe('');
  });

  it('bad credentials: the upload fails, nothing is tagged, no secret is printed', async () => {
    const repo = releaseRepo();
    repo.write('pyproject.toml', repo.read('pyproject.toml').replace('0.2.0', '0.2.2'));
    repo.write(VPY, repo.read(VPY).replace('"0.2.0"', '"0.2.2"')).commit('0.2.2');
    const wrong = 'wrong-password-1234';
    const res = await run(['release', '--upload'], repo.dir, env(wrong));
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/step upload \(PyPI\) failed with exit code \d+; the release stopped and no tag was created/);
    expect(res.stdout + res.stderr).toContain('403');
    expect(res.stdout + res.stderr).not.toContain(wrong);
    expect(tags(repo)).toBe('');
  });

  it("a duplicate upload fails with the index's message", async () => {
    const repo = releaseRepo();
    repo.write('pyproject.toml', repo.read('pyproject.toml').replace('0.2.0', '0.2.3'));
    repo.write(VPY, repo.read(VPY).replace('"0.2.0"', '"0.2.3"')).commit('0.2.3');
    expect((await run(['release', '--test-upload'], repo.dir, env())).code).toBe(0);
    const res = await run(['release', '--upload'], repo.dir, env());
    expect(res.code).toBe(1);
    expect(res.stdout + res.stderr).toContain('File already exists');
    expect(tags(repo)).toBe('');
  });

  it('server down: the upload step fails and nothing is tagged', async () => {
    const down = await startPypiServer();
    const url = down.url;
    await down.close();
    const repo = releaseRepo({}, url);
    const res = await run(['release', '--upload'], repo.dir, env());
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('step upload (PyPI) failed');
    expect(tags(repo)).toBe('');
  });

  it('--dry-run prints every step a real run takes, in order, and runs no command at all', async () => {
    const dir = tempDir();
    const spy = path.join(dir, 'python3');
    writeFileSync(spy, `#!/bin/sh\ntouch ${dir}/ran\nexec ${PY} "$@"\n`);
    chmodSync(spy, 0o755);
    const repo = releaseRepo({ python: spy, build: [spy, '-m', 'build', '--no-isolation'], validate: [spy, '-c', 'pass'] });
    repo.write('pyproject.toml', repo.read('pyproject.toml').replace('0.2.0', '0.2.4'));
    repo.write(VPY, repo.read(VPY).replace('"0.2.0"', '"0.2.4"')).commit('0.2.4');
    const res = await run(['release', '--upload', '--dry-run'], repo.dir, env());
    expect(res.code, res.stderr).toBe(0);
    const steps = [...res.stdout.matchAll(/^ +\d+\. ([^:]+):/gm)].map((m) => m[1]);
    expect(steps).toEqual([
      'versions consistent',
      'version usable by Python',
      'tools present',
      'work tree clean',
      'release branch',
      'tag free',
      'validate',
      'clean',
      'build',
      'artifacts',
      'installed version',
      'installed version (sdist)',
      'twine check',
      'upload (PyPI)',
      'tag',
    ]);
    expect(res.stdout).toContain(`build: ${spy} -m build --no-isolation\n`);
    expect(res.stdout).toContain(`upload (PyPI): ${spy} -m twine upload --repository-url ${server.url} --non-interactive dist/*\n`);
    expect(res.stdout).toContain('tag: git tag -a v0.2.4 -m "Release v0.2.4"');
    expect(existsSync(path.join(dir, 'ran'))).toBe(false);
    expect(existsSync(repo.path('dist'))).toBe(false);
    expect(tags(repo)).toBe('');
    // The real run takes the same steps, in the same order.
    const real = await run(['release', '--upload'], repo.dir, env());
    expect(real.code, real.stderr.slice(-500)).toBe(0);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: it strips the terminal's colour escapes
    const ran = [...real.stdout.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').matchAll(/^✔ (.+?)(?:: | \(\d)/gm)].map((m) => m[1]);
    expect(ran, real.stdout).toEqual(steps);
  });

  it('Ctrl-C stops the running step and creates no tag', async () => {
    const repo = releaseRepo({ validate: [PY, '-c', 'import time; print("validating", flush=True); time.sleep(60)'] });
    const child = spawn(process.execPath, [BIN, 'release', '--upload'], { cwd: repo.dir, env: testEnv(env()) });
    let out = '';
    let err = '';
    child.stderr.on('data', (c) => (err += c));
    const code = await new Promise<number | null>((resolve) => {
      child.stdout.on('data', (c) => {
        out += c;
        if (/^validating$/m.test(out)) child.kill('SIGINT');
      });
      child.on('close', resolve);
    });
    expect(code).toBe(1);
    expect(err).toContain('interrupted during validate; the release stopped and no tag was created');
    expect(existsSync(repo.path('dist'))).toBe(false);
    expect(tags(repo)).toBe('');
  });
});

describe.skipIf(!hasTools)('release gates: nothing is built or uploaded when one fails', { timeout: 180_000 }, () => {
  const refused = async (repo: TempRepo, args: string[], gate: string, extraEnv: Record<string, string> = {}) => {
    const before = server.requests;
    const tagsBefore = tags(repo);
    const res = await run(['release', '--upload', ...args], repo.dir, { ...env(), ...extraEnv });
    expect(res.code).toBe(1);
    expect(res.stdout).toContain(`✖ ${gate}:`);
    expect(res.stderr).toContain(`release stopped at the gate "${gate}"; nothing was built or uploaded`);
    expect(existsSync(repo.path('dist'))).toBe(false);
    expect(server.requests).toBe(before);
    expect(tags(repo)).toBe(tagsBefore);
    return res;
  };

  it('versions consistent', async () => {
    const repo = releaseRepo();
    repo.write(VPY, repo.read(VPY).replace('"0.2.0"', '"0.1.0"')).commit('drift');
    const res = await refused(repo, [], 'versions consistent');
    expect(res.stdout).toContain('version-mismatch');
  });

  it('tools present: an interpreter without build and twine is named, with how to install them', async () => {
    const dir = tempDir();
    const fake = path.join(dir, 'python3');
    writeFileSync(fake, '#!/bin/sh\necho "ModuleNotFoundError: No module named \'build\'" >&2\nexit 1\n');
    chmodSync(fake, 0o755);
    const res = await refused(releaseRepo(), ['--python', fake], 'tools present');
    expect(res.stdout).toContain(`${fake} cannot import build`);
    expect(res.stdout).toContain('apt-get install twine python3-build');
    const missing = await refused(releaseRepo(), ['--python', path.join(dir, 'nope')], 'tools present');
    expect(missing.stdout).toContain('was not found');
  });

  it('work tree clean', async () => {
    const repo = releaseRepo();
    repo.write('README.md', 'edited\n');
    await refused(repo, [], 'work tree clean');
  });

  it('release branch', async () => {
    const repo = releaseRepo();
    repo.git('checkout', '-q', '-b', 'feature');
    const res = await refused(repo, [], 'release branch');
    expect(res.stdout).toContain('releases are made from main, but this is feature');
  });

  it('tag free', async () => {
    const repo = releaseRepo();
    repo.tag('v0.2.0');
    repo.commit('later');
    await refused(repo, [], 'tag free');
  });

  it('GitHub tag', async () => {
    const res = await refused(releaseRepo(), [], 'GitHub tag', { GITHUB_ACTIONS: 'true', GITHUB_REF_TYPE: 'tag', GITHUB_REF_NAME: 'v9.9.9' });
    expect(res.stdout).toContain('triggered by tag v9.9.9, but the version says v0.2.0');
  });

  it('a failing validate step stops the chain before the build', async () => {
    const repo = releaseRepo({ validate: [PY, '-c', 'import no_such_module'] });
    const before = server.requests;
    const res = await run(['release', '--upload'], repo.dir, env());
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/step validate failed with exit code 1/);
    expect(existsSync(repo.path('dist'))).toBe(false);
    expect(server.requests).toBe(before);
  });

  it('artifacts that carry another version stop the chain before twine', async () => {
    const built = releaseRepo();
    expect((await run(['release', '--no-upload'], built.dir, env())).code).toBe(0);
    const repo = releaseRepo({ build: ['/bin/sh', '-c', `mkdir -p dist && cp ${built.path('dist')}/* dist/`] });
    repo.write('pyproject.toml', repo.read('pyproject.toml').replace('0.2.0', '0.2.9'));
    repo.write(VPY, repo.read(VPY).replace('"0.2.0"', '"0.2.9"')).commit('0.2.9');
    const before = server.requests;
    const res = await run(['release', '--upload'], repo.dir, env());
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('✖ artifacts: the artifacts do not carry 0.2.9');
    expect(res.stdout).toContain('its metadata says Version: 0.2.0');
    expect(res.stderr).toContain('release stopped at "artifacts"; nothing was uploaded or tagged');
    expect(server.requests).toBe(before);
    expect(tags(repo)).toBe('');
  });
});
