// The failure points tests inject are compiled into the test build only: nothing npm publishes reads the variable that drives them.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT, run } from '../helpers/cli.js';
import { FAULT_BIN, FAULT_VARIABLE, runWithFault } from '../helpers/faults.js';
import { cleanupTempDirs, layoutRepo, pyproject } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

const published = () => {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: PROJECT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return (JSON.parse(out)[0].files as { path: string }[]).map((f) => f.path);
};

describe('the fault points', () => {
  it('are read by no published file, built or source', () => {
    const files = published();
    expect(files).toContain('dist/cli.cjs');
    const readers = files.filter((f) => readFileSync(path.join(PROJECT, f), 'latin1').includes(FAULT_VARIABLE));
    expect(readers).toEqual([]);
  });

  it('do nothing in the shipped CLI, whatever the environment says', () => {
    const repo = layoutRepo('0.2.0').commit();
    const res = run(['bump', 'patch'], repo.dir, { [FAULT_VARIABLE]: 'fail-at:files:0' });
    expect(res.code, res.stderr).toBe(0);
    expect(repo.read('pyproject.toml')).toBe(pyproject('0.2.1'));
  });

  it('work in the test build, which is built beside dist/ and never published', () => {
    expect(readFileSync(FAULT_BIN, 'latin1')).toContain(FAULT_VARIABLE);
    expect(published().some((f) => path.join(PROJECT, f) === FAULT_BIN)).toBe(false);
    const repo = layoutRepo('0.2.0').commit();
    const res = runWithFault(['bump', 'patch'], repo.dir, 'fail-at:files:0');
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('writing failed (injected failure at files:0); every file is as it was');
    expect(repo.read('pyproject.toml')).toBe(pyproject('0.2.0'));
  });
});
