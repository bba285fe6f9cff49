// Read commands on a tree someone else wrote: they write nothing and run nothing (issue #11).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.js';
import { runWithFault } from '../helpers/faults.js';
import { cleanupTempDirs, layoutRepo, pyproject, tempDir, versionPy, VPY, type TempRepo } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

/** Every file under dir (the git directory included), path → bytes, for "not a byte written". */
function tree(dir: string, base = dir, out: Record<string, string> = {}): Record<string, string> {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    const st = statSync(full, { throwIfNoEntry: false });
    if (st?.isDirectory()) {
      if (name !== 'hooks') tree(full, base, out);
    } else out[path.relative(base, full)] = st ? readFileSync(full).toString('base64') : 'dangling';
  }
  return out;
}

const READS = [['check'], ['check', '--staged'], ['show'], ['show', '--json'], ['check', '--format', 'json'], ['check', '--format', 'github']];

describe('a journal committed to the repository', () => {
  it('is never acted on: no read command restores the path it names, outside or inside', () => {
    const outside = tempDir();
    const victim = path.join(outside, 'passwd');
    writeFileSync(victim, 'after\n');
    const repo = layoutRepo().commit();
    const depth = path.relative(repo.dir, outside).split(path.sep).length;
    const journal = {
      pid: 999999999,
      files: [
        {
          file: `${'../'.repeat(depth)}${path.relative('/', victim)}`,
          before: Buffer.from('before\n').toString('base64'),
          after: Buffer.from('after\n').toString('base64'),
        },
        { file: VPY, before: Buffer.from(versionPy('6.6.6')).toString('base64'), after: Buffer.from(versionPy('0.2.0')).toString('base64') },
      ],
    };
    repo.write('.heimdall-version.journal', JSON.stringify(journal)).commit('hostile');
    const before = { ...tree(repo.dir), victim: readFileSync(victim, 'utf8') };
    for (const args of READS) {
      const res = run(args, repo.dir);
      expect(res.stderr, args.join(' ')).not.toContain('undone');
      expect(res.code, args.join(' ')).toBe(0);
      expect({ ...tree(repo.dir), victim: readFileSync(victim, 'utf8') }, args.join(' ')).toEqual(before);
    }
  });
});

describe('configuration written as code', () => {
  const places = ['.heimdallrc.js', 'heimdall.config.mjs', '.config/heimdallrc.js', '.heimdallrc.cjs', 'heimdall.config.ts'];
  for (const place of places) {
    it(`${place} found by the search is reported, never run`, () => {
      const repo = layoutRepo().commit();
      const marker = path.join(tempDir(), 'ran');
      const code = `require('fs').writeFileSync(${JSON.stringify(marker)}, 'pwned'); module.exports = { sources: [] };\n`;
      repo.write(place, place.endsWith('.mjs') ? `import fs from 'fs'; fs.writeFileSync(${JSON.stringify(marker)}, 'pwned'); export default {};\n` : code);
      for (const args of READS) {
        const res = run(args, repo.dir);
        expect(existsSync(marker), `${args.join(' ')} ran ${place}`).toBe(false);
        expect(res.code).toBe(2);
        expect(res.stderr).toContain(`is a configuration written as code`);
        // Named with --config, code runs; TypeScript never does (Node 20 cannot run it).
        expect(res.stderr).toContain(place.endsWith('.ts') ? 'write .heimdallrc.json instead' : `--config ${place}`);
      }
    });
  }

  it('is loaded when the user names it with --config', () => {
    const repo = layoutRepo().commit();
    repo.write('.heimdallrc.cjs', `module.exports = { sources: [{ file: 'pyproject.toml', type: 'toml' }] };\n`);
    expect(run(['show', '--config', '.heimdallrc.cjs'], repo.dir)).toMatchObject({ code: 0, stdout: '0.2.0\n' });
  });
});

describe('the configuration search', () => {
  it('outside a repository looks only in the start directory', () => {
    const top = tempDir();
    writeFileSync(path.join(top, '.heimdallrc.json'), JSON.stringify({ sources: [{ file: 'planted.toml', type: 'toml' }] }));
    writeFileSync(path.join(top, 'planted.toml'), pyproject('6.6.6'));
    const start = path.join(top, 'project');
    mkdirSync(path.join(start, 'cognitive_memory/core'), { recursive: true });
    writeFileSync(path.join(start, 'pyproject.toml'), pyproject('0.2.0'));
    writeFileSync(path.join(start, VPY), versionPy('0.2.0'));
    const res = run(['show'], start);
    expect(res.stdout).toBe('0.2.0\n');
    expect(res.code).toBe(0);
  });

  it('never climbs above the git top level', () => {
    const top = tempDir();
    writeFileSync(path.join(top, '.heimdallrc.js'), `require('fs').writeFileSync(${JSON.stringify(path.join(top, 'ran'))}, '');`);
    const repo = layoutRepo().commit();
    const inner = path.join(top, 'inner');
    symlinkSync(repo.dir, inner);
    expect(run(['show'], inner)).toMatchObject({ code: 0, stdout: '0.2.0\n' });
    expect(existsSync(path.join(top, 'ran'))).toBe(false);
  });
});

/** A bump killed after its first file: the journal left behind in the git directory. */
function interrupted(): TempRepo {
  const repo = layoutRepo().commit();
  const crashed = runWithFault(['bump', 'minor'], repo.dir, 'crash-after:1');
  expect(crashed.code).not.toBe(0);
  return repo;
}

describe('an interrupted change', () => {
  it('lives in the git directory, not the work tree', () => {
    const repo = interrupted();
    expect(existsSync(repo.path('.git/heimdall-version.journal'))).toBe(true);
    // In the work tree: the file replaced, and the synced copy of the next one, not yet renamed over it (recover removes it).
    expect(repo.git('status', '--porcelain', '--ignored')).toMatch(
      /^ M pyproject\.toml\n\?\? cognitive_memory\/core\/\.version\.py\.[0-9a-f]{16}\.heimdall-tmp\n$/,
    );
  });

  it('is only reported by check and show, naming recover; bump, check --fix and release refuse', () => {
    const repo = interrupted();
    // The crashed run's lock may be taken over (it is stale); nothing else may change.
    const files = () => Object.fromEntries(Object.entries(tree(repo.dir)).filter(([f]) => !f.endsWith('heimdall-version.lock')));
    const before = files();
    for (const args of [['check'], ['show'], ['check', '--format', 'json'], ['bump', 'patch'], ['check', '--fix'], ['release', '--dry-run']]) {
      const res = run(args, repo.dir);
      expect(res.code, args.join(' ')).toBe(1);
      expect(res.stderr, args.join(' ')).toContain('run `heimdall-version recover`');
      expect(files(), args.join(' ')).toEqual(before);
    }
  });

  it('is undone by recover, which then finds nothing to recover', () => {
    const repo = interrupted();
    const res = run(['recover'], repo.dir);
    expect(res).toMatchObject({ code: 0, stdout: 'restored pyproject.toml\n' });
    expect(repo.read('pyproject.toml')).toBe(pyproject('0.2.0'));
    expect(repo.git('status', '--porcelain', '--ignored')).toBe('');
    expect(run(['recover'], repo.dir)).toMatchObject({ code: 0, stdout: 'nothing to recover\n' });
    expect(run(['bump', 'minor'], repo.dir).code).toBe(0);
  });
});

describe('a journal that heimdall-version did not write', () => {
  const cases: [string, unknown][] = [
    ['{}', {}],
    ['[]', []],
    ['wrong types', { format: 1, pid: 'x', files: 'a' }],
    ['a path that climbs out', { format: 1, pid: 1, files: [{ file: '../../etc/passwd', before: '', after: '' }] }],
    ['an absolute path', { format: 1, pid: 1, files: [{ file: '/etc/passwd', before: '', after: '' }] }],
  ];
  for (const [what, content] of cases) {
    it(`(${what}) is refused by recover with what to do, and --discard unblocks`, () => {
      const repo = layoutRepo().commit();
      writeFileSync(repo.path('.git/heimdall-version.journal'), JSON.stringify(content));
      const res = run(['recover'], repo.dir);
      expect(res.code).toBe(2);
      expect(res.stderr).toContain('is not a journal heimdall-version can trust');
      expect(res.stderr).toContain('heimdall-version recover --discard');
      expect(res.stderr).not.toContain('unexpected');
      expect(run(['check'], repo.dir).code).toBe(1);
      expect(run(['recover', '--discard'], repo.dir).code).toBe(0);
      expect(run(['check'], repo.dir).code).toBe(0);
    });
  }

  it('naming a link that leads out of the project is refused, the target untouched', () => {
    const outside = tempDir();
    writeFileSync(path.join(outside, 'secret'), 'after');
    const repo = layoutRepo().commit();
    symlinkSync(path.join(outside, 'secret'), repo.path('link'));
    const journal = {
      format: 1,
      pid: 1,
      files: [{ file: 'link', before: Buffer.from('before').toString('base64'), after: Buffer.from('after').toString('base64') }],
    };
    writeFileSync(repo.path('.git/heimdall-version.journal'), JSON.stringify(journal));
    const res = run(['recover'], repo.dir);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('leads outside the project');
    expect(readFileSync(path.join(outside, 'secret'), 'utf8')).toBe('after');
  });
});

describe('check --staged on an index entry that is not a file', () => {
  it('reports a version file staged as a symbolic link, never reading the link as the file', () => {
    const repo = layoutRepo('0.2.0').commit();
    rmSync(repo.path(VPY));
    // A link's content in git is its target: here, text that reads as the runtime file.
    symlinkSync('__version__ = "0.2.0"', repo.path(VPY));
    repo.git('add', VPY);
    const res = run(['check', '--staged', '--format', 'json'], repo.dir);
    expect(res.code).toBe(1);
    expect(JSON.parse(res.stdout).diagnostics).toEqual([
      expect.objectContaining({ rule: 'source-missing', file: VPY, message: expect.stringContaining('is a symbolic link in the index') }),
    ]);
  });

  it('reports a version file in conflict', () => {
    const repo = layoutRepo('0.2.0').commit();
    repo.git('checkout', '-q', '-b', 'other');
    repo.write(VPY, versionPy('0.3.0')).commit('other');
    repo.git('checkout', '-q', 'main');
    repo.write(VPY, versionPy('0.4.0')).commit('main');
    expect(() => repo.git('merge', '-q', 'other')).toThrow();
    const res = run(['check', '--staged'], repo.dir);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain(`${VPY} is unmerged in the git index`);
  });

  it('reads a file whose name looks like an index stage as that file', () => {
    const repo = layoutRepo('0.2.0');
    repo.write('1:pyproject.toml', pyproject('0.2.0'));
    repo.write('.heimdallrc.json', JSON.stringify({ sources: [{ file: '1:pyproject.toml', type: 'toml' }] }));
    repo.commit();
    expect(run(['check', '--staged'], repo.dir)).toMatchObject({ code: 0, stdout: '✔ 0.2.0: 1:pyproject.toml\n' });
  });
});
