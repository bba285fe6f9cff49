// mcp-server-version, as a table run in-process: the servers whose handshake announces the package's
// version, and the id and position of each construction that announces something else.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { mcpServerVersion } from '../../../src/rules/mcp-server-version.js';
import { ruleTester } from '../../helpers/rule-tester.js';

/** A fixture directory as in-memory files. */
function filesOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(dir, rel))) {
      const file = rel ? `${rel}/${name}` : name;
      if (statSync(path.join(dir, file)).isDirectory()) walk(file);
      else out[file] = readFileSync(path.join(dir, file), 'utf8');
    }
  };
  walk('');
  return out;
}
const HEIMDALL = filesOf(path.resolve(__dirname, '../../fixtures/mcp-projects/heimdall-mcp'));

const pyproject = (deps = '"mcp>=1.9"', scripts = 'demo-mcp = "demo.server:main"') =>
  `[project]\nname = "demo-mcp"\nversion = "1.2.0"\ndependencies = [${deps}]\n\n[project.scripts]\n${scripts}\n`;
const server = (code: string) => ({ 'pyproject.toml': pyproject(), 'demo/__init__.py': '', 'demo/server.py': code });

ruleTester(mcpServerVersion, {
  valid: [
    {
      name: "the low-level server given the package's version from the installed metadata",
      files: server('from importlib.metadata import version\nfrom mcp.server.lowlevel import Server\n\nserver = Server("demo", version=version("demo-mcp"))\n'),
    },
    {
      name: 'SDK 2 MCPServer given the version through a module-level name bound to the lookup',
      files: server(
        'import importlib.metadata\nfrom mcp.server.mcpserver import MCPServer\n\n__version__ = importlib.metadata.version("demo_mcp")\nmcp = MCPServer("demo", version=__version__)\n',
      ),
    },
    {
      name: 'a literal that is the version',
      files: server('from fastmcp import FastMCP\n\nmcp = FastMCP("demo", version="1.2.0")\n'),
    },
    {
      name: "SDK 1 FastMCP whose low-level server's version is set after construction",
      files: server(
        'from importlib.metadata import version\nfrom mcp.server.fastmcp import FastMCP\n\nmcp = FastMCP("demo")\nmcp._mcp_server.version = version("demo-mcp")\n',
      ),
    },
    {
      name: 'a version imported from the package itself is not second-guessed',
      files: server('from mcp.server import Server\nfrom demo import __version__\n\nserver = Server("demo", __version__)\n'),
    },
    {
      name: 'no MCP SDK among the dependencies: the code is not read',
      files: { ...server('from mcp.server import Server\nserver = Server("demo")\n'), 'pyproject.toml': pyproject('"httpx"') },
    },
    {
      name: "a class called Server that is not the SDK's",
      files: server('from demo.http import Server\n\nserver = Server("demo")\n'),
    },
    {
      name: 'a TypeScript server given the version from package.json',
      files: {
        'pyproject.toml': '[project]\nname = "demo"\nversion = "1.2.0"\n',
        'package.json': '{"name":"demo","version":"1.2.0","bin":{"demo":"dist/index.js"},"dependencies":{"@modelcontextprotocol/sdk":"^1.20.0"}}',
        'src/index.ts':
          'import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";\nimport pkg from "../package.json" with { type: "json" };\nconst server = new McpServer({ name: "demo", version: pkg.version });\n',
      },
    },
  ],
  invalid: [
    {
      name: 'heimdall-mcp as it is: Server("heimdall-cognitive-memory") in a method, no version; the SDK 1.x announces its own',
      files: HEIMDALL,
      errors: [
        {
          messageId: 'noVersion',
          file: 'heimdall/mcp_server.py',
          line: 25,
          column: 31,
          data: { callee: 'Server', version: '0.3.7', distribution: 'heimdall-mcp' },
        },
      ],
    },
    {
      name: 'SDK 1 FastMCP, which has no version parameter',
      files: server('from mcp.server.fastmcp import FastMCP\n\nmcp = FastMCP("demo")\n'),
      errors: [{ messageId: 'sdk1FastMcp', file: 'demo/server.py', line: 3, column: 7 }],
    },
    {
      name: 'standalone fastmcp with no version announces its own',
      files: server('import fastmcp\n\nmcp = fastmcp.FastMCP(name="demo")\n'),
      errors: [{ messageId: 'noVersion', file: 'demo/server.py', line: 3, column: 7, data: { callee: 'fastmcp.FastMCP', announces: "fastmcp's own version" } }],
    },
    {
      name: 'a literal behind the package, passed positionally to the SDK 1 low-level server',
      files: server('from mcp.server.lowlevel import Server as LowLevel\n\nserver = LowLevel("demo", "1.1.0")\n'),
      errors: [{ messageId: 'literal', file: 'demo/server.py', line: 3, column: 28, data: { found: '1.1.0' } }],
    },
    {
      name: 'a lookup of another distribution (the old name)',
      files: server(
        'from importlib.metadata import version\nimport mcp.server.mcpserver\n\nmcp = mcp.server.mcpserver.MCPServer("demo", version=version("demo-mcp-server"))\n',
      ),
      errors: [{ messageId: 'otherDistribution', file: 'demo/server.py', line: 4, column: 63, data: { lookup: 'demo-mcp-server' } }],
    },
    {
      name: 'a version read from pyproject.toml when the server runs',
      files: server(
        'import tomllib\nfrom pathlib import Path\nfrom mcp.server import Server\n\n\ndef _version():\n    return tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())["project"]["version"]\n\n\nserver = Server("demo", version=_version())\n',
      ),
      errors: [{ messageId: 'fromPyproject', file: 'demo/server.py', line: 10, column: 10 }],
    },
    {
      name: 'a module the entry point imports from the package',
      files: {
        'pyproject.toml': pyproject('"mcp[cli]>=1.9"', 'demo-mcp = "demo:main"'),
        'demo/__init__.py': 'from .app import build\n\n\ndef main():\n    build().run()\n',
        'demo/app.py': 'from mcp.server.mcpserver import MCPServer\n\n\ndef build():\n    return MCPServer("demo")\n',
      },
      errors: [{ messageId: 'noVersion', file: 'demo/app.py', line: 5, column: 12, data: { announces: '""' } }],
    },
    {
      name: 'a TypeScript server with a literal behind package.json and one with none',
      files: {
        'pyproject.toml': '[project]\nname = "demo"\nversion = "1.2.0"\n',
        'package.json': '{"name":"demo","version":"1.2.0","main":"build/index.js","dependencies":{"@modelcontextprotocol/sdk":"^1.20.0"}}',
        'src/index.ts':
          'import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";\nimport { Server } from "@modelcontextprotocol/sdk/server/index.js";\nexport const a = new McpServer({ name: "demo", version: "1.0.0" });\nexport const b = new Server({ name: "low" }, { capabilities: {} });\n',
      },
      errors: [
        { messageId: 'literal', file: 'src/index.ts', line: 3, column: 58, data: { found: '1.0.0' } },
        { messageId: 'noVersion', file: 'src/index.ts', line: 4, column: 18, data: { announces: 'no version at all' } },
      ],
    },
    {
      name: 'a TypeScript server built where no entry leads (an alias import, no bin, main or exports that names it), found in the src/ tree',
      files: {
        'pyproject.toml': '[project]\nname = "demo"\nversion = "1.2.0"\n',
        'package.json': '{"name":"demo","version":"1.2.0","type":"module","dependencies":{"@modelcontextprotocol/sdk":"^1.20.0"}}',
        'src/cli/start.ts': 'import { makeServer } from "@/core/make";\nmakeServer().connect();\n',
        'src/core/make.ts':
          'import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";\nexport const makeServer = () =>\n  new McpServer({ name: "demo", version: "1.1.0" });\n',
        'src/core/make.test.ts': 'import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";\nnew McpServer({ name: "t", version: "0.0.0" });\n',
        'src/types.d.ts': 'declare const x: string;\n',
      },
      errors: [{ messageId: 'literal', file: 'src/core/make.ts', line: 3, column: 43, data: { found: '1.1.0' } }],
    },
    {
      name: "a TypeScript server that package.json's exports names (its source under src/)",
      files: {
        'pyproject.toml': '[project]\nname = "demo"\nversion = "1.2.0"\n',
        'package.json':
          '{"name":"demo","version":"1.2.0","exports":{".":{"types":"./dist/serve.d.ts","import":"./dist/serve.js"}},"dependencies":{"@modelcontextprotocol/sdk":"^1.20.0"}}',
        'src/serve.ts': 'import { Server } from "@modelcontextprotocol/sdk/server/index.js";\nexport const s = new Server({ name: "x" }, {});\n',
      },
      errors: [{ messageId: 'noVersion', file: 'src/serve.ts', line: 2, column: 18 }],
    },
  ],
});
