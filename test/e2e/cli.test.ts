// The command line as a person meets it: help, mistakes, exit codes.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, run } from '../helpers/cli.js';
import { needs, testEnv } from '../helpers/env.js';
import { cleanupTempDirs, layoutRepo, tempDir, tempRepo, versionPy, VPY } from '../helpers/repo.js';

afterAll(cleanupTempDirs);
const COMMANDS = ['check', 'show', 'bump', 'release', 'hook', 'init'];

describe('help', () => {
  it('lists every command, and help <command> equals <command> --help', () => {
    const dir = tempDir();
    const general = run(['--help'], dir);
    expect(general.code).toBe(0);
    for (const c of COMMANDS) expect(general.stdout).toMatch(new RegExp(`^  ${c} +\\S`, 'm'));
    expect(run(['help'], dir).stdout).toBe(general.stdout);
    for (const c of COMMANDS) {
      const viaHelp = run(['help', c], dir);
      expect(viaHelp.code).toBe(0);
      expect(viaHelp.stdout).toBe(run([c, '--help'], dir).stdout);
      expect(viaHelp.stdout.startsWith(`Usage: heimdall-version ${c}`)).toBe(true);
    }
  });

  it('explains every flag of every command with an example that uses it', () => {
    const dir = tempDir();
    for (const c of COMMANDS) {
      const text = run([c, '--help'], dir).stdout;
      const flags = [...text.matchAll(/^ {2}(?:-\w, )?(--[\w-]+)(?: [A-Z|]+)?(?: \(repeatable\))?\n {6}(\S.*)\n {6}e\.g\. heimdall-version (.*)$/gm)];
      const listed = [...text.matchAll(/^ {2}(?:-\w, )?(--[\w-]+)/gm)].map((m) => m[1]);
      expect(flags.map((m) => m[1])).toEqual(listed);
      for (const [, flag, , example] of flags) expect(example!.split(' ')).toContain(flag);
      expect(listed).toEqual(expect.arrayContaining(['--cwd', '--config', '--debug', '--help']));
    }
    expect(run(['bump', '--help'], dir).stdout).toContain('\n  --preid ID\n      the pre-release phase');
  });

  it('help for an unknown command suggests the nearest', () => {
    const res = run(['help', 'relase'], tempDir());
    expect(res.code).toBe(2);
    expect(res.stderr).toBe('heimdall-version: unknown command "relase"; did you mean "release"? (run heimdall-version --help for the list)\n');
  });
});

describe('usage errors say what was meant, in our words, with exit 2', () => {
  const cases: [string[], string][] = [
    [['chek'], 'unknown command "chek"; did you mean "check"? (run heimdall-version --help for the list)'],
    [['frobnicate'], 'unknown command "frobnicate" (run heimdall-version --help for the list)'],
    [['check', '--formt', 'json'], 'check has no option --formt; did you mean --format? (run heimdall-version check --help)'],
    [['--stagd'], 'check has no option --stagd; did you mean --staged? (run heimdall-version check --help)'],
    [['bump', 'patch', '--dryrun'], 'bump has no option --dryrun; did you mean --dry-run? (run heimdall-version bump --help)'],
    [['check', '--format'], '--format needs a value (FORMAT), e.g. heimdall-version check --format json'],
    [['check', '--staged=yes'], '--staged takes no value (got "yes"); run heimdall-version check --help'],
    [['show', 'extra'], 'show takes no arguments, but got "extra"; run heimdall-version show --help'],
    [['bump', 'patch', 'minor'], 'bump takes LEVEL|VERSION only, but got "minor"; run heimdall-version bump --help'],
  ];
  it.each(cases)('%j', (args, message) => {
    const res = run(args, layoutRepo().dir);
    expect(res.stderr).toBe(`heimdall-version: ${message}\n`);
    expect(res.stdout).toBe('');
    expect(res.code).toBe(2);
  });

  it('bump with a typo in the level is exit 2 even when the sources disagree', () => {
    const repo = layoutRepo('0.2.0').write(VPY, versionPy('0.1.0'));
    const res = run(['bump', 'pach'], repo.dir);
    expect(res.stderr).toBe(
      'heimdall-version: "pach" is neither a bump level (major, minor, patch, premajor, preminor, prepatch, prerelease, post, dev, release) nor a version; did you mean patch?\n',
    );
    expect(res.code).toBe(2);
    expect(repo.read(VPY)).toBe(versionPy('0.1.0'));
  });
});

describe('bump shows what it changed', () => {
  const DIFF = `--- a/pyproject.toml
+++ b/pyproject.toml
@@ -1,3 +1,3 @@
 [project]
 name = "heimdall-mcp"
-version = "0.2.0"
+version = "0.2.1"
--- a/${VPY}
+++ b/${VPY}
@@ -1,3 +1,3 @@
 """Version."""
 
-__version__ = "0.2.0"
+__version__ = "0.2.1"
`;
  it('a real bump prints the diff it applied, plain through a pipe', () => {
    const repo = layoutRepo('0.2.0').commit();
    const res = run(['bump', 'patch'], repo.dir, { NO_COLOR: undefined, FORCE_COLOR: undefined });
    expect(res.stdout).toBe(`${DIFF}bumped 0.2.0 → 0.2.1: pyproject.toml, ${VPY}\n`);
    expect(res.code).toBe(0);
  });

  it('FORCE_COLOR=1 colours it through a pipe; NO_COLOR wins over it', () => {
    const forced = run(['bump', 'patch', '--dry-run'], layoutRepo('0.2.0').commit().dir, { NO_COLOR: undefined, FORCE_COLOR: '1' });
    expect(forced.stdout).toContain('\u001b[31m-version = "0.2.0"\u001b[0m\n\u001b[32m+version = "0.2.1"\u001b[0m\n');
    expect(forced.stdout).toContain('\u001b[1m--- a/pyproject.toml\u001b[0m');
    const both = run(['bump', 'patch', '--dry-run'], layoutRepo('0.2.0').commit().dir, { NO_COLOR: '1', FORCE_COLOR: '1' });
    expect(both.stdout).not.toContain('\u001b[');
    expect(both.stdout.startsWith(DIFF)).toBe(true);
  });
});

describe('refusals say what to do', () => {
  it('a runtime lookup of another distribution: edit it, --fix cannot', () => {
    const repo = layoutRepo('0.2.0');
    repo.write(VPY, 'from importlib.metadata import version\n\n__version__ = version("heimdall-mcp-server")\n').commit();
    const res = run(['bump', 'patch'], repo.dir);
    expect(res.code).toBe(1);
    expect(res.stderr).toBe(
      `heimdall-version: the check found errors (above), so nothing was bumped; edit ${VPY}:3 (runtime-lookup) as the message says (--fix cannot repair it)\n`,
    );
    expect(res.stdout).toContain('change it to version("heimdall-mcp")');
  });

  it('only drifted literals: --fix repairs them', () => {
    const repo = layoutRepo('0.2.0').write(VPY, versionPy('0.1.0')).commit();
    expect(run(['bump', 'patch'], repo.dir).stderr).toBe(
      'heimdall-version: the check found errors (above), so nothing was bumped; heimdall-version check --fix repairs the drifted literals\n',
    );
  });

  it('--push without the remote is refused before anything is written', () => {
    const repo = layoutRepo('0.2.0').commit();
    const head = repo.git('rev-parse', 'HEAD');
    const res = run(['bump', 'patch', '--tag', '--push'], repo.dir);
    expect(res.stderr).toBe(
      'heimdall-version: --push: this repository has no remote "origin" (git remote add origin URL, or set release.remote); nothing was changed\n',
    );
    expect(res.code).toBe(2);
    expect(repo.read('pyproject.toml')).toContain('version = "0.2.0"');
    expect(repo.git('rev-parse', 'HEAD')).toBe(head);
    expect(repo.git('tag')).toBe('');
  });
});

describe('init from a subdirectory', () => {
  it('writes the configuration at the project root, as every other command finds it', () => {
    const repo = layoutRepo('0.2.0').commit();
    const res = run(['init'], repo.path('cognitive_memory/core'));
    expect(res.code).toBe(0);
    expect(existsSync(repo.path('.heimdallrc.json'))).toBe(true);
    expect(existsSync(repo.path('cognitive_memory/core/.heimdallrc.json'))).toBe(false);
    expect(run(['check'], repo.path('cognitive_memory')).stdout).toBe(`✔ 0.2.0: pyproject.toml, ${VPY} agree\n`);
  });
});

describe('confirmation on a terminal', () => {
  const hasScript = needs(
    spawnSync('script', ['--version']).status === 0,
    'the confirmation tests (cli.test.ts)',
    'it needs script(1): apt-get install bsdutils',
  );
  /** Runs the CLI in a real pseudo-terminal (script), typing `answer` at it. */
  const inTerminal = (args: string[], cwd: string, answer: string) => {
    const env = testEnv({ TERM: 'dumb' });
    const command = [process.execPath, BIN, ...args].map((a) => `'${a}'`).join(' ');
    const res = spawnSync('script', ['-qec', command, '/dev/null'], { cwd, env, input: answer, encoding: 'utf8' });
    return { code: res.status, output: res.stdout };
  };
  const withRemote = () => {
    const remote = tempRepo({}, false);
    remote.git('init', '-q', '--bare');
    const repo = layoutRepo('0.2.0').commit();
    repo.git('remote', 'add', 'origin', remote.dir);
    return { repo, remote };
  };
  const QUESTION = `bump 0.2.0 → 0.2.1, then push the commit "Bump version: 0.2.0 → 0.2.1" and tag v0.2.1 to origin`;

  it.skipIf(!hasScript)('bump --push asks, and a no changes nothing', () => {
    const { repo, remote } = withRemote();
    const res = inTerminal(['bump', 'patch', '--tag', '--push'], repo.dir, 'n\n');
    expect(res.output).toContain(QUESTION);
    expect(res.output).toContain('-version = "0.2.0"');
    expect(res.output).toContain('heimdall-version: not confirmed; nothing was changed');
    expect(res.code).toBe(1);
    expect(repo.read('pyproject.toml')).toContain('version = "0.2.0"');
    expect(repo.git('tag')).toBe('');
    expect(remote.git('tag')).toBe('');
  });

  it.skipIf(!hasScript)('bump --push asks, and a yes pushes the commit and the tag', () => {
    const { repo, remote } = withRemote();
    const res = inTerminal(['bump', 'patch', '--tag', '--push'], repo.dir, 'y\n');
    expect(res.output).toContain(QUESTION);
    expect(res.output).toContain('pushed to origin');
    expect(res.code).toBe(0);
    expect(remote.git('tag')).toBe('v0.2.1\n');
  });

  it.skipIf(!hasScript)('--yes, or a stdin that is no terminal, skips the question', () => {
    const { repo, remote } = withRemote();
    const res = inTerminal(['bump', 'patch', '--tag', '--push', '--yes'], repo.dir, '');
    expect(res.output).not.toContain('[y/N]');
    expect(res.code).toBe(0);
    expect(remote.git('tag')).toBe('v0.2.1\n');
    const piped = run(['bump', 'minor', '--tag', '--push'], repo.dir);
    expect(piped.code).toBe(0);
    expect(piped.stderr).toBe('');
    expect(remote.git('tag')).toBe('v0.2.1\nv0.3.0\n');
  });
});
