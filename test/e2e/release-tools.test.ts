// release with the tools people have: Debian's twine 4.0.2 (reads Metadata-Version up to 2.2) next
// to an isolated build that installs a current setuptools (writes 2.4); offline isolated builds.
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { needs } from '../helpers/env.js';
import { BIN, run } from '../helpers/cli.js';
import { cleanupTempDirs, exampleRepo, type TempRepo } from '../helpers/repo.js';

afterAll(cleanupTempDirs);
const PY = '/usr/bin/python3';
const twine = /twine version (\S+)/.exec(spawnSync(PY, ['-m', 'twine', '--version'], { encoding: 'utf8' }).stdout ?? '')?.[1];
const hasBuild = spawnSync(PY, ['-c', 'import build']).status === 0;
const oldTwine = twine !== undefined && Number(twine.split('.')[0]) < 6;
const hasOldTools = needs(
  oldTwine && hasBuild,
  `the twine/Metadata-Version tests (release-tools.test.ts): they need python3-build and a twine older than 6 in ${PY} (found twine ${twine ?? 'none'})`,
  "apt-get install twine python3-build (Debian's twine 4)",
);
const hasTerminal = needs(
  hasBuild && spawnSync('script', ['--version']).status === 0,
  'the release confirmation test (release-tools.test.ts): it needs python3-build and script(1)',
  'apt-get install python3-build bsdutils',
);

const project = (): TempRepo => {
  const repo = exampleRepo('heimdall-mcp');
  repo.write('.heimdallrc.json', JSON.stringify({ release: { python: PY } }));
  return repo.commit();
};
// pip gives up at once on an index it cannot reach (this machine's pip also lists pypi.org).
const CI = { CI: 'true', PIP_RETRIES: '0' };

describe.skipIf(!hasOldTools)('release, twine and the build isolation', () => {
  it('an isolated build writes Metadata-Version 2.4, which this twine cannot read: says exactly what to do', () => {
    const res = run(['release', '--no-upload'], project().dir, CI);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain(
      `✖ twine check: exit code 1: twine ${twine} (${PY} -m twine check) reads Metadata-Version 1.0 to 2.2 only, but heimdall_mcp-0.2.0-py3-none-any.whl, heimdall_mcp-0.2.0.tar.gz carry Metadata-Version 2.4 (a current build backend writes it); either build with the backend installed in ${PY}, which writes an older Metadata-Version: set "release": { "isolation": false } in the configuration, or pass --no-isolation; or use twine 6.1 or newer`,
    );
    expect(res.stderr).toContain('release stopped at "twine check"; nothing was uploaded or tagged');
  }, 300_000);

  it('--no-isolation (or release.isolation: false) builds with the installed setuptools, and twine check passes', () => {
    const repo = project();
    const res = run(['release', '--no-upload', '--no-isolation'], repo.dir, CI);
    expect(res.stdout).toContain(`→ build: ${PY} -m build --no-isolation`);
    expect(res.stdout).toContain('✔ twine check');
    expect(res.code).toBe(0);
    repo.write('.heimdallrc.json', JSON.stringify({ release: { python: PY, isolation: false } })).commit('no isolation');
    const dry = run(['release', '--no-upload', '--dry-run'], repo.dir, CI);
    expect(dry.stdout).toContain(`build: ${PY} -m build --no-isolation`);
  }, 300_000);

  it('an isolated build that cannot reach an index says why, not only its exit code', () => {
    const offline = { ...CI, PIP_NO_INDEX: '1', PIP_FIND_LINKS: '/nonexistent' };
    const res = run(['release', '--no-upload'], project().dir, offline);
    expect(res.code, res.stdout).toBe(1);
    expect(res.stdout).toMatch(
      /✖ build: exit code 1: the isolated build could not install its build requirements \(pip: no matching distribution found for (setuptools|wheel)\S*\); offline, build with the backend installed in \/usr\/bin\/python3: set "release": \{ "isolation": false \} in the configuration, or pass --no-isolation/,
    );
  }, 300_000);
});

describe.skipIf(!hasTerminal)('release --upload on a terminal', () => {
  it('asks after twine check, before the upload; a no uploads and tags nothing', () => {
    const repo = exampleRepo('heimdall-mcp');
    // No index listens there: a no must never reach it.
    repo
      .write('.heimdallrc.json', JSON.stringify({ release: { python: PY, isolation: false, repositories: { pypi: 'http://127.0.0.1:9/legacy/' } } }))
      .commit();
    const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'dumb', NO_COLOR: '1', CI: '', TWINE_USERNAME: '__token__', TWINE_PASSWORD: 'pypi-secret' };
    const command = [process.execPath, BIN, 'release', '--upload'].map((a) => `'${a}'`).join(' ');
    const res = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: repo.dir, env, input: 'n\n', encoding: 'utf8' });
    expect(res.stdout).toContain('✔ twine check');
    expect(res.stdout).toMatch(
      /upload heimdall[-_]mcp-0\.2\.0\.tar\.gz, heimdall_mcp-0\.2\.0-py3-none-any\.whl \(0\.2\.0\) to http:\/\/127\.0\.0\.1:9\/legacy\/, then tag v0\.2\.0\? An upload cannot be undone\. \[y\/N\]/,
    );
    expect(res.stdout).toContain('✖ confirm: not confirmed');
    expect(res.stdout).not.toContain('→ upload');
    expect(res.status).toBe(1);
    expect(repo.git('tag')).toBe('');
  }, 300_000);
});
