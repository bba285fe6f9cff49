// changelog-entry, as a table run in-process: the projects it passes, and the id and position of each report it makes.
import { changelogEntry } from '../../../src/rules/changelog-entry.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { pyproject } from '../../helpers/rule-fixtures.js';

const CONFIG = { sources: [{ file: 'pyproject.toml', type: 'toml' }] };
const withLog = (log: string, version = '1.2.0') => ({ 'pyproject.toml': pyproject(version), 'CHANGELOG.md': log });

ruleTester(changelogEntry, {
  valid: [
    { name: 'a keep-a-changelog heading for the version', config: CONFIG, files: withLog('# Changelog\n\n## [1.2.0] - 2024-01-01\n\n- Fixed\n') },
    { name: 'a towncrier heading for the version', config: CONFIG, files: withLog('demo 1.2.0 (2024-01-01)\n=====\n\n# demo 1.2.0 (2024-01-01)\n') },
    { name: 'an Unreleased section bump will rename', config: CONFIG, files: withLog('# Changelog\n\n## [Unreleased]\n\n- Added\n') },
    { name: "the version's own heading when releasing", config: CONFIG, files: withLog('## [Unreleased]\n\n## v1.2.0\n'), releasing: true },
    {
      name: 'the file its option names',
      config: CONFIG,
      options: { file: 'docs/NEWS.md' },
      files: { 'pyproject.toml': pyproject('1.2.0'), 'docs/NEWS.md': '## 1.2.0\n' },
    },
    { name: 'no version to look for (the primary has none)', config: CONFIG, files: { 'pyproject.toml': '[project]\nname = "demo"\n' } },
  ],
  invalid: [
    {
      name: 'no changelog',
      config: CONFIG,
      files: { 'pyproject.toml': pyproject('1.2.0') },
      errors: [{ messageId: 'missing', file: 'CHANGELOG.md', data: { why: 'does not exist' } }],
    },
    {
      name: 'a changelog that is not UTF-8',
      config: CONFIG,
      files: { 'pyproject.toml': pyproject('1.2.0'), 'CHANGELOG.md': Buffer.from([0x23, 0x20, 0xc3]) },
      errors: [{ messageId: 'missing', file: 'CHANGELOG.md' }],
    },
    {
      name: 'the file its option names is absent',
      config: CONFIG,
      options: { file: 'docs/NEWS.md' },
      files: withLog('## 1.2.0\n'),
      errors: [{ messageId: 'missing', file: 'docs/NEWS.md' }],
    },
    {
      name: 'neither the version nor Unreleased',
      config: CONFIG,
      files: withLog('# Changelog\n\n## [1.1.0]\n'),
      errors: [{ messageId: 'noEntry', file: 'CHANGELOG.md' }],
    },
    {
      name: 'a heading in a code block does not count',
      config: CONFIG,
      files: withLog('```\n## [1.2.0]\n```\n'),
      errors: [{ messageId: 'noEntry', file: 'CHANGELOG.md' }],
    },
    {
      name: 'releasing with only an Unreleased section, at its heading',
      config: CONFIG,
      files: withLog('# Changelog\n\n## [Unreleased]\n\n## [1.1.0]\n'),
      releasing: true,
      errors: [{ messageId: 'unreleasedOnly', file: 'CHANGELOG.md', line: 3, column: 1 }],
    },
  ],
});
