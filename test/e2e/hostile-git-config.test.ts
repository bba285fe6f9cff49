// A repository's own git configuration can name programs for git to run (an fsmonitor hook, filter
// and diff drivers, an external diff, a pager, hooks). Read commands call git so that none of them
// runs: each planted program writes a marker, and no marker may exist after any read command.
import { chmodSync, existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.js';
import { cleanupTempDirs, layoutRepo, tempDir, VPY, type TempRepo } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

const READS = [
  ['check'],
  ['show'],
  ['show', '--json'],
  ['check', '--format', 'json'],
  ['check', '--format', 'github'],
  ['check', '--format', 'sarif'],
  ['check', '--staged'],
];

/** A program that notes it ran (its name in `ran`), then behaves as the role expects (passes content through). */
function program(dir: string, name: string, ran: string, body = 'cat'): string {
  const file = path.join(dir, name);
  writeFileSync(file, `#!/bin/sh\necho ${name} >> '${ran}'\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

/** A repository whose .git/config and attributes name a program for every setting that runs one. */
function hostileRepo(): { repo: TempRepo; ran: string } {
  const bin = tempDir('hv-programs-');
  const ran = path.join(bin, 'ran');
  const repo = layoutRepo('0.2.0');
  repo.write('.gitattributes', '* filter=evil diff=evil\n*.py filter=evilproc\n').commit();
  // HEAD carries a tag of another version (git diff is asked whether the sources changed since)
  // and a newer one (git for-each-ref is asked which are reachable).
  repo.tag('v0.1.0').tag('v0.3.0', true);
  mkdirSync(repo.path('.git/info'), { recursive: true });
  writeFileSync(repo.path('.git/info/attributes'), '* filter=evil diff=evil\n');
  const hooks = path.join(bin, 'hooks');
  mkdirSync(hooks);
  for (const hook of ['pre-commit', 'post-checkout', 'post-index-change', 'reference-transaction', 'fsmonitor-watchman']) program(hooks, hook, ran, 'exit 0');
  const settings: [string, string][] = [
    ['core.fsmonitor', program(bin, 'fsmonitor', ran, 'exit 1')],
    ['core.hooksPath', hooks],
    ['core.pager', program(bin, 'pager', ran)],
    ['core.sshCommand', program(bin, 'ssh', ran, 'exit 1')],
    ['core.alternateRefsCommand', program(bin, 'alternate-refs', ran, 'exit 0')],
    ['core.askPass', program(bin, 'askpass', ran, 'exit 1')],
    ['core.editor', program(bin, 'editor', ran, 'exit 0')],
    ['diff.external', program(bin, 'external-diff', ran, 'exit 0')],
    ['diff.evil.textconv', program(bin, 'textconv', ran, 'cat "$1"')],
    ['diff.evil.command', program(bin, 'diff-command', ran, 'exit 0')],
    ['filter.evil.clean', program(bin, 'clean', ran)],
    ['filter.evil.smudge', program(bin, 'smudge', ran)],
    ['filter.evil.required', 'true'],
    ['filter.evilproc.process', program(bin, 'filter-process', ran, 'exit 1')],
    ['credential.helper', `!${program(bin, 'credential', ran, 'exit 0')}`],
    ['gpg.program', program(bin, 'gpg', ran, 'exit 1')],
    ['tag.gpgSign', 'true'],
    ['protocol.ext.allow', 'always'],
    ['uploadpack.packObjectsHook', program(bin, 'pack-objects-hook', ran, 'exit 1')],
    ['sequence.editor', program(bin, 'sequence-editor', ran, 'exit 0')],
  ];
  for (const [key, value] of settings) repo.git('config', key, value);
  // The work tree's files look touched (same bytes, another time): git must read them to compare.
  for (const file of ['pyproject.toml', VPY, '.gitattributes']) {
    writeFileSync(repo.path(file), readFileSync(repo.path(file)));
    utimesSync(repo.path(file), new Date('2001-01-01'), new Date('2001-01-01'));
  }
  return { repo, ran };
}

describe('a repository whose git configuration names programs', () => {
  it('plants programs that git itself runs (the attack is real)', () => {
    const { repo, ran } = hostileRepo();
    repo.git('diff', '--quiet', 'HEAD', '--', 'pyproject.toml');
    expect(existsSync(ran) && readFileSync(ran, 'utf8')).toContain('clean');
  });

  for (const args of READS) {
    it(`runs none of them in ${args.join(' ')}`, () => {
      const { repo, ran } = hostileRepo();
      const res = run(args, repo.dir);
      expect(existsSync(ran) ? readFileSync(ran, 'utf8') : '', `${args.join(' ')} ran a program: ${res.stderr}`).toBe('');
      expect(res.stderr).not.toMatch(/unexpected|failed/);
      // The tags were read (v0.3.0 is newer than the version) and the files compared with HEAD's
      // (they did not change, so HEAD's tag v0.1.0 is held against them), whatever the format.
      if (args[0] === 'check' && !args.includes('--staged')) expect(res.stdout).toContain('tag-ahead'), expect(res.stdout).toContain('tag-mismatch');
    });
  }
});
