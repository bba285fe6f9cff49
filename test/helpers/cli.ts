// Spawns the built CLI exactly as a user's shell would: `node bin/heimdall-version.js …`.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(PROJECT, 'bin', 'heimdall-version.js');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function run(args: string[], cwd: string, env: Record<string, string | undefined> = {}): RunResult {
  const res = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '', GITHUB_REF_TYPE: '', ...env },
  });
  return { code: res.status ?? -1, stdout: res.stdout, stderr: res.stderr };
}
