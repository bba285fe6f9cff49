// Reading a source never hangs or misleads: non-regular files, runaway patterns, duplicate keys,
// and Python read as Python runs it (issue #11).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { testEnv } from '../helpers/env.js';
import { canRunAsNobody } from '../helpers/nobody.js';
import { cleanupTempDirs, layoutRepo, pyproject, VPY, type TempRepo } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

/** The CLI with a deadline: a run that hangs comes back with code -1 instead of stalling the suite. */
const runBounded = (args: string[], cwd: string) => {
  const res = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 20_000, env: testEnv() });
  return { code: res.status ?? -1, stdout: res.stdout, stderr: res.stderr };
};

const replaced = (repo: TempRepo, file: string, make: (full: string) => void) => {
  rmSync(repo.path(file), { recursive: true, force: true });
  make(repo.path(file));
  return repo;
};

describe('a source that is not a regular file', () => {
  const kinds: [string, (full: string) => void, boolean][] = [
    ['a FIFO', (full) => execFileSync('mkfifo', [full]), true],
    ['a directory', (full) => mkdirSync(full), true],
    ['a device', (full) => execFileSync('mknod', [full, 'c', '1', '5']), canRunAsNobody('hostile-sources.test.ts (a device node)')],
  ];
  for (const [kind, make, possible] of kinds) {
    it.runIf(possible)(`(${kind}) is reported by check and show, never waited on`, () => {
      const repo = replaced(layoutRepo().commit(), VPY, make);
      const res = runBounded(['check'], repo.dir);
      expect(res.code).toBe(1);
      expect(res.stdout).toContain(`${VPY} is not a regular file (${kind})`);
      expect(runBounded(['bump', 'patch'], repo.dir).code).toBe(1);
      expect(repo.read('pyproject.toml')).toBe(pyproject('0.2.0'));
    });
  }

  it('as the configuration file is a located configuration error', () => {
    const repo = replaced(layoutRepo(), '.heimdallrc.json', (full) => execFileSync('mkfifo', [full]));
    const res = runBounded(['check'], repo.dir);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('.heimdallrc.json: cannot read the configuration: it is not a regular file (a FIFO)');
  });
});

describe('a regex source pattern that backtracks catastrophically', () => {
  it('is stopped within the time limit with an error located at its file, and the regex sources after it are still read', () => {
    const repo = layoutRepo().write('README.md', `${'a'.repeat(40)}!\n`);
    repo.write('INSTALL.md', 'pip install heimdall-mcp==9.9.9\n');
    repo.write(
      '.heimdallrc.json',
      JSON.stringify({
        sources: [
          { file: 'pyproject.toml', type: 'toml' },
          { file: 'README.md', type: 'regex', pattern: '(?<version>(a+)+)$' },
          { file: 'INSTALL.md', type: 'regex', pattern: 'heimdall-mcp==(?<version>\\S+)' },
        ],
      }),
    );
    const res = runBounded(['check', '--format', 'json'], repo.dir);
    expect(res.code).toBe(1);
    expect(JSON.parse(res.stdout).diagnostics).toContainEqual(
      expect.objectContaining({
        rule: 'source-missing',
        file: 'README.md',
        line: 1,
        message: expect.stringContaining('was stopped after 1.5 s (it backtracks catastrophically on this file)'),
      }),
    );
    expect(JSON.parse(res.stdout).sources).toContainEqual(expect.objectContaining({ file: 'INSTALL.md', version: '9.9.9', line: 1, column: 27 }));
  });
});

describe('.heimdallrc.json with a duplicate key', () => {
  it('is a configuration error at the second key, not last-one-wins', () => {
    const repo = layoutRepo().write(
      '.heimdallrc.json',
      '{\n  "sources": [{ "file": "pyproject.toml", "type": "toml" }],\n  "tags": { "prefix": "v" },\n  "tags": { "prefix": "release-" }\n}\n',
    );
    const res = runBounded(['check'], repo.dir);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('.heimdallrc.json:4:3: "tags" appears twice');
  });

  it('nested in a source is an error too', () => {
    const repo = layoutRepo().write('.heimdallrc.json', '{ "sources": [{ "file": "pyproject.toml", "type": "toml", "file": "other.toml" }] }');
    const res = runBounded(['check'], repo.dir);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('"sources.file" appears twice');
  });
});

describe('Python read as Python runs it', () => {
  it('a version assigned under `if TYPE_CHECKING:` is not the runtime version', () => {
    const py = 'from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    __version__ = "9.9.9"\nelse:\n    __version__ = "0.2.0"\n';
    const repo = layoutRepo().write(VPY, py).commit();
    expect(runBounded(['check'], repo.dir).code).toBe(0);
    expect(runBounded(['bump', 'patch'], repo.dir).code).toBe(0);
    expect(repo.read(VPY)).toBe(py.replace('"0.2.0"', '"0.2.1"'));
  });

  it('typing.TYPE_CHECKING is recognised as well, and its one-line form', () => {
    const py = 'import typing\nif typing.TYPE_CHECKING: __version__ = "9.9.9"\n__version__ = "0.2.0"\n';
    const repo = layoutRepo().write(VPY, py).commit();
    const res = runBounded(['check', '--format', 'json'], repo.dir);
    expect(JSON.parse(res.stdout)).toMatchObject({ ok: true, diagnostics: [] });
  });

  const tabbed: [string, string, string][] = [
    [
      'a tab, then eight spaces at the same level',
      'if True:\n\t__version__ = "0.2.0"\n        x = 1\n',
      'TabError: inconsistent use of tabs and spaces in indentation (line 3)',
    ],
    [
      'spaces, then tabs that only look deeper',
      'if True:\n        x = 1\n\t\t__version__ = "0.2.0"\n',
      'TabError: inconsistent use of tabs and spaces in indentation (line 3)',
    ],
    [
      'an unindent to no outer level',
      'if True:\n    x = 1\n  __version__ = "0.2.0"\n',
      'IndentationError: unindent does not match any outer indentation level (line 3)',
    ],
  ];
  for (const [what, py, message] of tabbed) {
    it(`indentation Python rejects (${what}) is reported as Python reports it`, () => {
      const repo = layoutRepo().write(VPY, py).commit();
      const compiled = spawnSync('/usr/bin/python3', ['-c', 'import sys; compile(open(sys.argv[1]).read(), sys.argv[1], "exec")', repo.path(VPY)], {
        encoding: 'utf8',
      });
      expect(compiled.stderr).toContain(message.split(':')[0]);
      const res = runBounded(['check'], repo.dir);
      expect(res.code).toBe(1);
      expect(res.stdout).toContain(message);
    });
  }

  it('consistent tabs are fine', () => {
    const repo = layoutRepo().write(VPY, 'if True:\n\t__version__ = "0.2.0"\n\tx = 1\n').commit();
    expect(runBounded(['check'], repo.dir).code).toBe(0);
  });
});
