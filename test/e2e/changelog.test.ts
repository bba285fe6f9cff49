// The changelog-entry rule: off by default, a heading for the version or an Unreleased section,
// bump renames Unreleased byte-exact, release refuses a version without its own heading, init turns it on.
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.js';
import { cleanupTempDirs, tempRepo } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

const PY = '[project]\nname = "demo"\nversion = "1.2.0"\n';
const LOG = `# Changelog\r\n\r\nAll notable changes.\r\n\r\n## [Unreleased]\r\n\r\n### Added\r\n- a thing\r\n\r\n## [1.2.0] - 2026-01-02\r\n\r\n[Unreleased]: https://example.invalid/compare/v1.2.0...HEAD\r\n`;
const ON = JSON.stringify({ sources: [{ file: 'pyproject.toml', type: 'toml' }], rules: { 'changelog-entry': 'error' } });
// 2026-11-25 00:00 UTC, for a date that does not depend on when the test runs.
const EPOCH = { SOURCE_DATE_EPOCH: '1795564800' };

describe('changelog-entry', () => {
  it('is off by default', () => {
    const repo = tempRepo({ 'pyproject.toml': PY, 'CHANGELOG.md': '# Changelog\n' });
    expect(run(['check'], repo.dir).code).toBe(0);
  });

  it('accepts a heading for the version or an Unreleased section, and reports neither at the file', () => {
    const repo = tempRepo({ 'pyproject.toml': PY, '.heimdallrc.json': ON, 'CHANGELOG.md': LOG });
    expect(run(['check'], repo.dir).code).toBe(0);
    repo.write('CHANGELOG.md', '# Changelog\n\n## 1.1.0 (2025-01-01)\n');
    const res = run(['check'], repo.dir);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain(
      'CHANGELOG.md  error  CHANGELOG.md has no heading for 1.2.0 and no Unreleased section; add "## [Unreleased]" with the changes  changelog-entry',
    );
    repo.write('CHANGELOG.md', '# Changelog\n\n## demo 1.2.0 (2026-01-02)\n\n### Features\n');
    expect(run(['check'], repo.dir).code).toBe(0);
  });

  it('bump renames Unreleased to the new version with the date, and nothing else', () => {
    const repo = tempRepo({ 'pyproject.toml': PY, '.heimdallrc.json': ON, 'CHANGELOG.md': LOG }).commit();
    const res = run(['bump', 'minor'], repo.dir, EPOCH);
    expect(res.code).toBe(0);
    expect(repo.read('CHANGELOG.md')).toBe(LOG.replace('## [Unreleased]\r\n', '## [1.3.0] - 2026-11-25\r\n'));
    expect(run(['check'], repo.dir).code).toBe(0);
  });

  it('takes the file and the date format from its options', () => {
    const config = JSON.stringify({
      sources: [{ file: 'pyproject.toml', type: 'toml' }],
      rules: { 'changelog-entry': ['error', { file: 'docs/changes.md', dateFormat: '' }] },
    });
    const repo = tempRepo({ 'pyproject.toml': PY, '.heimdallrc.json': config, 'docs/changes.md': '## Unreleased\n\n- x\n' }).commit();
    expect(run(['bump', 'patch'], repo.dir).code).toBe(0);
    expect(repo.read('docs/changes.md')).toBe('## 1.2.1\n\n- x\n');
  });

  it('release refuses a version with only an Unreleased section', () => {
    const repo = tempRepo({ 'pyproject.toml': PY, '.heimdallrc.json': ON, 'CHANGELOG.md': LOG.replace('## [1.2.0] - 2026-01-02\r\n', '') }).commit();
    const res = run(['release', '--dry-run'], repo.dir);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain(
      'CHANGELOG.md has no heading for 1.2.0, which is being released, only an Unreleased section; heimdall-version bump renames it',
    );
  });

  it('is turned on by init when CHANGELOG.md exists', () => {
    const repo = tempRepo({ 'pyproject.toml': PY, 'CHANGELOG.md': LOG });
    expect(run(['init'], repo.dir).code).toBe(0);
    expect(JSON.parse(repo.read('.heimdallrc.json')).rules).toEqual({ 'changelog-entry': 'error' });
  });
});
