// This machine's pip index, for tests that install real dependencies (the mcp SDK) with HOME moved
// to a temp dir (which hides the user's pip.conf): the configured indexes as PIP_* variables, and
// whether they serve a requirement at all (`pip download`, no dependencies).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const KEYS: Record<string, string> = { 'index-url': 'PIP_INDEX_URL', 'extra-index-url': 'PIP_EXTRA_INDEX_URL', 'find-links': 'PIP_FIND_LINKS' };

/** The configured index settings as variables; a machine whose only indexes are extra ones (files on disk) gets the first as the index, so pip never waits on pypi.org. */
export function pipIndexEnv(python: string): Record<string, string> {
  const res = spawnSync(python, ['-m', 'pip', 'config', 'list'], { encoding: 'utf8' });
  const env: Record<string, string> = {};
  for (const line of (res.stdout ?? '').split('\n')) {
    const m = /^(?:global|install|download)\.([\w-]+)='(.*)'$/.exec(line.trim());
    if (m && KEYS[m[1]!]) env[KEYS[m[1]!]!] = m[2]!;
  }
  if (!env.PIP_INDEX_URL && env.PIP_EXTRA_INDEX_URL) {
    const [first, ...rest] = env.PIP_EXTRA_INDEX_URL.split(/\s+/);
    env.PIP_INDEX_URL = first!;
    if (rest.length) env.PIP_EXTRA_INDEX_URL = rest.join(' ');
    else delete env.PIP_EXTRA_INDEX_URL;
  }
  return env;
}

/** Whether pip finds `requirement` with these settings (downloads it alone into a temp dir, removed). */
export function pipFinds(python: string, requirement: string, env: Record<string, string>): boolean {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hv-pip-'));
  try {
    const res = spawnSync(python, ['-m', 'pip', 'download', '--no-deps', '--retries', '0', '--quiet', '-d', dir, requirement], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    return res.status === 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A local directory index (file:///…/simple) behind an index URL: where its files are, for a server that mirrors it. */
export function fileIndexDir(env: Record<string, string>): string | undefined {
  const url = [env.PIP_INDEX_URL, ...(env.PIP_EXTRA_INDEX_URL ?? '').split(/\s+/)].find((u) => u?.startsWith('file://'));
  return url ? new URL(url).pathname.replace(/\/$/, '') : undefined;
}
