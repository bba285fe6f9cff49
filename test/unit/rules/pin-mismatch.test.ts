// pin-mismatch over in-memory workspaces: exact pins and ranges on siblings in every place a Python
// or npm package declares dependencies; templated pins and uv's sources honoured.
import { pinMismatch } from '../../../src/rules/pin-mismatch.js';
import { workspaceRuleTester } from '../../helpers/workspace-tester.js';

const lib = (version: string) => `[project]\nname = "sdk-core"\nversion = "${version}"\n`;
/** A dependent whose line 4 holds the given TOML. */
const app = (body: string) => `[project]\nname = "sdk-app"\nversion = "2.0.0"\n${body}\n`;
const PAIR = [{ path: 'core' }, { path: 'app' }];

workspaceRuleTester(pinMismatch, {
  valid: [
    {
      name: 'an exact pin on the sibling version',
      files: { 'core/pyproject.toml': lib('2.0.0a3'), 'app/pyproject.toml': app('dependencies = ["sdk-core==2.0.0a3"]') },
      packages: PAIR,
    },
    {
      name: 'an exact pin spelled another way means the same version (== 2.0.0-alpha.3)',
      files: { 'core/pyproject.toml': lib('2.0.0a3'), 'app/pyproject.toml': app('dependencies = ["sdk-core == 2.0.0-alpha.3"]') },
      packages: PAIR,
    },
    {
      name: "a range that includes the sibling's pre-release",
      files: { 'core/pyproject.toml': lib('2.0.0a3'), 'app/pyproject.toml': app('dependencies = ["sdk-core>=1.9,<3"]') },
      packages: PAIR,
    },
    {
      name: 'extras and markers around a right pin',
      files: { 'core/pyproject.toml': lib('2.0.0'), 'app/pyproject.toml': app(`dependencies = ["Sdk_Core[cli,http] (==2.0.0) ; python_version >= '3.10'"]`) },
      packages: PAIR,
    },
    { name: 'no constraint at all', files: { 'core/pyproject.toml': lib('2.0.0'), 'app/pyproject.toml': app('dependencies = ["sdk-core"]') }, packages: PAIR },
    {
      name: 'a templated pin the build backend fills in',
      files: { 'core/pyproject.toml': lib('2.0.0'), 'app/pyproject.toml': app('dependencies = ["sdk-core=={{ version }}"]') },
      packages: PAIR,
    },
    {
      name: 'a dependency uv takes from elsewhere than the workspace ([tool.uv.sources] path) is not the sibling',
      files: {
        'core/pyproject.toml': lib('2.0.0'),
        'app/pyproject.toml': app('dependencies = ["sdk-core==1.0.0"]\n[tool.uv.sources]\nsdk-core = { path = "../vendor/sdk-core" }'),
      },
      packages: PAIR,
    },
    {
      name: 'a pin on a package outside the workspace',
      files: { 'core/pyproject.toml': lib('2.0.0'), 'app/pyproject.toml': app('dependencies = ["requests==1.0.0"]') },
      packages: PAIR,
    },
    {
      name: "an npm member's workspace protocol and a caret range that include the sibling",
      files: {
        'js/core/package.json': '{ "name": "@sdk/core", "version": "1.3.0" }',
        'js/app/package.json':
          '{ "name": "@sdk/app", "version": "1.3.0", "dependencies": { "@sdk/core": "workspace:*" }, "devDependencies": { "@sdk/core": "^1.2.0" } }',
      },
      packages: [{ path: 'js/core' }, { path: 'js/app' }],
    },
  ],
  invalid: [
    {
      name: 'the core package pins its companion at the previous alpha while both say the next (uv workspace = true)',
      files: {
        'core/pyproject.toml': lib('2.0.0'),
        'app/pyproject.toml': app('dependencies = ["sdk-core==2.0.0a3"]\n[tool.uv.sources]\nsdk-core = { workspace = true }'),
      },
      packages: PAIR,
      errors: [{ package: 'sdk-app', messageId: 'exact', file: 'app/pyproject.toml', line: 4, column: 26 }],
    },
    {
      name: 'an arbitrary-equality pin in a dependency group',
      files: { 'core/pyproject.toml': lib('2.0.0'), 'app/pyproject.toml': app('[dependency-groups]\ndev = ["sdk-core===1.9.0"]') },
      packages: PAIR,
      errors: [{ package: 'sdk-app', messageId: 'exact', file: 'app/pyproject.toml', line: 5, column: 17 }],
    },
    {
      name: 'a range in an extra that excludes the sibling',
      files: { 'core/pyproject.toml': lib('2.0.0'), 'app/pyproject.toml': app('[project.optional-dependencies]\ncli = ["sdk-core>=1,<2"]') },
      packages: PAIR,
      errors: [{ package: 'sdk-app', messageId: 'range', file: 'app/pyproject.toml', line: 5, column: 17 }],
    },
    {
      name: "Poetry's bare version is an exact pin, its caret a range",
      files: {
        'core/pyproject.toml': '[tool.poetry]\nname = "sdk-core"\nversion = "2.0.0"\n',
        'app/pyproject.toml':
          '[tool.poetry]\nname = "sdk-app"\nversion = "2.0.0"\n\n[tool.poetry.dependencies]\npython = "^3.10"\nsdk-core = "1.9.0"\n[tool.poetry.group.dev.dependencies]\n',
        'tools/pyproject.toml':
          '[tool.poetry]\nname = "sdk-tools"\nversion = "2.0.0"\n\n[tool.poetry.dependencies]\nsdk-core = { version = "^1.2", develop = true }\n',
      },
      packages: [{ path: 'core' }, { path: 'app' }, { path: 'tools' }],
      errors: [
        { package: 'sdk-app', messageId: 'exact', file: 'app/pyproject.toml', line: 7, column: 13 },
        { package: 'sdk-tools', messageId: 'range', file: 'tools/pyproject.toml', line: 6, column: 25 },
      ],
    },
    {
      name: "an npm member's exact pin on its sibling",
      files: {
        'js/core/package.json': '{ "name": "@sdk/core", "version": "1.3.0" }',
        'js/app/package.json': '{\n  "name": "@sdk/app",\n  "version": "1.3.0",\n  "dependencies": { "@sdk/core": "1.2.0" }\n}\n',
      },
      packages: [{ path: 'js/core' }, { path: 'js/app' }],
      errors: [{ package: '@sdk/app', messageId: 'exact', file: 'js/app/package.json', line: 4, column: 35 }],
    },
  ],
});
