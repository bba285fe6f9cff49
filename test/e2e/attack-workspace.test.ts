// A hostile workspace: member globs and configured member paths that lead out of the repository
// through a link are never read as packages (a glob passes over them; a configured one is refused).
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.js';
import { cleanupTempDirs, tempDir, tempRepo } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

/** A directory outside the repository that looks like a package. */
function outsidePackage(): string {
  const dir = tempDir();
  mkdirSync(path.join(dir, 'pkg'));
  writeFileSync(path.join(dir, 'pkg', 'pyproject.toml'), '[project]\nname = "outside"\nversion = "6.6.6"\n');
  return path.join(dir, 'pkg');
}

describe('workspace members that lead out of the repository', () => {
  it('a member glob passes over a link to a directory outside the repository', () => {
    const repo = tempRepo({
      'pyproject.toml': '[tool.uv.workspace]\nmembers = ["packages/*"]\n',
      'packages/inside/pyproject.toml': '[project]\nname = "inside"\nversion = "1.0.0"\n',
    });
    symlinkSync(outsidePackage(), repo.path('packages/evil'));
    const res = run(['check'], repo.dir);
    expect(res).toMatchObject({ code: 0, stdout: 'packages/inside 1.0.0 ✔\n\n✔ 1 package checked\n' });
    expect(run(['show', '--json'], repo.dir).stdout).not.toContain('outside');
  });

  it('a configured member path that is a link out of the repository is a configuration error', () => {
    const repo = tempRepo({ '.heimdallrc.json': JSON.stringify({ packages: [{ path: 'evil' }] }) });
    const target = outsidePackage();
    symlinkSync(target, repo.path('evil'));
    const res = run(['check'], repo.dir);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('packages[0].path: "evil" leads outside the workspace root');
    expect(res.stdout).toBe('');
  });
});
