// Spawns the built CLI exactly as a user's shell would: `node bin/heimdall-version.cjs …`.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(PROJECT, 'bin', 'heimdall-version.cjs');

// A user's git identity, so commits and annotated tags work whatever the machine's global config.
const IDENTITY = {
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.invalid',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.invalid',
};

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function run(args: string[], cwd: string, env: Record<string, string | undefined> = {}): RunResult {
  const res = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...IDENTITY, NO_COLOR: '1', GITHUB_ACTIONS: '', GITHUB_REF_TYPE: '', ...env },
  });
  return { code: res.status ?? -1, stdout: res.stdout, stderr: res.stderr };
}

/** Like run, without blocking the event loop: for tests whose server lives in this process. */
export function runAsync(args: string[], cwd: string, env: Record<string, string | undefined> = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: { ...process.env, ...IDENTITY, NO_COLOR: '1', GITHUB_ACTIONS: '', GITHUB_REF_TYPE: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
