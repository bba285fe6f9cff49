// tag-mismatch, as a table run in-process: the projects it passes, and the id and position of each report it makes.
import { tagMismatch } from '../../../src/rules/tag-mismatch.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { pyproject } from '../../helpers/rule-fixtures.js';

const files = (version: string) => ({ 'pyproject.toml': pyproject(version) });
const CONFIG = { sources: [{ file: 'pyproject.toml', type: 'toml' }] };

ruleTester(tagMismatch, {
  valid: [
    { name: 'HEAD tagged with the version', config: CONFIG, files: files('1.2.0'), tags: { head: ['v1.2.0'] } },
    { name: 'HEAD tagged with the same release spelled the SemVer way', config: CONFIG, files: files('0.3.0rc1'), tags: { head: ['v0.3.0-rc.1'] } },
    { name: "one of HEAD's tags names the version", config: CONFIG, files: files('1.2.0'), tags: { head: ['v1.1.0', 'v1.2.0'] } },
    { name: 'HEAD carries no version tag', config: CONFIG, files: files('1.2.0'), tags: { reachable: ['v1.1.0'], head: ['latest', 'vnext'] } },
    { name: 'the version files moved on since the tagged commit', config: CONFIG, files: files('1.3.0'), tags: { head: ['v1.2.0'], changedSinceHead: true } },
    { name: 'checking what is staged: the next commit carries no tag yet', config: CONFIG, files: files('1.3.0'), tags: { head: ['v1.2.0'], staged: true } },
    { name: 'another tag prefix', config: { ...CONFIG, tags: { prefix: 'release-' } }, files: files('1.2.0'), tags: { head: ['v1.0.0', 'release-1.2.0'] } },
  ],
  invalid: [
    {
      name: "HEAD tagged with another version, at the primary's version",
      config: CONFIG,
      files: files('1.3.0'),
      tags: { head: ['v1.2.0'] },
      errors: [{ messageId: 'mismatch', file: 'pyproject.toml', line: 3, column: 12, data: { tags: 'v1.2.0', version: '1.3.0' } }],
    },
    {
      name: 'every version tag on HEAD is named',
      config: CONFIG,
      files: files('1.3.0'),
      tags: { head: ['v1.1.0', 'v1.2.0'] },
      errors: [{ messageId: 'mismatch', file: 'pyproject.toml', line: 3, column: 12, data: { tags: 'v1.1.0, v1.2.0' } }],
    },
    {
      name: 'outside a git repository the tag rules are skipped, with a warning',
      config: CONFIG,
      files: files('1.2.0'),
      tags: { unavailable: 'not a git repository' },
      errors: [{ messageId: 'skipped', severity: 'warn', data: { reason: 'not a git repository' } }],
    },
  ],
});
