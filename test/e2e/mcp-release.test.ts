// The "announced version" gate end to end: real MCP servers built with the mcp SDK 2.x from this
// machine's pip index (unversioned, a literal, importlib.metadata), and a hand-written JSON-RPC
// server as SDK 1.x behaves, each built into a wheel with Debian's build, installed into a throwaway
// environment with its dependencies, started over stdio and asked, through release and verify.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAsync as run } from '../helpers/cli.js';
import { needs } from '../helpers/env.js';
import { fileIndexDir, pipFinds, pipIndexEnv } from '../helpers/pip-index.js';
import { startPypiServer, type PypiServer } from '../helpers/pypi-server.js';
import { cleanupTempDirs, tempDir, tempRepo, type TempRepo } from '../helpers/repo.js';
import { RULE_IDS } from '../../src/rules/index.js';

const PY = '/usr/bin/python3';
const hasTools = needs(
  spawnSync(PY, ['-c', 'import build, twine, venv, setuptools']).status === 0,
  `the MCP release tests (test/e2e/mcp-release.test.ts): ${PY} lacks build, twine, venv or setuptools`,
  'apt-get install twine python3-build python3-venv',
);
const INDEX = pipIndexEnv(PY);
const hasSdk =
  hasTools &&
  needs(
    pipFinds(PY, 'mcp>=2', INDEX),
    'the MCP release tests (test/e2e/mcp-release.test.ts): pip finds no mcp>=2 (the MCP SDK 2.x) in the configured index',
    'configure a pip index that has mcp 2.x (pip download mcp must find it)',
  );
const PASSWORD = 'pypi-mcp-release-token';

let server: PypiServer;
beforeAll(async () => {
  server = await startPypiServer({ username: '__token__', password: PASSWORD, ...(fileIndexDir(INDEX) ? { mirror: fileIndexDir(INDEX)! } : {}) });
});
afterAll(async () => {
  await server?.close();
  cleanupTempDirs();
});

/** The server's construction, as real servers write it. */
const SDK_SERVER = (construct: string) => `import importlib.metadata

from mcp.server.mcpserver import MCPServer

app = ${construct}


@app.tool()
def ping() -> str:
    return "pong"


def main():
    app.run()
`;

/** The SDK 1.x shape without the SDK: no server/discover, and initialize announces another distribution's version (the SDK's own, there). */
const LEGACY_SERVER = `import json, sys
from importlib.metadata import version


def main():
    for line in sys.stdin:
        request = json.loads(line)
        if "id" not in request:
            continue
        if request["method"] == "initialize":
            info = {"name": "demo-mcp", "version": version("typing_extensions")}
            result = {"protocolVersion": "2025-11-25", "capabilities": {}, "serverInfo": info}
            print(json.dumps({"jsonrpc": "2.0", "id": request["id"], "result": result}), flush=True)
        else:
            error = {"code": -32602, "message": "Invalid request parameters"}
            print(json.dumps({"jsonrpc": "2.0", "id": request["id"], "error": error}), flush=True)
`;

/** A setuptools MCP server package at 1.2.0, committed; the rules that read the server's code are off, so only the gate can catch it. */
function mcpRepo(code: string, dependency = 'mcp>=2', release: Record<string, unknown> = {}): TempRepo {
  const rules = Object.fromEntries(['mcp-server-version', 'mcp-sdk-bound'].filter((r) => (RULE_IDS as string[]).includes(r)).map((r) => [r, 'off']));
  return tempRepo({
    'pyproject.toml': `[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "demo-mcp"
version = "1.2.0"
readme = "README.md"
dependencies = ["${dependency}"]

[project.scripts]
demo-mcp = "demo_mcp.server:main"
demo-cli = "demo_mcp.server:main"

[tool.setuptools]
packages = ["demo_mcp"]
`,
    'README.md': '# demo-mcp\n\nAn MCP server.\n',
    'demo_mcp/__init__.py': '',
    'demo_mcp/server.py': code,
    '.heimdallrc.json': JSON.stringify({
      sources: [{ file: 'pyproject.toml', type: 'toml', key: 'project.version', primary: true }],
      rules,
      release: {
        python: PY,
        build: [PY, '-m', 'build', '--no-isolation', '--wheel'],
        repositories: { pypi: server.url, testpypi: server.url },
        indexes: { testpypi: server.simple, pypi: server.simple },
        ...release,
      },
    }),
  }).commit('initial');
}

const env = (extra: Record<string, string> = {}): Record<string, string> => ({
  ...INDEX,
  TWINE_USERNAME: '__token__',
  TWINE_PASSWORD: PASSWORD,
  HOME: tempDir(),
  CI: 'true',
  ...extra,
});

const leftovers = (tmp: string) => readdirSync(tmp).filter((f) => f.startsWith('heimdall-version-'));

describe.skipIf(!hasSdk)('announced version: an MCP server built with the SDK 2.x, installed and asked', { timeout: 400_000 }, () => {
  it('importlib.metadata.version(...) announces the release: release --no-upload and verify pass, and no process or environment is left', async () => {
    const repo = mcpRepo(SDK_SERVER('MCPServer("demo-mcp", version=importlib.metadata.version("demo-mcp"))'));
    const e = env({ TMPDIR: tempDir() });
    const dry = await run(['release', '--dry-run'], repo.dir, e);
    expect(dry.stdout).toMatch(/announced version: .*start demo-mcp \(the \[project\.scripts\] entry demo-mcp\) over stdio/);
    const res = await run(['release', '--no-upload'], repo.dir, e);
    expect(res.code, res.stdout.slice(-1500) + res.stderr).toBe(0);
    expect(res.stdout).toContain('  · ask the MCP server: demo-mcp (stdio: server/discover, else initialize)');
    expect(res.stdout).toContain(
      '✔ announced version: the installed wheel: demo-mcp announces 1.2.0 (server/discover → result._meta["io.modelcontextprotocol/serverInfo"].version)',
    );
    expect(leftovers(e.TMPDIR!)).toEqual([]);
    // verify asks the wheel already in dist/; offline, the gate is skipped with a warning, or fails with --require-mcp.
    const verified = await run(['verify'], repo.dir, e);
    expect(verified.code, verified.stdout.slice(-1500)).toBe(0);
    expect(verified.stdout).toContain('✔ announced version: the installed wheel: demo-mcp announces 1.2.0');
    const offline = { ...e, PIP_NO_INDEX: '1', PIP_CONFIG_FILE: '/dev/null', PIP_FIND_LINKS: '' };
    const warned = await run(['verify'], repo.dir, offline);
    expect(warned.code, warned.stdout.slice(-1500)).toBe(0);
    expect(warned.stdout).toContain('⚠ announced version: skipped: pip could not install the dependencies (mcp');
    const required = await run(['verify', '--require-mcp'], repo.dir, offline);
    expect(required.code).toBe(1);
    expect(required.stdout).toContain('--require-mcp makes that a failure');
  });

  it('an unversioned server (the SDK 2.x default, "") and a literal that fell behind stop the release before the upload', async () => {
    const before = server.requests;
    const unversioned = await run(['release', '--upload', '--yes'], mcpRepo(SDK_SERVER('MCPServer("demo-mcp")')).dir, env());
    expect(unversioned.code).toBe(1);
    expect(unversioned.stdout).toContain(
      '✖ announced version: the installed wheel: demo-mcp announces an empty version (server/discover → result._meta["io.modelcontextprotocol/serverInfo"].version), the MCP SDK 2.x default of a server built without one; build the server with version=importlib.metadata.version("demo-mcp")',
    );
    expect(unversioned.stderr).toContain('release stopped at "announced version"; nothing was uploaded or tagged');
    const literal = await run(['release', '--no-upload'], mcpRepo(SDK_SERVER('MCPServer("demo-mcp", version="1.1.0")')).dir, env());
    expect(literal.code).toBe(1);
    expect(literal.stdout).toContain('✖ announced version: the installed wheel: demo-mcp announces 1.1.0 (server/discover');
    expect(literal.stdout).toContain('expected 1.2.0');
    expect(server.requests).toBe(before);
  });
});

describe.skipIf(!hasSdk)('announced version: a hand-written server, and the index after --test-upload', { timeout: 400_000 }, () => {
  it("a server without server/discover is asked by initialize; announcing another distribution's version (SDK 1.x) is a mismatch", async () => {
    const repo = mcpRepo(LEGACY_SERVER, 'typing-extensions', { mcp: { command: ['demo-cli'] } });
    const res = await run(['release', '--no-upload'], repo.dir, env());
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(
      /✖ announced version: the installed wheel: demo-cli announces \d+\.\d+\.\d+ \(initialize → result\.serverInfo\.version\), expected 1\.2\.0/,
    );
  });

  it('a server that exits before answering could not be probed: its stderr is shown, and it never sees the upload credentials', async () => {
    const leak = 'import os, sys; sys.stderr.write("no database; password: %s\\n" % os.environ.get("TWINE_PASSWORD")); sys.exit(2)';
    const repo = mcpRepo(LEGACY_SERVER, 'typing-extensions', { mcp: { command: ['python', '-c', leak] } });
    const res = await run(['release', '--upload', '--yes'], repo.dir, env());
    expect(res.code).toBe(1);
    expect(res.stdout).toContain(`✖ announced version: could not probe the installed wheel with python -c ${leak}: it exited with 2 before answering`);
    expect(res.stdout).toContain('    its stderr:\n      no database; password: None\n');
    expect(res.stdout + res.stderr).not.toContain(PASSWORD);
    expect(res.stderr).toContain('release stopped at "announced version"; nothing was uploaded or tagged');
  });

  it('--test-upload asks the server installed from the index; two scripts named like servers need configuring', async () => {
    const repo = mcpRepo(SDK_SERVER('MCPServer("demo-mcp", version=importlib.metadata.version("demo-mcp"))'));
    const res = await run(['release', '--test-upload'], repo.dir, env());
    expect(res.code, res.stdout.slice(-2000) + res.stderr).toBe(0);
    expect(res.stdout).toContain('✔ announced version (TestPyPI): demo-mcp==1.2.0 from TestPyPI: demo-mcp announces 1.2.0');
    repo.write('pyproject.toml', repo.read('pyproject.toml').replace('demo-cli = ', 'demo-mcp-http = ')).commit('two servers');
    const unclear = await run(['release', '--no-upload'], repo.dir, env());
    expect(unclear.code).toBe(1);
    expect(unclear.stdout).toContain(
      '✖ announced version: the MCP server\'s command is not known: [project.scripts] has 2 entries with "mcp" in the name (demo-mcp, demo-mcp-http): set release.mcp.command',
    );
  });
});
