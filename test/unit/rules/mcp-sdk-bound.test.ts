// mcp-sdk-bound, as a table run in-process: an mcp dependency open to mcp 2 while the code uses what mcp 2
// removed, a fastmcp dependency open to fastmcp 4 while the code uses what fastmcp 4 rejects.
import { describe, expect, it } from 'vitest';
import { admitsMajor, lowestMajor } from '../../../src/mcp/major-bound.js';
import { mcpSdkBound } from '../../../src/rules/mcp-sdk-bound.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const pyproject = (extra = '', deps = '"mcp>=1.9"') =>
  `[project]\nname = "demo-mcp"\nversion = "1.2.0"\nreadme = "README.md"\nrequires-python = ">=3.10"\ndependencies = [${deps}]\n${extra}\n[project.scripts]\ndemo-mcp = "demo.server:main"\n`;
const SOURCES = { sources: [{ file: 'pyproject.toml', type: 'toml', primary: true }] };

const FASTMCP_HOST = 'from fastmcp import FastMCP\n\nmcp = FastMCP("demo", version="1.2.0", host="0.0.0.0")\n';
const FASTMCP_ELICIT =
  'import fastmcp\n\nmcp = fastmcp.FastMCP("demo", version="1.2.0")\n\n\n@mcp.tool\nasync def ask(ctx: fastmcp.Context) -> str:\n    answer = await ctx.elicit("Go on?")\n    return str(answer)\n';
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
    { name: 'fastmcp bounded below 3', config: SOURCES, files: { 'pyproject.toml': pyproject('', '"fastmcp>=2.10,<3"'), 'demo/server.py': FASTMCP_HOST } },
    { name: 'fastmcp ~=3.1 stops before 4', config: SOURCES, files: { 'pyproject.toml': pyproject('', '"fastmcp~=3.1"'), 'demo/server.py': FASTMCP_ELICIT } },
    {
      name: 'fastmcp unbounded, but the code uses only what fastmcp 4 has',
      config: SOURCES,
      files: { 'pyproject.toml': pyproject('', '"fastmcp>=2.10"'), 'demo/server.py': 'from fastmcp import FastMCP\nmcp = FastMCP("demo", version="1.2.0")\n' },
    },
    {
      name: 'fastmcp>=4 asks for 4 already: no bound helps (the code is out of date, not the range)',
      config: SOURCES,
      files: { 'pyproject.toml': pyproject('', '"fastmcp>=4"'), 'demo/server.py': FASTMCP_HOST },
    },
    {
      name: 'an unbounded mcp while only fastmcp API that fastmcp 4 rejects is used',
      config: SOURCES,
      files: { 'pyproject.toml': pyproject('', '"mcp>=1.9", "fastmcp<3"'), 'demo/server.py': FASTMCP_HOST },
    },
  ],
  invalid: [
    {
      name: 'fastmcp unbounded while FastMCP(host=…) is passed, which fastmcp 4 no longer accepts',
      config: SOURCES,
      files: { 'pyproject.toml': pyproject('', '"fastmcp>=2.10"'), 'demo/server.py': FASTMCP_HOST },
      errors: [
        {
          messageId: 'unbounded',
          file: 'pyproject.toml',
          line: 6,
          column: 25,
          data: { requirement: 'fastmcp>=2.10', sdk: 'fastmcp', major: '4', file: 'demo/server.py', line: 3, bounded: 'fastmcp>=2.10,<3' },
        },
      ],
    },
    {
      name: 'fastmcp with no specifier while ctx.elicit() is given no response_type',
      config: SOURCES,
      files: { 'pyproject.toml': pyproject('', '"fastmcp"'), 'demo/server.py': FASTMCP_ELICIT },
      errors: [{ messageId: 'unbounded', file: 'pyproject.toml', line: 6, column: 25, data: { requirement: 'fastmcp', line: 8, bounded: 'fastmcp<4' } }],
    },
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
    ['>=1.9', 'pep440', 2, true],
    ['', 'pep440', 2, true],
    ['>=1.9,<2', 'pep440', 2, false],
    ['<2.0', 'pep440', 2, false],
    ['<2.0.1', 'pep440', 2, true],
    ['==1.9.4', 'pep440', 2, false],
    ['~=1.9', 'pep440', 2, false],
    ['~=1.9.4', 'pep440', 2, false],
    ['~=2.0', 'pep440', 2, true],
    ['==1.*', 'pep440', 2, false],
    ['==2.*', 'pep440', 2, true],
    ['<=1.99', 'pep440', 2, false],
    ['<=2', 'pep440', 2, true],
    ['!=2.0', 'pep440', 2, true],
    ['>=2.10,<5', 'pep440', 4, true],
    ['>=2.10,<4', 'pep440', 4, false],
    ['^1.9', 'poetry', 2, false],
    ['^2.10', 'poetry', 4, false],
    ['^0.3', 'poetry', 1, false],
    ['~1.9', 'poetry', 2, false],
    ['1.9.4', 'poetry', 2, false],
    ['*', 'poetry', 2, true],
    ['^1.9 || ^2.0', 'poetry', 2, true],
    ['>=1.9', 'poetry', 2, true],
  ] as const)('%j (%s) admits major %i: %s', (spec, syntax, major, admits) => expect(admitsMajor(spec, syntax, major)).toBe(admits));

  it.each([
    ['>=2.10', 'pep440', 2],
    ['>=2.10,!=3.1', 'pep440', 2],
    ['', 'pep440', undefined],
    ['<4', 'pep440', undefined],
    ['~=3.1', 'pep440', 3],
    ['^1.9 || ^2.0', 'poetry', 1],
  ] as const)('%j (%s) starts at major %s', (spec, syntax, major) => expect(lowestMajor(spec, syntax)).toBe(major));
});
