// The command line as a person meets it: help, mistakes, exit codes.
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.js';
import { cleanupTempDirs, layoutRepo, tempDir, versionPy, VPY } from '../helpers/repo.js';

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
      const flags = [...text.matchAll(/^  (?:-\w, )?(--[\w-]+)(?: [A-Z|]+)?(?: \(repeatable\))?\n {6}(\S.*)\n {6}e\.g\. heimdall-version (.*)$/gm)];
      const listed = [...text.matchAll(/^  (?:-\w, )?(--[\w-]+)/gm)].map((m) => m[1]);
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
    expect(res.stderr).toBe('heimdall-version: "pach" is neither a bump level (major, minor, patch, premajor, preminor, prepatch, prerelease, post, dev, release) nor a version; did you mean patch?\n');
    expect(res.code).toBe(2);
    expect(repo.read(VPY)).toBe(versionPy('0.1.0'));
  });
});
