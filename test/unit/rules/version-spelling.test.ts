// version-spelling, as a table run in-process: the projects it passes, and the id and position of each report it makes.
import { versionSpelling } from '../../../src/rules/version-spelling.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { packageJson, pyproject, TWO_SOURCES, versionPy, WITH_JSON } from '../../helpers/rule-fixtures.js';

const SHORT = {
  sources: [
    { file: 'pyproject.toml', type: 'toml', primary: true },
    { file: 'docs/conf.py', type: 'python', variable: 'version', short: true },
  ],
};

ruleTester(versionSpelling, {
  valid: [
    {
      name: 'normalized PEP 440 in Python files',
      config: TWO_SOURCES,
      files: { 'pyproject.toml': pyproject('0.3.0rc1'), 'demo/__init__.py': versionPy('0.3.0.post2') },
    },
    {
      name: "SemVer spelling in a JSON file is its own scheme's",
      config: WITH_JSON,
      files: { 'pyproject.toml': pyproject('0.3.0rc1'), 'package.json': packageJson('0.3.0-rc.1') },
    },
    {
      name: "an invalid version is invalid-version's, not a spelling",
      config: TWO_SOURCES,
      files: { 'pyproject.toml': pyproject('banana'), 'demo/__init__.py': versionPy('1.2.0') },
    },
  ],
  invalid: [
    {
      name: 'a SemVer spelling in a Python file, with the normalized form',
      config: TWO_SOURCES,
      files: { 'pyproject.toml': pyproject('0.3.0'), 'demo/__init__.py': versionPy('0.3.0-rc.1') },
      errors: [{ messageId: 'notNormalized', file: 'demo/__init__.py', line: 1, column: 16, data: { normalized: '0.3.0rc1' } }],
    },
    {
      name: 'each literal of the primary too',
      config: TWO_SOURCES,
      files: { 'pyproject.toml': pyproject('1.0.0-alpha.1'), 'demo/__init__.py': versionPy('1.0.0.POST1') },
      errors: [
        { messageId: 'notNormalized', file: 'pyproject.toml', line: 3, column: 12, data: { normalized: '1.0.0a1' } },
        { messageId: 'notNormalized', file: 'demo/__init__.py', line: 1, column: 16, data: { normalized: '1.0.0.post1' } },
      ],
    },
    {
      name: 'a short X.Y form with a leading zero',
      config: SHORT,
      files: { 'pyproject.toml': pyproject('0.3.0'), 'docs/conf.py': 'version = "0.03"\n' },
      errors: [{ messageId: 'shortNotNormalized', file: 'docs/conf.py', line: 1, column: 12, data: { normalized: '0.3' } }],
    },
  ],
});
