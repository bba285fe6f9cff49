// bump run by root in a tree another user can write: that user could swap a directory for a link
// between the check and the write, and root would write wherever the link leads. It must refuse.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAsync, run } from '../helpers/cli.js';
import { runWithFault, spawnWithFault } from '../helpers/faults.js';
import { canRunAsNobody, copyFor, runAsNobody } from '../helpers/nobody.js';
import { cleanupTempDirs, layoutRepo, pyproject, tempDir, tempRepo, versionPy, VPY, type TempRepo } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

const NOBODY = 65534;

/** A root-owned repository whose pkg/ belongs to nobody; pkg/mod/ (root's) holds `count` version files. */
function treeWithForeignDir(count: number): { repo: TempRepo; mod: string; files: string[] } {
  const files = Array.from({ length: count }, (_, i) => `pkg/mod/v${String(i).padStart(3, '0')}.txt`);
  const repo = tempRepo({
    'pyproject.toml': pyproject('0.2.0'),
    '.heimdallrc.json': JSON.stringify({
      sources: [{ file: 'pyproject.toml', type: 'toml', primary: true }, ...files.map((file) => ({ file, type: 'text' }))],
    }),
    ...Object.fromEntries(files.map((f) => [f, '0.2.0\n'])),
  }).commit();
  chmodSync(repo.dir, 0o755); // nobody may reach pkg/
  chownSync(repo.path('pkg'), NOBODY, NOBODY);
  return { repo, mod: repo.path('pkg/mod'), files };
}

/** Root's directory outside the project, where the link sends the writes: it holds files of the same names. */
function outsideDir(files: string[]): { dir: string; untouched: () => void } {
  const dir = path.join(tempDir('hv-outside-'), 'outside');
  mkdirSync(dir);
  const names = files.map((f) => path.basename(f)).sort();
  for (const name of names) writeFileSync(path.join(dir, name), 'precious\n');
  const untouched = () => {
    expect(readdirSync(dir).sort()).toEqual(names);
    expect(names.filter((n) => readFileSync(path.join(dir, n), 'utf8') !== 'precious\n')).toEqual([]);
  };
  return { dir, untouched };
}

const asNobody = (...argv: string[]) => execFileSync('runuser', ['-u', 'nobody', '--', ...argv]);

const REFUSAL = /refusing to write in .*\/pkg: it belongs to uid 65534 \(not root, not you\); .*nothing was written.*--allow-foreign-owner/s;

describe.runIf(canRunAsNobody('foreign-owner.test.ts'))('bump by root where another user owns a directory on the way', () => {
  it('held between its check and its writes while pkg/mod is swapped for a link, writes nothing outside', async () => {
    const { repo, mod, files } = treeWithForeignDir(3);
    const outside = outsideDir(files);
    const gate = path.join(tempDir(), 'gate');
    writeFileSync(gate, '');
    const bump = spawnWithFault(['bump', 'patch'], repo.dir, `pause-at:journal:${gate}`);
    let exited = false;
    bump.then(() => (exited = true));
    // Wait until the run is held at the point, or has ended without reaching it (it refused).
    const held = () => readdirSync(path.dirname(gate)).some((f) => f.startsWith('gate.'));
    while (!exited && !held()) await new Promise((r) => setTimeout(r, 20));
    if (held()) {
      asNobody('mv', mod, `${mod}.real`);
      asNobody('ln', '-s', outside.dir, mod);
    }
    rmSync(gate);
    const res = await bump;
    outside.untouched();
    expect(res.stderr).toMatch(REFUSAL);
    expect(res.code).toBe(1);
    for (const f of files) expect(repo.read(f)).toBe('0.2.0\n');
  });

  it('with 300 sources and that user swapping pkg/mod for a link the whole time, writes nothing outside and refuses', async () => {
    const { repo, mod, files } = treeWithForeignDir(300);
    const outside = outsideDir(files);
    const control = tempDir('hv-control-');
    chmodSync(control, 0o777);
    const stop = path.join(control, 'stop');
    const swaps = path.join(control, 'swaps');
    // Swaps until told to stop; says when it has swapped once, and at the end how often.
    const script = `const fs = require('fs'); const [mod, outside, stop, swaps] = process.argv.slice(1); let n = 0;
      while (!fs.existsSync(stop)) { fs.renameSync(mod, mod + '.real'); fs.symlinkSync(outside, mod); if (n++ === 0) fs.writeFileSync(swaps, ''); fs.unlinkSync(mod); fs.renameSync(mod + '.real', mod); }
      fs.writeFileSync(swaps, String(n));`;
    const swapper = spawn('runuser', ['-u', 'nobody', '--', process.execPath, '-e', script, mod, outside.dir, stop, swaps], { stdio: 'inherit' });
    const swapperDone = new Promise((resolve) => swapper.on('exit', resolve));
    while (!existsSync(swaps)) await new Promise((r) => setTimeout(r, 20));
    const res = await runAsync(['bump', 'patch'], repo.dir);
    writeFileSync(stop, '');
    await swapperDone;
    // The swapper ran from before the bump started until after it ended.
    expect(Number(readFileSync(swaps, 'utf8'))).toBeGreaterThan(0);
    outside.untouched();
    expect(res.stderr).toMatch(REFUSAL);
    expect(res.code).toBe(1);
    expect(files.filter((f) => repo.read(f) !== '0.2.0\n')).toEqual([]);
    expect(repo.read('pyproject.toml')).toBe(pyproject('0.2.0'));
  }, 120_000);

  it('--allow-foreign-owner writes there, for a user who trusts the others', () => {
    const { repo, files } = treeWithForeignDir(2);
    const res = run(['bump', 'patch', '--allow-foreign-owner'], repo.dir);
    expect(res.code, res.stderr).toBe(0);
    for (const f of files) expect(repo.read(f)).toBe('0.2.1\n');
  });

  it('refuses a directory every user may write (no sticky bit), and one another group may write', () => {
    const open = treeWithForeignDir(1);
    chownSync(open.repo.path('pkg'), 0, 0);
    chmodSync(open.repo.path('pkg'), 0o777);
    const res = run(['bump', 'patch'], open.repo.dir);
    expect(res.stderr).toMatch(/refusing to write in .*\/pkg: every user may write it \(mode 0777, no sticky bit\)/);
    expect(res.code).toBe(1);
    chmodSync(open.repo.path('pkg'), 0o775);
    chownSync(open.repo.path('pkg'), 0, NOBODY);
    const group = run(['bump', 'patch'], open.repo.dir);
    expect(group.stderr).toMatch(/refusing to write in .*\/pkg: group 65534 may write it \(mode 0775\)/);
    expect(open.repo.read('pkg/mod/v000.txt')).toBe('0.2.0\n');
  });

  it('check --fix and recover refuse the same way', () => {
    const { repo } = treeWithForeignDir(1);
    repo.write('pkg/mod/v000.txt', '0.1.0\n');
    const fix = run(['check', '--fix'], repo.dir);
    expect(fix.stderr).toMatch(REFUSAL);
    expect(repo.read('pkg/mod/v000.txt')).toBe('0.1.0\n');
    expect(run(['check', '--fix', '--allow-foreign-owner'], repo.dir).code).toBe(0);
    expect(repo.read('pkg/mod/v000.txt')).toBe('0.2.0\n');
    // A bump allowed there, then interrupted: recover refuses to put the files back until allowed too.
    expect(runWithFault(['bump', 'minor', '--allow-foreign-owner'], repo.dir, 'crash-at:written').code).not.toBe(0);
    expect(repo.read('pkg/mod/v000.txt')).toBe('0.3.0\n');
    const refused = run(['recover'], repo.dir);
    expect(refused.stderr).toMatch(REFUSAL);
    expect(repo.read('pkg/mod/v000.txt')).toBe('0.3.0\n');
    expect(run(['recover', '--allow-foreign-owner'], repo.dir)).toMatchObject({ code: 0, stdout: 'restored pyproject.toml, pkg/mod/v000.txt\n' });
    expect(repo.read('pkg/mod/v000.txt')).toBe('0.2.0\n');
  });

  it("a user bumps a tree of their own below root's directories", () => {
    const dir = copyFor(layoutRepo('0.2.0').commit().dir);
    const res = runAsNobody(['bump', 'patch'], dir);
    expect(res.code, res.stderr).toBe(0);
    expect(readFileSync(path.join(dir, VPY), 'utf8')).toBe(versionPy('0.2.1'));
  });
});
