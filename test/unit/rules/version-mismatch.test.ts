// version-mismatch, as a table run in-process: the projects it passes, and the id and position of each report it makes.
import { versionMismatch } from '../../../src/rules/version-mismatch.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { packageJson, pyproject, scmPyproject, TWO_SOURCES, versionPy, WITH_JSON } from '../../helpers/rule-fixtures.js';

const SHORT = {
  sources: [
    { file: 'pyproject.toml', type: 'toml', primary: true },
    { file: 'docs/conf.py', type: 'python', variable: 'version', short: true },
  ],
};
const JSON_PRIMARY = {
  sources: [
    { file: 'package.json', type: 'json', primary: true },
    { file: 'pyproject.toml', type: 'toml' },
  ],
};
const PY_PRIMARY = { sources: [{ file: 'demo/__init__.py', type: 'python', primary: true }] };
/** server.json with its version at line 3, column 15, and this distribution's pypi entry's version at line 5, column 65. */
const serverJson = (version: string, own = version) =>
  `{\n  "name": "io.github.o/demo",\n  "version": "${version}",\n  "packages": [\n    { "registryType": "pypi", "identifier": "demo", "version": "${own}" },\n    { "registryType": "pypi", "identifier": "other", "version": "9.9.9" }\n  ]\n}\n`;
const mcp = (primary: string, server: string, own = server) => ({ 'pyproject.toml': pyproject(primary), 'server.json': serverJson(server, own) });

ruleTester(versionMismatch, {
  valid: [
    { name: 'server.json, zero-config: its version and its own pypi entry agree; another distribution is left alone', files: mcp('1.2.0', '1.2.0') },
    {
      name: 'server.json between releases: the primary is a development version, server.json names the newest release tag',
      files: mcp('1.3.0.dev0', '1.2.0'),
      tags: { reachable: ['v1.1.0', 'v1.2.0'] },
    },
    {
      name: 'server.json between releases, outside git: a release before the primary',
      files: mcp('1.3.0.dev0', '1.2.0'),
      tags: { unavailable: 'not a git repository' },
    },
    { name: 'server.json between releases with no tag yet: a release before the primary', files: mcp('0.1.0.dev0', '0.0.9') },
    {
      name: 'server.json with "follows": "primary" states the development version',
      config: {
        sources: [
          { file: 'pyproject.toml', type: 'toml', primary: true },
          { file: 'server.json', type: 'server-json', follows: 'primary' },
        ],
      },
      files: mcp('1.3.0.dev0', '1.3.0.dev0'),
    },
    { name: 'the same version everywhere', config: TWO_SOURCES, files: { 'pyproject.toml': pyproject('1.2.0'), 'demo/__init__.py': versionPy('1.2.0') } },
    {
      name: "the same release spelled each scheme's way (0.3.0rc1 ≡ 0.3.0-rc.1)",
      config: WITH_JSON,
      files: { 'pyproject.toml': pyproject('0.3.0rc1'), 'package.json': packageJson('0.3.0-rc.1') },
    },
    {
      name: "the same release in a non-normalized spelling (version-spelling's to report)",
      config: TWO_SOURCES,
      files: { 'pyproject.toml': pyproject('0.3.0rc1'), 'demo/__init__.py': versionPy('0.3.0-rc.1') },
    },
    {
      name: "a short X.Y source with the primary's MAJOR.MINOR",
      config: SHORT,
      files: { 'pyproject.toml': pyproject('1.2.5'), 'docs/conf.py': 'version = "1.2"\n' },
    },
    {
      name: "an invalid version is invalid-version's to report",
      config: TWO_SOURCES,
      files: { 'pyproject.toml': pyproject('1.2.0'), 'demo/__init__.py': versionPy('banana') },
    },
    {
      name: 'nothing to compare with when the primary is invalid',
      config: TWO_SOURCES,
      files: { 'pyproject.toml': pyproject('banana'), 'demo/__init__.py': versionPy('1.2.0') },
    },
    { name: 'version from tags with no literal beside it', files: { 'pyproject.toml': scmPyproject() }, tags: { reachable: ['v1.2.0'] } },
  ],
  invalid: [
    {
      name: 'server.json one release behind at a release: its version and its own entry',
      files: mcp('1.3.0', '1.2.0'),
      tags: { reachable: ['v1.2.0'] },
      errors: [
        { messageId: 'differs', file: 'server.json', line: 3, column: 15, data: { label: 'version', found: '1.2.0' } },
        { messageId: 'differs', file: 'server.json', line: 5, column: 65, data: { label: 'packages[0].version (pypi demo)' } },
      ],
    },
    {
      name: 'server.json between releases naming neither the newest release nor the primary',
      files: mcp('1.3.0.dev0', '1.1.0', '1.2.0'),
      tags: { reachable: ['v1.1.0', 'v1.2.0'] },
      errors: [{ messageId: 'notNewestRelease', file: 'server.json', line: 3, column: 15, data: { newest: '1.2.0', tag: 'v1.2.0' } }],
    },
    {
      name: 'server.json behind a development version at a commit that carries a release tag',
      files: mcp('1.3.0.dev0', '1.2.0'),
      tags: { head: ['v1.2.0'] },
      errors: [
        { messageId: 'differs', file: 'server.json', line: 3, column: 15 },
        { messageId: 'differs', file: 'server.json', line: 5, column: 65 },
      ],
    },
    {
      name: 'server.json with "follows": "primary" behind a development version',
      config: {
        sources: [
          { file: 'pyproject.toml', type: 'toml', primary: true },
          { file: 'server.json', type: 'server-json', follows: 'primary' },
        ],
      },
      files: mcp('1.3.0.dev0', '1.2.0'),
      tags: { reachable: ['v1.2.0'] },
      errors: [
        { messageId: 'differs', file: 'server.json', line: 3, column: 15 },
        { messageId: 'differs', file: 'server.json', line: 5, column: 65 },
      ],
    },
    {
      name: 'another release than the primary',
      config: TWO_SOURCES,
      files: { 'pyproject.toml': pyproject('1.2.0'), 'demo/__init__.py': versionPy('1.1.0') },
      errors: [{ messageId: 'differs', file: 'demo/__init__.py', line: 1, column: 16, data: { found: '1.1.0', expected: '1.2.0' } }],
    },
    {
      name: "two releases in the primary file: the later literal, naming the first one's line",
      config: PY_PRIMARY,
      files: { 'demo/__init__.py': 'try:\n    __version__ = "1.2.0"\nexcept ImportError:\n    __version__ = "1.1.0"\n' },
      errors: [{ messageId: 'sameFile', file: 'demo/__init__.py', line: 4, column: 20, data: { line: 2 } }],
    },
    {
      name: "another release in another scheme, with the primary's spelling there",
      config: WITH_JSON,
      files: { 'pyproject.toml': pyproject('1.2.0rc1'), 'package.json': packageJson('1.1.0') },
      errors: [{ messageId: 'differsSpelled', file: 'package.json', line: 3, column: 15, data: { spelled: '1.2.0-rc.1' } }],
    },
    {
      name: "a short X.Y source behind the primary's MAJOR.MINOR",
      config: SHORT,
      files: { 'pyproject.toml': pyproject('1.3.0'), 'docs/conf.py': 'version = "1.2"\n' },
      errors: [{ messageId: 'differsSpelled', file: 'docs/conf.py', line: 1, column: 12, data: { spelled: '1.3' } }],
    },
    {
      name: 'a primary that the other scheme cannot state (SemVer has no post-releases)',
      config: { ...WITH_JSON, versioning: 'pep440' },
      files: { 'pyproject.toml': pyproject('1.0.0.post1'), 'package.json': packageJson('1.0.0') },
      errors: [{ messageId: 'cannotState', file: 'package.json', line: 3, column: 15 }],
    },
    {
      name: 'a SemVer primary with no PEP 440 meaning',
      config: JSON_PRIMARY,
      files: { 'package.json': packageJson('1.2.3-foo'), 'pyproject.toml': pyproject('1.2.3') },
      errors: [{ messageId: 'noMeaning', file: 'pyproject.toml', line: 3, column: 12 }],
    },
    {
      name: 'a literal that agrees with the newest tag goes stale at the next: a warning',
      files: { 'pyproject.toml': scmPyproject(), 'demo/__init__.py': versionPy('1.2.0') },
      tags: { reachable: ['v1.1.0', 'v1.2.0'] },
      errors: [
        { messageId: 'staleBesideTags', file: 'demo/__init__.py', line: 1, column: 16, severity: 'warn', data: { tag: 'tag v1.2.0', tool: 'setuptools-scm' } },
      ],
    },
    {
      name: 'a literal that differs from the newest tag',
      files: { 'pyproject.toml': scmPyproject(), 'demo/__init__.py': versionPy('1.1.0') },
      tags: { reachable: ['v1.1.0', 'v1.2.0'] },
      errors: [{ messageId: 'differsFromTags', file: 'demo/__init__.py', line: 1, column: 16, data: { expected: '1.2.0' } }],
    },
  ],
});
