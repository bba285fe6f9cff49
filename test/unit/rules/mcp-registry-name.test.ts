// mcp-registry-name, as a table run in-process: server.json's name in the README PyPI shows, and npm's mcpName.
import { mcpRegistryName } from '../../../src/rules/mcp-registry-name.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const pyproject = (extra = '', deps = '"mcp>=1.9"') =>
  `[project]\nname = "demo-mcp"\nversion = "1.2.0"\nreadme = "README.md"\nrequires-python = ">=3.10"\ndependencies = [${deps}]\n${extra}\n[project.scripts]\ndemo-mcp = "demo.server:main"\n`;
/** server.json: "name" at line 2, column 12. */
const serverJson = (entries: string) => `{\n  "name": "io.github.o/demo",\n  "version": "1.2.0",\n  "packages": [${entries}]\n}\n`;
const PYPI = '{ "registryType": "pypi", "identifier": "demo-mcp", "version": "1.2.0" }';
const NPM = '{ "registryType": "npm", "identifier": "@o/demo", "version": "1.2.0" }';
const SOURCES = { sources: [{ file: 'pyproject.toml', type: 'toml', primary: true }] };

ruleTester(mcpRegistryName, {
  valid: [
    {
      name: 'the README names the server, hidden in a comment',
      config: SOURCES,
      files: { 'pyproject.toml': pyproject(), 'README.md': '# demo\n<!-- mcp-name: io.github.o/demo -->\n', 'server.json': serverJson(PYPI) },
    },
    { name: 'no server.json', config: SOURCES, files: { 'pyproject.toml': pyproject(), 'README.md': '# demo\n' } },
    {
      name: 'server.json lists another distribution only',
      config: SOURCES,
      files: { 'pyproject.toml': pyproject(), 'README.md': '# demo\n', 'server.json': serverJson('{ "registryType": "pypi", "identifier": "other" }') },
    },
    {
      name: "package.json's mcpName is the name",
      config: SOURCES,
      files: {
        'pyproject.toml': pyproject(),
        'README.md': 'mcp-name: io.github.o/demo\n',
        'package.json': '{"name":"@o/demo","mcpName":"io.github.o/demo"}',
        'server.json': serverJson(`${PYPI}, ${NPM}`),
      },
    },
  ],
  invalid: [
    {
      name: 'the README lacks the line',
      config: SOURCES,
      files: { 'pyproject.toml': pyproject(), 'README.md': '# demo\n', 'server.json': serverJson(PYPI) },
      errors: [{ messageId: 'missingInReadme', file: 'server.json', line: 2, column: 12, data: { readme: 'README.md' } }],
    },
    {
      name: 'the README names another server',
      config: SOURCES,
      files: { 'pyproject.toml': pyproject(), 'README.md': '# demo\n\nmcp-name: io.github.o/old\n', 'server.json': serverJson(PYPI) },
      errors: [{ messageId: 'otherInReadme', file: 'README.md', line: 3, column: 1, data: { found: 'io.github.o/old' } }],
    },
    {
      name: 'no readme in pyproject.toml',
      config: SOURCES,
      files: { 'pyproject.toml': pyproject().replace('readme = "README.md"\n', ''), 'server.json': serverJson(PYPI) },
      errors: [{ messageId: 'noReadme', file: 'server.json', line: 2, column: 12 }],
    },
    {
      name: "package.json's mcpName differs, and one that is missing",
      config: SOURCES,
      files: {
        'pyproject.toml': pyproject(),
        'README.md': 'mcp-name: io.github.o/demo\n',
        'package.json': '{\n  "name": "@o/demo",\n  "mcpName": "io.github.o/other"\n}',
        'server.json': serverJson(`${PYPI}, ${NPM}`),
      },
      errors: [{ messageId: 'npmMismatch', file: 'package.json', line: 3, column: 15 }],
    },
    {
      name: 'an npm package listed without mcpName',
      config: SOURCES,
      files: {
        'pyproject.toml': pyproject(),
        'README.md': 'mcp-name: io.github.o/demo\n',
        'package.json': '{"name":"@o/demo"}',
        'server.json': serverJson(NPM),
      },
      errors: [{ messageId: 'npmMissing', file: 'package.json' }],
    },
  ],
});
