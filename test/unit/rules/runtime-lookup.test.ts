// runtime-lookup, as a table run in-process: the projects it passes, and the id and position of each report it makes.
import { runtimeLookup } from '../../../src/rules/runtime-lookup.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { pyproject, TWO_SOURCES } from '../../helpers/rule-fixtures.js';

const lookup = (dist: string) => `from importlib.metadata import version\n__version__ = version("${dist}")\n`;
const withFallback = (dist: string, fallback: string) =>
  `import importlib.metadata\ntry:\n    __version__ = importlib.metadata.version("${dist}")\nexcept Exception:\n    __version__ = "${fallback}"\n`;

ruleTester(runtimeLookup, {
  valid: [
    {
      name: "a lookup of the project's own distribution",
      config: TWO_SOURCES,
      files: { 'pyproject.toml': pyproject('1.2.0', 'heimdall-mcp'), 'demo/__init__.py': lookup('heimdall-mcp') },
    },
    {
      name: 'the same distribution under another spelling (PEP 503)',
      config: TWO_SOURCES,
      files: { 'pyproject.toml': pyproject('1.2.0', 'heimdall-mcp'), 'demo/__init__.py': lookup('Heimdall_MCP') },
    },
    {
      name: "a Poetry project's name counts too",
      config: TWO_SOURCES,
      files: {
        'pyproject.toml': '[project]\nversion = "1.2.0"\n\n[tool.poetry]\nname = "heimdall-mcp"\n',
        'demo/__init__.py': withFallback('heimdall_mcp', '1.2.0'),
      },
    },
    { name: 'no lookup at all', config: TWO_SOURCES, files: { 'pyproject.toml': pyproject('1.2.0'), 'demo/__init__.py': '__version__ = "1.2.0"\n' } },
  ],
  invalid: [
    {
      name: 'heimdall-mcp as it shipped: the old distribution name, with a fallback that is used instead',
      config: TWO_SOURCES,
      files: { 'pyproject.toml': pyproject('0.3.4', 'heimdall-mcp'), 'demo/__init__.py': withFallback('heimdall-mcp-server', '0.1.0') },
      errors: [
        {
          messageId: 'otherWithFallback',
          file: 'demo/__init__.py',
          line: 3,
          column: 47,
          data: { lookup: 'heimdall-mcp-server', distribution: 'heimdall-mcp', fallback: '0.1.0' },
        },
      ],
    },
    {
      name: 'another distribution, no fallback: it raises',
      config: TWO_SOURCES,
      files: { 'pyproject.toml': pyproject('1.2.0'), 'demo/__init__.py': lookup('other') },
      errors: [{ messageId: 'other', file: 'demo/__init__.py', line: 2, column: 24 }],
    },
    {
      name: 'no name in pyproject.toml: the lookup cannot be verified, a warning',
      config: TWO_SOURCES,
      files: { 'pyproject.toml': '[project]\nversion = "1.2.0"\n', 'demo/__init__.py': lookup('demo') },
      errors: [{ messageId: 'unverifiable', file: 'demo/__init__.py', line: 2, column: 24, severity: 'warn' }],
    },
    {
      name: 'an empty name is no name',
      config: TWO_SOURCES,
      files: { 'pyproject.toml': pyproject('1.2.0', ''), 'demo/__init__.py': lookup('demo') },
      errors: [{ messageId: 'unverifiable', file: 'demo/__init__.py', line: 2, column: 24, severity: 'warn' }],
    },
  ],
});
