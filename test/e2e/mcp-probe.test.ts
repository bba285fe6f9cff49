// The MCP stdio probe against real processes: a hand-written JSON-RPC server (plain Python, no SDK)
// that answers as SDK 1.x and 2.x servers do, or misbehaves; every case ends with its whole process
// group gone. The bounds are safety nets: no case is decided by how long anything takes.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT } from '../helpers/cli.js';
import { needs, testEnv } from '../helpers/env.js';
import { cleanupTempDirs, tempDir } from '../helpers/repo.js';
import { probeMcpServer } from '../../src/release/mcp-probe.js';
import { groupAlive } from '../../src/release/process-group.js';

const PY = '/usr/bin/python3';
const SERVER = path.join(PROJECT, 'test/fixtures/mcp/stdio_server.py');
const hasPython = needs(spawnSync(PY, ['-c', 'pass']).status === 0, `the MCP probe tests (test/e2e/mcp-probe.test.ts): no ${PY}`, 'apt-get install python3');
const SECRET = 'pypi-probe-secret-0123456789';
const hasProc = needs(existsSync('/proc/self/stat'), "the probe's escaped-process case (test/e2e/mcp-probe.test.ts): no /proc", 'run it on Linux');

afterAll(() => cleanupTempDirs());

const probe = (args: string[], timeoutMs = 60_000) =>
  probeMcpServer({ argv: [PY, SERVER, ...args], cwd: tempDir(), env: testEnv({ PROBE_SECRET: SECRET }), timeoutMs, secrets: [SECRET] });

/** A process that is gone, or a zombie waiting for its parent (dead, holding nothing). */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch {
    return false;
  }
}

/** The running processes whose argv holds `marker`, read from /proc. */
function runningWith(marker: string): number[] {
  return readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e))
    .map(Number)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(marker) && running(pid);
      } catch {
        return false; // gone meanwhile
      }
    });
}

describe.skipIf(!hasPython)('MCP probe over stdio', { timeout: 120_000 }, () => {
  it('reads server/discover → _meta serverInfo.version from a 2026-07-28 server', async () => {
    const res = await probe(['modern', '1.4.0rc1']);
    expect(res).toMatchObject({ ok: true, via: 'server/discover', version: '1.4.0rc1', name: 'demo', left: false });
  });

  it('falls back to initialize → serverInfo.version when server/discover is a JSON-RPC error (SDK 1.x), past notifications', async () => {
    // The SDK 1.x shape: the server announces another distribution's version (here pip's).
    const res = await probe(['legacy', 'pip']);
    expect(res.ok).toBe(true);
    expect(res).toMatchObject({ via: 'initialize', name: 'demo', left: false });
    expect((res as { version: string }).version).toMatch(/^\d+\.\d+/);
  });

  it('a server that prints something else on stdout cannot be probed, and says what it printed', async () => {
    const res = await probe(['noisy']);
    expect(res).toMatchObject({ ok: false, code: 'not-json', left: false });
    expect((res as { reason: string }).reason).toContain('not JSON-RPC on stdout (clients fail on it too): Starting the server...');
  });

  it('a server that exits at once cannot be probed; its stderr is shown masked', async () => {
    const res = await probe(['exit']);
    expect(res).toMatchObject({ ok: false, code: 'exited', reason: 'it exited with 3 before answering', left: false });
    expect(res.stderr).toContain('cannot reach the database with token ****');
    expect(res.stderr).not.toContain(SECRET);
  });

  it('a command that does not exist cannot start', async () => {
    const res = await probeMcpServer({ argv: ['no-such-mcp-server-anywhere'], cwd: tempDir(), env: testEnv(), timeoutMs: 60_000, secrets: [] });
    expect(res).toMatchObject({ ok: false, code: 'not-started', reason: 'it could not start: ENOENT' });
  });

  it('a server that never answers is stopped at the bound', async () => {
    const res = await probe(['silent'], 1500);
    expect(res).toMatchObject({ ok: false, code: 'timeout', reason: 'it did not answer within 1.5 s (release.mcp.timeout)', left: false });
  });

  it('the child a server starts is stopped with it (the whole process group)', async () => {
    const dir = tempDir();
    const res = await probe(['spawner', dir]);
    expect(res).toMatchObject({ ok: true, version: '1.0.0', left: false });
    const [server, child] = readFileSync(path.join(dir, 'pids'), 'utf8').split(' ').map(Number) as [number, number];
    expect(running(child)).toBe(false);
    expect(running(server)).toBe(false);
    expect(groupAlive(server)).toBe(false);
  });

  it.skipIf(!hasProc).each([
    ['', []],
    [', even when they ignore SIGTERM', ['stubborn']],
  ])('a server whose children leave its process group (setsid, a double fork into a new session) leaves nothing behind%s', async (_, more) => {
    const marker = `heimdall-escaper-${randomBytes(6).toString('hex')}`;
    try {
      const res = await probe(['escaper', marker, ...more]);
      expect(res).toMatchObject({ ok: true, version: '1.0.0', left: false });
      expect(runningWith(marker)).toEqual([]);
    } finally {
      for (const pid of runningWith(marker)) process.kill(pid, 'SIGKILL');
    }
  });

  it('a server that ignores SIGTERM is killed (stopped once it has started, by an interruption)', async () => {
    const dir = tempDir();
    const pids = path.join(dir, 'pids');
    const stop = new AbortController();
    const started = setInterval(() => existsSync(pids) && stop.abort(), 20);
    const res = await probeMcpServer({ argv: [PY, SERVER, 'stubborn', dir], cwd: dir, env: testEnv(), timeoutMs: 300_000, secrets: [], signal: stop.signal });
    clearInterval(started);
    expect(res).toMatchObject({ ok: false, code: 'interrupted', left: false });
    expect(running(Number(readFileSync(pids, 'utf8')))).toBe(false);
  });
});
