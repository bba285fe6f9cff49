// Running the test build of the CLI (scripts/build.mjs makes it beside dist/, never published), in which
// the named points of a change can fail, crash (SIGKILL), pause or be traced: see fault-points.ts.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { PROJECT, type RunResult } from './cli.js';
import { testEnv } from './env.js';

export const FAULT_BIN = path.join(PROJECT, '.test-build', 'cli-with-faults.cjs');
export const FAULT_VARIABLE = 'HEIMDALL_VERSION_FAULT';

function bin(): string {
  if (!existsSync(FAULT_BIN)) throw new Error(`${FAULT_BIN} is missing: run \`npm run build\`, which makes it`);
  if (statSync(path.join(PROJECT, 'test', 'helpers', 'fault-points.ts')).mtimeMs > statSync(FAULT_BIN).mtimeMs)
    throw new Error(`${FAULT_BIN} is older than test/helpers/fault-points.ts: run \`npm run build\``);
  return FAULT_BIN;
}

/** Runs the CLI with `fault` (e.g. "crash-at:commit", "fail-after:1", "trace:FILE,crash-at:tag"). */
export function runWithFault(args: string[], cwd: string, fault: string, env: Record<string, string | undefined> = {}): RunResult {
  const res = spawnSync(process.execPath, [bin(), ...args], { cwd, encoding: 'utf8', env: testEnv({ ...env, [FAULT_VARIABLE]: fault }) });
  return { code: res.status ?? -1, stdout: res.stdout, stderr: res.stderr };
}

/** Like runWithFault, without blocking: for runs a test holds at a point while it acts. */
export function spawnWithFault(args: string[], cwd: string, fault: string, env: Record<string, string | undefined> = {}): Promise<RunResult & { pid: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin(), ...args], { cwd, env: testEnv({ ...env, [FAULT_VARIABLE]: fault }) });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr, pid: child.pid! }));
  });
}
