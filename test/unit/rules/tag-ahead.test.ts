// tag-ahead, as a table run in-process: the projects it passes, and the id and position of each report it makes.
import { tagAhead } from '../../../src/rules/tag-ahead.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { packageJson, pyproject } from '../../helpers/rule-fixtures.js';

const files = (version: string) => ({ 'pyproject.toml': pyproject(version) });
const CONFIG = { sources: [{ file: 'pyproject.toml', type: 'toml' }] };
const JSON_ONLY = { sources: [{ file: 'package.json', type: 'json' }] };

ruleTester(tagAhead, {
  valid: [
    { name: 'no tags', config: CONFIG, files: files('1.2.0') },
    {
      name: 'older tags, in PEP 440 order (dev < rc < final < post)',
      config: CONFIG,
      files: files('1.0.0'),
      tags: { reachable: ['v1.0.0rc1', 'v1.0.0-rc.2', 'v1.0.0.dev5', 'v0.9.post3', 'v1.0'] },
    },
    { name: 'a tag that is no version', config: CONFIG, files: files('1.0.0'), tags: { reachable: ['vnext', 'latest', 'v 2.0'] } },
    {
      name: 'older tags in SemVer order',
      config: JSON_ONLY,
      files: { 'package.json': packageJson('1.0.0') },
      tags: { reachable: ['v0.9.0', 'v1.0.0-rc.1', 'v0.10.0'] },
    },
    { name: 'outside a git repository (tag-mismatch says so)', config: CONFIG, files: files('1.0.0'), tags: { unavailable: 'not a git repository' } },
    { name: 'an invalid version is not compared', config: CONFIG, files: files('banana'), tags: { reachable: ['v9.0.0'] } },
  ],
  invalid: [
    {
      name: "a newer tag reachable from HEAD: the version went backwards, at the primary's version",
      config: CONFIG,
      files: files('1.2.0'),
      tags: { reachable: ['v1.1.0', 'v1.3.0'] },
      errors: [{ messageId: 'ahead', file: 'pyproject.toml', line: 3, column: 12, data: { tag: 'v1.3.0', tagVersion: '1.3.0' } }],
    },
    {
      name: 'a post-release is newer than its release',
      config: CONFIG,
      files: files('1.0.0'),
      tags: { reachable: ['v1.0.0.post1'] },
      errors: [{ messageId: 'ahead', file: 'pyproject.toml', line: 3, column: 12 }],
    },
    {
      name: 'a SemVer pre-release of a later version',
      config: JSON_ONLY,
      files: { 'package.json': packageJson('1.0.0') },
      tags: { reachable: ['v1.1.0-alpha.0'] },
      errors: [{ messageId: 'ahead', file: 'package.json', line: 3, column: 15 }],
    },
    {
      name: 'a shallow clone may miss tags: a warning',
      config: CONFIG,
      files: files('1.2.0'),
      tags: { shallow: true },
      errors: [{ messageId: 'shallow', severity: 'warn' }],
    },
  ],
});
