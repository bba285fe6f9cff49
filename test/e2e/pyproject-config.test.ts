// [tool.heimdall-version] in pyproject.toml: found, applied, validated with located messages, and never beside another configuration.
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.js';
import { cleanupTempDirs, tempRepo } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

const PYPROJECT = `[project]
name = "demo"
version = "1.2.0"

[tool.ruff]
line-length = 100

[tool.heimdall-version]
rules = { tag-ahead = "warn" }

[[tool.heimdall-version.sources]]
file = "pyproject.toml"
type = "toml"
primary = true

[[tool.heimdall-version.sources]]
file = "README.md"
type = "regex"
pattern = "demo==(?<version>[0-9.]+)"

[tool.heimdall-version.tags]
prefix = "release-"
`;

describe('[tool.heimdall-version] in pyproject.toml', () => {
  it('is the configuration: its sources are checked and its tag prefix is used', () => {
    const repo = tempRepo({ 'pyproject.toml': PYPROJECT, 'README.md': 'pip install demo==1.1.0\n' });
    const res = run(['check'], repo.dir);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('README.md:1:19  error  demo==(?<version>[0-9.]+) is 1.1.0 but pyproject.toml says 1.2.0  version-mismatch');
    repo.write('README.md', 'pip install demo==1.2.0\n').commit().tag('release-1.3.0').commit('after the tag');
    const ahead = run(['check'], repo.dir);
    expect(ahead.code).toBe(0); // tag-ahead set to warn by the table
    expect(ahead.stdout).toContain('warn   tag release-1.3.0 (reachable from HEAD) is newer than 1.2.0');
    expect(run(['bump', '1.4.0'], repo.dir).code).toBe(0);
    expect(repo.read('README.md')).toBe('pip install demo==1.4.0\n');
    expect(repo.read('pyproject.toml')).toBe(PYPROJECT.replace('version = "1.2.0"', 'version = "1.4.0"'));
  });

  it('is read from a subdirectory and with --config pyproject.toml', () => {
    const repo = tempRepo({ 'pyproject.toml': PYPROJECT, 'README.md': 'demo==1.2.0\n', 'src/x.py': '' });
    expect(run(['check', '--cwd', 'src'], repo.dir)).toMatchObject({ code: 0 });
    expect(run(['show', '--json', '--config', 'pyproject.toml'], repo.dir).stdout).toContain('"file": "README.md"');
  });

  it('is a configuration error beside .heimdallrc.json, naming both files', () => {
    const repo = tempRepo({ 'pyproject.toml': PYPROJECT, 'README.md': 'demo==1.2.0\n', '.heimdallrc.json': '{}\n' });
    const res = run(['check'], repo.dir);
    expect(res.code).toBe(2);
    expect(res.stderr).toBe(
      'heimdall-version: two configurations apply here: .heimdallrc.json and [tool.heimdall-version] in pyproject.toml; keep one of them\n',
    );
  });

  it('names every problem by its key path and the line of its table', () => {
    const bad = PYPROJECT.replace('type = "regex"', 'type = "regexp"').replace('prefix = "release-"', 'prefix = 1\nextra = true');
    const repo = tempRepo({ 'pyproject.toml': bad });
    const res = run(['check'], repo.dir);
    expect(res.code).toBe(2);
    expect(res.stderr).toBe(
      'heimdall-version: pyproject.toml: invalid configuration in [tool.heimdall-version]\n' +
        '  line 16: tool.heimdall-version.sources[1].type: must be one of toml, python, json, js, regex, ini, text, yaml, server-json, mcpb\n' +
        '  line 21: tool.heimdall-version.tags.extra: unknown key (known: prefix)\n' +
        '  line 21: tool.heimdall-version.tags.prefix: must be a string, not a number\n',
    );
  });

  it('locates broken TOML in a pyproject.toml that holds the configuration', () => {
    const repo = tempRepo({ 'pyproject.toml': PYPROJECT.replace('line-length = 100', 'line-length = = 100') });
    const res = run(['check'], repo.dir);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/^heimdall-version: pyproject\.toml:6:\d+: invalid TOML: .*\(it holds the \[tool\.heimdall-version\] configuration\)\n$/);
  });

  it('leaves a pyproject.toml without the table to zero configuration', () => {
    const repo = tempRepo({ 'pyproject.toml': '[project]\nname = "demo"\nversion = "1.0.0"\n# heimdall-version is used here\n' });
    expect(JSON.parse(run(['show', '--json'], repo.dir).stdout).layout.id).toBe('static');
  });
});
