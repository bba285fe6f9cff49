// init never hides drift and never writes what it cannot stand behind: no second configuration
// beside an existing one, and an import that would not check what the other tool bumps is said,
// not written.
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.js';
import { cleanupTempDirs, pyproject, tempRepo } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

describe('init refuses to write a second configuration', () => {
  const CASES: [string, Record<string, string>, string][] = [
    ['.heimdallrc.yaml', { '.heimdallrc.yaml': 'sources:\n  - { file: pyproject.toml, type: toml, key: project.version }\n' }, '.heimdallrc.yaml already holds the configuration'],
    ['package.json "heimdall"', { 'package.json': JSON.stringify({ name: 'x', heimdall: { tags: { prefix: 'v' } } }) }, 'package.json ("heimdall") already holds the configuration'],
    ['.config/heimdallrc.yml', { '.config/heimdallrc.yml': 'tags:\n  prefix: v\n' }, '.config/heimdallrc.yml already holds the configuration'],
    ['[tool.heimdall-version]', { 'pyproject.toml': pyproject('0.2.0', '\n[tool.heimdall-version]\ntags = { prefix = "v" }\n') }, '[tool.heimdall-version] in pyproject.toml already holds the configuration'],
  ];
  for (const [name, files, says] of CASES) {
    it(`beside ${name}, even with --force: exit 2, names it, writes nothing`, () => {
      const repo = tempRepo({ 'pyproject.toml': pyproject('0.2.0'), ...files });
      for (const args of [['init'], ['init', '--force']]) {
        const res = run(args, repo.dir);
        expect(res.stderr).toContain(`${says}; a .heimdallrc.json beside it would be a second one`);
        expect(res.code).toBe(2);
        expect(existsSync(repo.path('.heimdallrc.json'))).toBe(false);
      }
    });
  }

  it('beside one that does not load: its error without --force, the refusal with it; nothing written', () => {
    const repo = tempRepo({ 'pyproject.toml': pyproject('0.2.0'), '.heimdallrc.yaml': 'sources: [\n' });
    const plain = run(['init'], repo.dir);
    expect(plain.stderr).toContain('.heimdallrc.yaml');
    expect(plain.code).toBe(2);
    const forced = run(['init', '--force'], repo.dir);
    expect(forced.stderr).toContain('.heimdallrc.yaml already holds the configuration; a .heimdallrc.json beside it would be a second one');
    expect(forced.code).toBe(2);
    expect(existsSync(repo.path('.heimdallrc.json'))).toBe(false);
  });

  it('still writes beside a package.json that holds no configuration', () => {
    const repo = tempRepo({ 'pyproject.toml': pyproject('0.2.0'), 'package.json': '{"name":"x","version":"0.2.0","description":"uses heimdall"}\n' });
    expect(run(['init'], repo.dir).code).toBe(0);
    expect(existsSync(repo.path('.heimdallrc.json'))).toBe(true);
  });
});
