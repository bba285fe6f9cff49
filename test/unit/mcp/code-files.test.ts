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
      'mcp.server.fastmcp (renamed mcp.server.mcpserver.MCPServer)',
      'the low-level decorator @….read_resource()',
    ]);
  });
});
