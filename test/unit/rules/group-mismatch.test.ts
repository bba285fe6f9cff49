// group-mismatch over in-memory workspaces: a lockstep SDK, and a polyglot pair in one fixed group.
import { groupMismatch } from '../../../src/rules/group-mismatch.js';
import { workspaceRuleTester } from '../../helpers/workspace-tester.js';

const py = (name: string, version: string) => `[project]\nname = "${name}"\nversion = "${version}"\n`;
const npm = (name: string, version: string) => `{\n  "name": "${name}",\n  "version": "${version}"\n}\n`;
const SDK = [{ path: 'packages/core' }, { path: 'packages/tools' }, { path: 'packages/cli' }];
const SDK_GROUP = [{ name: 'sdk', packages: ['sdk-core', 'sdk-tools', 'sdk-cli'] }];

workspaceRuleTester(groupMismatch, {
  valid: [
    {
      name: 'a lockstep SDK whose members all say 2.0.0a3',
      files: {
        'packages/core/pyproject.toml': py('sdk-core', '2.0.0a3'),
        'packages/tools/pyproject.toml': py('sdk-tools', '2.0.0a3'),
        'packages/cli/pyproject.toml': py('sdk-cli', '2.0.0a3'),
      },
      packages: SDK,
      groups: SDK_GROUP,
    },
    {
      name: 'packages in no group may differ',
      files: {
        'packages/core/pyproject.toml': py('sdk-core', '2.0.0'),
        'packages/tools/pyproject.toml': py('sdk-tools', '1.0.0'),
        'packages/cli/pyproject.toml': py('sdk-cli', '0.1.0'),
      },
      packages: SDK,
    },
    {
      name: 'a Python member and an npm member mean one release (1.2.0rc1 ≡ 1.2.0-rc.1)',
      files: { 'server/pyproject.toml': py('mcp-server', '1.2.0rc1'), 'js/package.json': npm('@acme/mcp-server', '1.2.0-rc.1') },
      packages: [{ path: 'server' }, { path: 'js' }],
      groups: [{ name: 'mcp', packages: ['mcp-server', '@acme/mcp-server'] }],
    },
  ],
  invalid: [
    {
      name: 'the member left at the previous release is located at its version',
      files: {
        'packages/core/pyproject.toml': py('sdk-core', '2.0.0'),
        'packages/tools/pyproject.toml': py('sdk-tools', '2.0.0'),
        'packages/cli/pyproject.toml': py('sdk-cli', '1.9.0'),
      },
      packages: SDK,
      groups: SDK_GROUP,
      errors: [{ package: 'sdk-cli', messageId: 'differs', file: 'packages/cli/pyproject.toml', line: 3, column: 12 }],
    },
    {
      name: 'two members at two versions each: the one listed first sets the group version, every other file is located',
      files: {
        'packages/core/pyproject.toml': py('sdk-core', '2.0.0'),
        'packages/tools/pyproject.toml': py('sdk-tools', '2.1.0'),
        'packages/cli/pyproject.toml': py('sdk-cli', '2.2.0'),
      },
      packages: SDK,
      groups: SDK_GROUP,
      errors: [
        { package: 'sdk-tools', messageId: 'differs', file: 'packages/tools/pyproject.toml', line: 3, column: 12 },
        { package: 'sdk-cli', messageId: 'differs', file: 'packages/cli/pyproject.toml', line: 3, column: 12 },
      ],
    },
    {
      name: 'the npm member of a polyglot pair that lags is located in its package.json',
      files: {
        'server/pyproject.toml': py('mcp-server', '1.2.0'),
        'js/package.json': npm('@acme/mcp-server', '1.1.0'),
        'web/package.json': npm('web', '1.2.0'),
      },
      packages: [{ path: 'server' }, { path: 'js' }, { path: 'web' }],
      groups: [{ name: 'mcp', packages: ['mcp-server', '@acme/mcp-server', 'web'] }],
      errors: [{ package: '@acme/mcp-server', messageId: 'differs', file: 'js/package.json', line: 3, column: 15 }],
    },
  ],
});
