// Running the built CLI as an unprivileged user (nobody) on a copy it owns, for permission cases.
import { execFileSync, spawnSync } from 'node:child_process';
import { needs, testEnv } from './env.js';
import { chmodSync, cpSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { BIN, PROJECT, type RunResult } from './cli.js';
import { tempDir } from './repo.js';

/** A copy of dir that nobody can reach (its parents opened up) and, with `own`, owns. */
export function copyFor(dir: string, own = true): string {
  const parent = tempDir('hv-nobody-');
  chmodSync(parent, 0o755);
  const copy = path.join(parent, 'repo');
  mkdirSync(copy);
  cpSync(dir, copy, { recursive: true });
  if (own) execFileSync('chown', ['-R', 'nobody:nogroup', copy]);
  return copy;
}

let nobodysBin: string | undefined;

/**
 * The built CLI as nobody can start it: this checkout's, or, when nobody cannot reach it (a checkout
 * under a private directory, as a fresh clone in mktemp -d is), a copy of bin/ and dist/ in an open directory.
 */
function binForNobody(): string {
  if (nobodysBin) return nobodysBin;
  nobodysBin = BIN;
  if (spawnSync('runuser', ['-u', 'nobody', '--', 'test', '-r', path.join(PROJECT, 'dist', 'cli.cjs')]).status !== 0) {
    const parent = tempDir('hv-nobody-bin-');
    chmodSync(parent, 0o755);
    for (const part of ['bin', 'dist', 'package.json']) cpSync(path.join(PROJECT, part), path.join(parent, part), { recursive: true });
    nobodysBin = path.join(parent, 'bin', path.basename(BIN));
  }
  return nobodysBin;
}

export function runAsNobody(args: string[], cwd: string, env: Record<string, string> = {}): RunResult {
  const res = spawnSync(
    'runuser',
    [
      '-u',
      'nobody',
      '--',
      'env',
      `HOME=${cwd}`,
      'GIT_CONFIG_GLOBAL=/dev/null',
      'GIT_CONFIG_NOSYSTEM=1',
      'NO_COLOR=1',
      ...Object.entries(env).map(([k, v]) => `${k}=${v}`),
      process.execPath,
      binForNobody(),
      ...args,
    ],
    { cwd, encoding: 'utf8', env: testEnv() },
  );
  return { code: res.status ?? -1, stdout: res.stdout, stderr: res.stderr };
}

const nobodyWorks = process.getuid?.() === 0 && spawnSync('runuser', ['-u', 'nobody', '--', 'true']).status === 0;

/** Whether this machine can run the permission cases of `what` (root, with runuser and a nobody user); under CI it must. */
export const canRunAsNobody = (what: string): boolean =>
  needs(nobodyWorks, `the permission cases of ${what}`, 'run the tests as root, with runuser (util-linux) and a nobody user');
