// invalid-version, as a table run in-process: the projects it passes, and the id and position of each report it makes.
import { invalidVersion } from '../../../src/rules/invalid-version.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { packageJson, pyproject, WITH_JSON } from '../../helpers/rule-fixtures.js';

const SHORT = {
  sources: [
    { file: 'pyproject.toml', type: 'toml', primary: true },
    { file: 'docs/conf.py', type: 'python', variable: 'version', short: true },
  ],
};

ruleTester(invalidVersion, {
  valid: [
    {
      name: 'a SemVer-shaped PEP 440 version',
      config: WITH_JSON,
      files: { 'pyproject.toml': pyproject('1.2.0rc1'), 'package.json': packageJson('1.2.0-rc.1') },
    },
    {
      name: 'a post-release under the pep440 policy',
      config: { ...WITH_JSON, versioning: 'pep440' },
      files: { 'pyproject.toml': pyproject('1.2.0.post1'), 'package.json': packageJson('1.2.0') },
    },
    {
      name: "a short X.Y source, which the semver policy does not hold to three numbers (the policy is the full version's)",
      config: SHORT,
      files: { 'pyproject.toml': pyproject('1.2.0'), 'docs/conf.py': 'version = "1.2"\n' },
    },
  ],
  invalid: [
    {
      name: 'no PEP 440 version in a Python file',
      config: WITH_JSON,
      files: { 'pyproject.toml': pyproject('banana'), 'package.json': packageJson('1.2.0') },
      errors: [{ messageId: 'notValid', file: 'pyproject.toml', line: 3, column: 12, data: { scheme: 'PEP 440' } }],
    },
    {
      name: 'no SemVer version in a JSON file',
      config: WITH_JSON,
      files: { 'pyproject.toml': pyproject('1.2.0'), 'package.json': packageJson('1.2') },
      errors: [{ messageId: 'notValid', file: 'package.json', line: 3, column: 15, data: { scheme: 'SemVer 2.0' } }],
    },
    {
      name: 'a version longer than any (256 characters), not repeated whole',
      config: WITH_JSON,
      files: { 'pyproject.toml': pyproject('1.'.repeat(200)), 'package.json': packageJson('1.2.0') },
      errors: [{ messageId: 'tooLong', file: 'pyproject.toml', line: 3, column: 12, data: { length: 400, max: 256, start: '1.1.1.1.1.1.1.1.1.1.' } }],
    },
    {
      name: "a number of more digits than any version's",
      config: WITH_JSON,
      files: { 'pyproject.toml': pyproject('1.0.12345678901234567'), 'package.json': packageJson('1.2.0') },
      errors: [{ messageId: 'hugeNumber', file: 'pyproject.toml', line: 3, column: 12, data: { number: '12345678901234567', max: 15 } }],
    },
    {
      name: 'a short source holding a full version',
      config: SHORT,
      files: { 'pyproject.toml': pyproject('1.2.0'), 'docs/conf.py': 'version = "1.2.0"\n' },
      errors: [{ messageId: 'notShort', file: 'docs/conf.py', line: 1, column: 12 }],
    },
    {
      name: 'a valid version the semver policy refuses, with the nearest allowed one',
      config: WITH_JSON,
      files: { 'pyproject.toml': pyproject('1.0'), 'package.json': packageJson('1.0.0') },
      errors: [
        { messageId: 'policy', file: 'pyproject.toml', line: 3, column: 12, data: { versioning: 'semver', nearest: 'the nearest allowed version is 1.0.0; ' } },
      ],
    },
    {
      name: 'every source is held to its own scheme, each at its position',
      config: WITH_JSON,
      files: { 'pyproject.toml': pyproject('1.2.0-'), 'package.json': packageJson('v1.2.0') },
      errors: [
        { messageId: 'notValid', file: 'pyproject.toml', line: 3, column: 12, data: { scheme: 'PEP 440' } },
        { messageId: 'notValid', file: 'package.json', line: 3, column: 15, data: { scheme: 'SemVer 2.0' } },
      ],
    },
  ],
});
