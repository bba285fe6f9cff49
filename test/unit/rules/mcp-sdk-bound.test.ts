// mcp-sdk-bound, as a table run in-process: an mcp dependency open to mcp 2 while the code uses what mcp 2 removed.
import { describe, expect, it } from 'vitest';
import { boundsMajor, mcpSdkBound } from '../../../src/rules/mcp-sdk-bound.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const pyproject = (extra = '', deps = '"mcp>=1.9"') =>
  `[project]\nname = "demo-mcp"\nversion = "1.2.0"\nreadme = "README.md"\nrequires-python = ">=3.10"\ndependencies = [${deps}]\n${extra}\n[project.scripts]\ndemo-mcp = "demo.server:main"\n`;
const SOURCES = { sources: [{ file: 'pyproject.toml', type: 'toml', primary: true }] };

const LOWLEVEL = 'from mcp.server import Server\n\nserver = Server("demo")\n\n\n@server.list_tools()\nasync def tools():\n    return []\n';

ruleTester(mcpSdkBound, {
  valid: [
    { name: 'bounded below 2', config: SOURCES, files: { 'pyproject.toml': pyproject('', '"mcp>=1.9,<2"'), 'demo/server.py': LOWLEVEL } },
    {
      name: 'pinned, as heimdall-mcp pins mcp==1.9.4',
      config: SOURCES,
      files: { 'pyproject.toml': pyproject('', '"mcp==1.9.4"'), 'demo/server.py': LOWLEVEL },
    },
    { name: 'compatible release ~=1.9', config: SOURCES, files: { 'pyproject.toml': pyproject('', '"mcp~=1.9"'), 'demo/server.py': LOWLEVEL } },
    {
      name: 'unbounded, but the code uses only what mcp 2 has',
      config: SOURCES,
      files: { 'pyproject.toml': pyproject(), 'demo/server.py': 'from mcp.server.mcpserver import MCPServer\nmcp = MCPServer("demo", version="1.2.0")\n' },
    },
  ],
  invalid: [
    {
      name: "unbounded while the low-level server's decorators are used",
      config: SOURCES,
      files: { 'pyproject.toml': pyproject(), 'demo/server.py': LOWLEVEL },
      errors: [{ messageId: 'unbounded', file: 'pyproject.toml', line: 6, column: 21, data: { requirement: 'mcp>=1.9', line: 6 } }],
    },
    {
      name: 'no specifier at all while mcp.server.fastmcp is imported',
      config: SOURCES,
      files: { 'pyproject.toml': pyproject('', '"mcp[cli]"'), 'demo/server.py': 'from mcp.server.fastmcp import FastMCP\n' },
      errors: [{ messageId: 'unbounded', file: 'pyproject.toml', line: 6, column: 26, data: { file: 'demo/server.py', line: 1 } }],
    },
  ],
});

describe('version ranges', () => {
  it.each([
    ['>=1.9', false],
    ['', false],
    ['>=1.9,<2', true],
    ['==1.9.4', true],
    ['~=1.9', true],
    ['==1.*', false],
    ['<=1.99', true],
    ['!=2.0', false],
  ])('%j bounds the major: %s', (spec, bounded) => expect(boundsMajor(spec)).toBe(bounded));
});
