// A repository can declare itself a partial clone whose objects git fetches when missing: git then
// starts a fetch from a remote the repository names, which runs the repository's programs (a local
// remote's uploadpack, core.sshCommand), even under protocol.allow=never when the repository also
// sets protocol.<name>.allow=always. Read commands must never fetch.
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.js';
import { cleanupTempDirs, layoutRepo, tempDir, type TempRepo } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

const READS = [['check'], ['show'], ['check', '--format', 'json'], ['check', '--staged']];

/** A partial clone missing pyproject.toml's blob, whose promisor remote runs a program that notes it ran. */
function lazyRepo(url: (program: string) => { url: string; settings: [string, string][] }): { repo: TempRepo; ran: string } {
  const bin = tempDir('hv-programs-');
  const ran = path.join(bin, 'ran');
  const program = path.join(bin, 'remote-program');
  writeFileSync(program, `#!/bin/sh\necho ran >> '${ran}'\nexit 1\n`);
  chmodSync(program, 0o755);
  const repo = layoutRepo('0.2.0').commit();
  repo.tag('v0.1.0').tag('v0.3.0', true);
  const blob = repo.git('rev-parse', 'HEAD:pyproject.toml').trim();
  rmSync(repo.path(`.git/objects/${blob.slice(0, 2)}/${blob.slice(2)}`));
  const remote = url(program);
  const settings: [string, string][] = [
    ['core.repositoryformatversion', '1'],
    ['extensions.partialClone', 'origin'],
    ['remote.origin.promisor', 'true'],
    ['remote.origin.url', remote.url],
    ['protocol.allow', 'always'],
    ...remote.settings,
  ];
  for (const [key, value] of settings) repo.git('config', key, value);
  return { repo, ran };
}

const REMOTES: Record<string, (program: string) => { url: string; settings: [string, string][] }> = {
  'a local remote with its own upload-pack': (program) => ({
    url: tempDir('hv-remote-'),
    settings: [
      ['remote.origin.uploadpack', program],
      ['protocol.file.allow', 'always'],
    ],
  }),
  'an ssh remote with core.sshCommand': (program) => ({
    url: 'ssh://127.0.0.1/nowhere',
    settings: [
      ['core.sshCommand', program],
      ['protocol.ssh.allow', 'always'],
    ],
  }),
};

describe('a partial clone whose missing objects git would fetch', () => {
  it('runs the remote program when git itself reads the object (the attack is real)', () => {
    const { repo, ran } = lazyRepo(REMOTES['a local remote with its own upload-pack']!);
    try {
      repo.git('-c', 'protocol.allow=never', 'cat-file', '-p', 'HEAD:pyproject.toml');
    } catch {
      // the fetch fails; what matters is that it ran
    }
    expect(existsSync(ran)).toBe(true);
  });

  for (const [remote, url] of Object.entries(REMOTES)) {
    for (const args of READS) {
      it(`fetches nothing from ${remote} in ${args.join(' ')}`, () => {
        const { repo, ran } = lazyRepo(url);
        const res = run(args, repo.dir);
        expect(existsSync(ran) ? readFileSync(ran, 'utf8') : '', `${args.join(' ')} ran the remote's program: ${res.stderr}`).toBe('');
        expect(res.stderr).not.toMatch(/\n\s+at /);
        // The staged file's object is absent: said so, never a pass.
        if (args.includes('--staged')) expect(res.code, res.stdout).toBe(1), expect(res.stdout).toContain('its object is missing');
      });
    }
  }
});
