// Never a false green: a git failure is an error quoting git, and tag-ahead sees every tag (issue #11).
import { chmodSync, chownSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.js';
import { canRunAsNobody, copyFor, runAsNobody } from '../helpers/nobody.js';
import { cleanupTempDirs, layoutRepo } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

const asNobody = canRunAsNobody('git-failures.test.ts');

/** 0.2.0 everywhere, committed, with an older tag and (newer) a tag above the version. */
const tagged = (newer: boolean) => {
  const repo = layoutRepo('0.2.0').commit().tag('v0.1.0');
  if (newer) repo.tag('v0.3.0');
  return repo;
};

describe.runIf(asNobody)('a repository git refuses for dubious ownership (run as nobody on a repository root owns)', () => {
  for (const newer of [false, true]) {
    it(`is an error quoting git, exit 2, ${newer ? 'with' : 'without'} a newer tag`, () => {
      const dir = copyFor(tagged(newer).dir, false);
      for (const args of [['check'], ['check', '--format', 'json'], ['show']]) {
        const res = runAsNobody(args, dir);
        expect(res.code, args.join(' ')).toBe(2);
        expect(res.stderr, args.join(' ')).toContain('detected dubious ownership');
        expect(res.stdout, args.join(' ')).not.toContain('✔');
      }
    });
  }

  it('check --staged reports git\'s error, not "not in the git index"', () => {
    const dir = copyFor(tagged(false).dir, false);
    const res = runAsNobody(['check', '--staged'], dir);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('detected dubious ownership');
    expect(res.stdout).not.toContain('not in the git index');
  });
});

describe.runIf(asNobody)('permission denied', () => {
  it('on the tags directory is an error, not a check without tags', () => {
    const dir = copyFor(tagged(true).dir);
    chownSync(path.join(dir, '.git/refs/tags'), 0, 0);
    chmodSync(path.join(dir, '.git/refs/tags'), 0o700);
    const res = runAsNobody(['check'], dir);
    expect(res.code).toBe(1);
    expect(res.stderr + res.stdout).toContain('permission denied');
    expect(res.stdout).not.toContain('✔');
  });

  it('on the object database is an error quoting git', () => {
    const dir = copyFor(tagged(true).dir);
    chownSync(path.join(dir, '.git/objects'), 0, 0);
    chmodSync(path.join(dir, '.git/objects'), 0o700);
    const res = runAsNobody(['check'], dir);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('git cannot read this repository');
    expect(res.stdout).not.toContain('✔');
  });
});

describe('a damaged repository', () => {
  for (const newer of [false, true]) {
    it(`with a corrupt HEAD is an error quoting git, exit 2, ${newer ? 'with' : 'without'} a newer tag`, () => {
      const repo = tagged(newer);
      writeFileSync(repo.path('.git/HEAD'), 'garbage\n');
      const res = run(['check'], repo.dir);
      expect(res.code).toBe(2);
      expect(res.stderr).toContain('git cannot read this repository');
      expect(res.stderr).toContain('not a git repository');
    });
  }

  it('with a missing object is an error quoting git, exit 1', () => {
    const repo = tagged(true);
    const head = repo.git('rev-parse', 'HEAD').trim();
    rmSync(repo.path(`.git/objects/${head.slice(0, 2)}/${head.slice(2)}`));
    const res = run(['check'], repo.dir);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('must point to a commit');
    expect(res.stdout).not.toContain('✔');
  });

  it('with no commit yet still passes (an unborn HEAD is not a failure)', () => {
    const repo = layoutRepo('0.2.0');
    expect(run(['check'], repo.dir)).toMatchObject({ code: 0, stderr: '' });
  });
});

describe('tag-ahead', () => {
  it('sees a newer version tag behind 120 non-version tags that sort higher', () => {
    const repo = layoutRepo('0.2.0').commit().tag('v0.1.0').tag('v0.3.0');
    for (let i = 0; i < 120; i++) repo.tag(`vzz-${String(i).padStart(3, '0')}`);
    repo.git('pack-refs', '--all');
    const res = run(['check', '--format', 'json'], repo.dir);
    expect(res.code).toBe(1);
    expect(JSON.parse(res.stdout).diagnostics).toContainEqual(
      expect.objectContaining({ rule: 'tag-ahead', message: expect.stringContaining('tag v0.3.0 (reachable from HEAD) is newer than 0.2.0') }),
    );
  });

  it('still ignores newer tags that HEAD cannot reach', () => {
    const repo = layoutRepo('0.2.0').commit().tag('v0.2.0');
    repo.git('checkout', '-q', '-b', 'other');
    repo.write('x', '1').commit('other').tag('v0.9.0');
    repo.git('checkout', '-q', 'main');
    for (let i = 0; i < 120; i++) repo.tag(`vzz-${i}`);
    expect(run(['check'], repo.dir).code).toBe(0);
    expect(readdirSync(repo.path('.git/refs/tags')).length).toBe(122);
  });
});
