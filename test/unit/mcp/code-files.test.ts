// Which files may construct the MCP server: found from pyproject.toml and package.json, following the package's own imports, never out of it.
import { describe, expect, it } from 'vitest';
import { serverCodeFiles } from '../../../src/mcp/code-files.js';
import { importedModules, readPythonMcp } from '../../../src/mcp/python-servers.js';

const reader = (files: Record<string, string>) => (file: string) => files[file];

describe('importedModules', () => {
  it('reads absolute, relative and parenthesised imports, also inside functions', () => {
    const text = 'import os, demo.app as app\nfrom . import tools\nfrom ...core.x import (a,\n    b as c)\n\ndef f():\n    from demo.late import g\n';
    expect(importedModules(text)).toEqual([
      { level: 0, module: 'os', names: [] },
      { level: 0, module: 'demo.app', names: [] },
      { level: 1, module: '', names: ['tools'] },
      { level: 3, module: 'core.x', names: ['a', 'b'] },
      { level: 0, module: 'demo.late', names: ['g'] },
    ]);
  });
});

describe('serverCodeFiles', () => {
  const pyproject = (deps: string) =>
    `[project]\nname = "demo-mcp"\nversion = "1.0.0"\ndependencies = [${deps}]\n[project.scripts]\ndemo-mcp = "demo.cli:main"\n`;

  it('reads nothing without an MCP SDK among the dependencies', () => {
    expect(serverCodeFiles(reader({ 'pyproject.toml': pyproject('"httpx"') }))).toEqual([]);
  });

  it("follows the script's module into the package's own imports, first the files that exist", () => {
    const files = {
      'pyproject.toml': pyproject('"fastmcp>=2"'),
      'demo/cli.py': 'import httpx\nfrom .serve import run\nfrom demo_mcp import server\n',
      'demo/serve.py': 'from fastmcp import FastMCP\n',
      'demo_mcp/server.py': '',
    };
    const found = serverCodeFiles(reader(files));
    expect(found.slice(0, 3)).toEqual(['demo/cli.py', 'demo_mcp/server.py', 'demo/serve.py']);
    expect(found).not.toContain('httpx.py');
  });

  it("reads package.json's exports and module, and the src/ tree once listed, declarations, tests and fixtures left out, at most 48", () => {
    const files: Record<string, string> = {
      'package.json':
        '{"module":"./lib/m.mjs","exports":{".":{"types":"./lib/t.d.ts","import":"./lib/e.js"},"./sub/*":"./lib/sub/*.js"},"dependencies":{"@modelcontextprotocol/sdk":"1"}}',
    };
    const first = serverCodeFiles(reader(files));
    expect(first).toEqual(expect.arrayContaining(['src/m.ts', 'src/e.ts', '\0list:src']));
    expect(first.join(' ')).not.toMatch(/t\.d\.ts|\*/);
    const tree = [
      'src/a-mcp.ts',
      'src/b.test.ts',
      'src/c.d.ts',
      'src/__tests__/d.ts',
      'src/fixtures/e.ts',
      ...Array.from({ length: 60 }, (_, i) => `src/z/m${i}.ts`),
    ];
    files['\0list:src'] = tree.join('\n');
    for (const f of tree) files[f] = '';
    const found = serverCodeFiles(reader(files));
    expect(found[0]).toBe('src/a-mcp.ts');
    expect(found.filter((f) => f in files)).toHaveLength(48);
    expect(found.join(' ')).not.toMatch(/test|\.d\.ts|fixtures/);
  });

  it('never names a path out of the package, whatever package.json says', () => {
    const files = { 'package.json': '{"bin":{"x":"../../etc/x.js"},"main":"/abs/index.js","dependencies":{"@modelcontextprotocol/sdk":"1"}}' };
    expect(serverCodeFiles(reader(files)).filter((f) => f.includes('..') || f.startsWith('/'))).toEqual([]);
  });
});

describe('readPythonMcp', () => {
  it('names the mcp 1 API that mcp 2 removed', () => {
    const { removedInMcp2 } = readPythonMcp(
      'import mcp.server.fastmcp\nfrom mcp.server.lowlevel import Server\nserver = Server("x")\n\n@server.read_resource()\nasync def r(): ...\n',
    );
    expect(removedInMcp2.map((r) => r.what)).toEqual([
      'removed mcp.server.fastmcp (renamed mcp.server.mcpserver.MCPServer)',
      'removed the low-level decorator @….read_resource()',
    ]);
  });

  it('names the fastmcp API that fastmcp 4 rejects: FastMCP(…) arguments it no longer accepts, ctx.elicit() without a response_type', () => {
    const code = [
      'from fastmcp import FastMCP, Context',
      'mcp = FastMCP("x", version="1.0", host="0.0.0.0", port=8000)',
      'async def ask(ctx: Context):',
      '    await ctx.elicit("Sure?")',
      '    await ctx.elicit("Sure?", response_type=None)',
      '    await ctx.elicit("Sure?", None)',
      '    await ctx.elicit("Name?", str)',
      '    await ctx.elicit("Name?", response_type=str)',
      '    await ctx.elicit(*args)',
      '',
    ].join('\n');
    const { removedInFastmcp4 } = readPythonMcp(code);
    expect(removedInFastmcp4.map((r) => [code.slice(0, r.offset).split('\n').length, r.what])).toEqual([
      [2, 'no longer accepts FastMCP(host=…) (a TypeError when it is constructed)'],
      [2, 'no longer accepts FastMCP(port=…) (a TypeError when it is constructed)'],
      [4, 'requires the response_type of ctx.elicit() (without one, a TypeError)'],
      [5, 'requires the response_type of ctx.elicit() (without one, a TypeError)'],
      [6, 'requires the response_type of ctx.elicit() (without one, a TypeError)'],
    ]);
  });

  it('reads elicit() as fastmcp API only in a module that imports fastmcp, and host= only on fastmcp.FastMCP', () => {
    expect(readPythonMcp('import questions\nquestions.elicit("x")\n').removedInFastmcp4).toEqual([]);
    expect(readPythonMcp('from mcp.server.mcpserver import MCPServer\nMCPServer("x", host="h")\n').removedInFastmcp4).toEqual([]);
  });
});
