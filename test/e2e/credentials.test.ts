// Credentials reach only the upload, never a command line, and are never printed (issue #11):
// Debian's real build and twine, a package index on 127.0.0.1.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAsync as run } from '../helpers/cli.js';
import { needs } from '../helpers/env.js';
import { startPypiServer, type PypiServer } from '../helpers/pypi-server.js';
import { cleanupTempDirs, exampleRepo, tempDir, type TempRepo } from '../helpers/repo.js';

const PY = '/usr/bin/python3';
const hasTools = needs(
  spawnSync(PY, ['-c', 'import build, twine']).status === 0,
  `the credential tests (test/e2e/credentials.test.ts): ${PY} lacks build or twine`,
  'apt-get install twine python3-build',
);
// The length of a real PyPI API token, which a child once printed in clear over three wrapped lines.
const TOKEN = `pypi-${'AgEIcHlwaS5vcmcCJGE4ZjQ1'.repeat(8)}`.slice(0, 184);

let server: PypiServer;
beforeAll(async () => {
  server = await startPypiServer({ username: '__token__', password: TOKEN });
});
afterAll(async () => {
  await server?.close();
  cleanupTempDirs();
});

/** A script that appends its argv and environment to `log`, prints `show` (if given), then runs python with the rest of its arguments. */
function recorder(log: string): string {
  const file = path.join(tempDir(), 'record.py');
  writeFileSync(
    file,
    [
      'import json, os, sys, time',
      `with open(${JSON.stringify(log)}, "a") as f: f.write(json.dumps({"argv": sys.argv, "env": dict(os.environ)}) + "\\n")`,
      'secret = os.environ.get("TWINE_PASSWORD", "")',
      'if secret:',
      '    # A child that wraps a long line, in pieces, as rich does in a narrow terminal.',
      '    for i in range(0, len(secret), 70):',
      '        sys.stdout.write(("password: " if i == 0 else "\\n    ") + secret[i:i + 70]); sys.stdout.flush(); time.sleep(0.05)',
      '    sys.stdout.write("\\n"); sys.stdout.flush()',
      'os.execv(sys.executable, [sys.executable] + sys.argv[1:])',
    ].join('\n'),
  );
  return file;
}

function releaseRepo(log: string, repositoryUrl = server.url): TempRepo {
  const rec = recorder(log);
  const repo = exampleRepo();
  // setup.py runs inside the build: it records the environment the build step was given.
  repo.write(
    'setup.py',
    `import json, os\nfrom setuptools import setup\nwith open(${JSON.stringify(log)}, "a") as f: f.write(json.dumps({"argv": ["setup.py"], "env": dict(os.environ)}) + "\\n")\nsetup()\n`,
  );
  repo.write(
    '.heimdallrc.json',
    JSON.stringify({
      release: {
        python: PY,
        build: [PY, rec, '-m', 'build', '--no-isolation'],
        validate: [PY, rec, '-c', 'pass'],
        check: [PY, rec, '-m', 'twine', 'check'],
        upload: [PY, rec, '-m', 'twine', 'upload'],
        repositories: { pypi: repositoryUrl, testpypi: repositoryUrl },
        indexes: { pypi: server.simple, testpypi: server.simple },
      },
    }),
  );
  return repo.commit('initial');
}

const records = (log: string) =>
  readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { argv: string[]; env: Record<string, string> });

describe('release runs no configuration as code', () => {
  it('a module name in a command is passed to Python as an argument, never spliced into code', async () => {
    const marker = path.join(tempDir(), 'pwned');
    const repo = exampleRepo();
    repo.write('.heimdallrc.json', JSON.stringify({ release: { python: PY, build: [PY, '-m', `os;open(${JSON.stringify(marker)},"w")`] } }));
    repo.commit('initial');
    const res = await run(['release', '--no-upload'], repo.dir, { CI: 'true' });
    expect(res.code).toBe(1);
    expect(existsSync(marker)).toBe(false);
  });

  it('--dry-run runs no command at all', async () => {
    const marker = path.join(tempDir(), 'ran');
    const touch = ['/bin/sh', '-c', `echo x >> ${marker}`];
    const repo = exampleRepo();
    repo.write('.heimdallrc.json', JSON.stringify({ release: { python: PY, validate: touch, build: touch, check: touch, upload: touch } }));
    repo.commit('initial');
    const res = await run(['release', '--upload', '--dry-run'], repo.dir, { CI: 'true' });
    expect(res.stdout).toContain('none was run');
    expect(existsSync(marker)).toBe(false);
  });
});

describe.skipIf(!hasTools)('credentials', { timeout: 240_000 }, () => {
  it('build, validate and check (and setup.py inside the build) run without any credential variable', async () => {
    const log = path.join(tempDir(), 'env.log');
    const repo = releaseRepo(log);
    const res = await run(['release', '--no-upload'], repo.dir, {
      TWINE_USERNAME: '__token__',
      TWINE_PASSWORD: TOKEN,
      PYPI_API_TOKEN: 'pypi-other-token',
      HOME: tempDir(),
      CI: 'true',
    });
    expect(res.code, res.stderr.slice(-800)).toBe(0);
    const seen = records(log);
    expect(seen.map((r) => path.basename(r.argv[0]!))).toEqual(expect.arrayContaining(['record.py', 'setup.py']));
    for (const r of seen) {
      expect(
        Object.keys(r.env).filter((k) => /TWINE_USERNAME|TWINE_PASSWORD|PYPI_API_TOKEN/.test(k)),
        r.argv.join(' '),
      ).toEqual([]);
      expect(JSON.stringify(r.env)).not.toContain(TOKEN);
    }
  });

  it("a repository URL's token goes to twine's environment, never its command line, and is masked even wrapped", async () => {
    const log = path.join(tempDir(), 'env.log');
    const url = server.url.replace('://', `://__token__:${TOKEN}@`);
    const repo = releaseRepo(log, url);
    const res = await run(['release', '--upload', '--yes'], repo.dir, { HOME: tempDir(), CI: 'true' });
    const shown = res.stdout + res.stderr;
    expect(res.code, res.stderr.slice(-800)).toBe(0);
    for (let i = 0; i + 20 <= TOKEN.length; i += 10) expect(shown).not.toContain(TOKEN.slice(i, i + 20));
    expect(shown).toContain('password: ****');
    const all = records(log);
    const upload = all.find((r) => r.argv.includes('upload'))!;
    expect(upload.argv.join(' ')).not.toContain(TOKEN);
    expect(upload.argv).toContain(server.url);
    expect(upload.env).toMatchObject({ TWINE_USERNAME: '__token__', TWINE_PASSWORD: TOKEN });
    for (const r of all.filter((x) => x !== upload)) expect(JSON.stringify(r)).not.toContain(TOKEN);
    expect(server.uploads.length).toBeGreaterThan(0);
  });
});
