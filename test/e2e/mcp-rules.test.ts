// The MCP rules end to end with the built CLI on real files: heimdall-mcp's server as it is written,
// and a hostile project whose declarations point the rules outside it.
import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT, run } from '../helpers/cli.js';
import { cleanupTempDirs, tempDir, tempRepo } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

const heimdall = () => {
  const repo = tempRepo();
  cpSync(path.join(PROJECT, 'test/fixtures/mcp-projects/heimdall-mcp'), repo.dir, { recursive: true });
  return repo;
};

describe('MCP rules', () => {
  it("report heimdall-mcp's handshake and its runtime lookup, with zero configuration", () => {
    const repo = heimdall();
    const res = run(['check'], repo.dir);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain(
      'heimdall/mcp_server.py:25:31  error  Server(…) is given no version: the handshake announces the mcp SDK\'s own version (SDK 1.x) or "" (SDK 2.x) instead of 0.3.7; pass version=importlib.metadata.version("heimdall-mcp")  mcp-server-version',
    );
    expect(res.stdout).toContain('cognitive_memory/core/version.py:6:31  error  SYSTEM_VERSION looks up the distribution "heimdall-mcp-server"');
  });

  it('follow a package that imports more modules than they read, and report its server (a crash before)', () => {
    // The real heimdall-mcp's CLI imports some sixty modules: more than the rules read, so the search stops at its bound.
    const modules = Array.from({ length: 60 }, (_, i) => `m${i}`);
    const files: Record<string, string> = {
      'pyproject.toml': '[project]\nname = "many"\nversion = "1.0.0"\ndependencies = ["mcp>=2,<3"]\n[project.scripts]\nmany-mcp = "many.cli:main"\n',
      'many/__init__.py': '',
      'many/cli.py': `from many import ${modules.join(', ')}\nfrom many.mcp_server import serve\n`,
      'many/mcp_server.py': 'from mcp.server.lowlevel import Server\n\nserver = Server("many")\n',
    };
    for (const m of modules) files[`many/${m}.py`] = `from many import ${m === 'm0' ? 'm1' : 'm0'}\n`;
    const repo = tempRepo(files).commit();
    const res = run(['check'], repo.dir);
    expect(res.stderr).not.toContain('unexpected error');
    expect(res.code, res.stderr).toBe(1);
    expect(res.stdout).toContain('many/mcp_server.py:3:10  error  Server(…) is given no version');
  });

  it('pass once the server is given the installed version, and read the staged code with --staged', () => {
    const repo = heimdall();
    const fixed = repo
      .read('heimdall/mcp_server.py')
      .replace('import asyncio\n', 'import asyncio\nfrom importlib.metadata import version\n')
      .replace('Server("heimdall-cognitive-memory")', 'Server("heimdall-cognitive-memory", version=version("heimdall-mcp"))');
    repo.write('heimdall/mcp_server.py', fixed);
    repo.write(
      'cognitive_memory/core/version.py',
      repo.read('cognitive_memory/core/version.py').replace('heimdall-mcp-server', 'heimdall-mcp').replace('"0.1.0"', '"0.3.7"'),
    );
    repo.git('add', '-A');
    expect(run(['check'], repo.dir).stdout).not.toContain('error');
    // The work tree goes back to no version; the index still has the fix.
    repo.write('heimdall/mcp_server.py', fixed.replace(', version=version("heimdall-mcp")', ''));
    expect(run(['check', '--staged'], repo.dir).code).toBe(0);
    expect(run(['check'], repo.dir).stdout).toContain('mcp-server-version');
  });

  it('warn that a fastmcp open to fastmcp 4 breaks a server that passes FastMCP(host=…), and pass once bounded', () => {
    const repo = tempRepo({
      'pyproject.toml':
        '[project]\nname = "weather-mcp"\nversion = "0.4.1"\ndependencies = [\n  "fastmcp>=2.10",\n]\n\n[project.scripts]\nweather-mcp = "weather_mcp.server:main"\n',
      'weather_mcp/__init__.py': '',
      'weather_mcp/server.py':
        'from importlib.metadata import version\n\nfrom fastmcp import FastMCP\n\nmcp = FastMCP("weather", version=version("weather-mcp"), port=8080)\n\n\ndef main():\n    mcp.run()\n',
    }).commit();
    const res = run(['check'], repo.dir);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/pyproject\.toml:5:11 +warn +fastmcp>=2\.10 allows/);
    expect(res.stdout).toContain(
      'fastmcp>=2.10 allows fastmcp 4, which no longer accepts FastMCP(port=…) (a TypeError when it is constructed) (weather_mcp/server.py:5): after a fresh install the server cannot start; bound it below the next major (fastmcp>=2.10,<3) or move to the 4.x API  mcp-sdk-bound',
    );
    repo.write('pyproject.toml', repo.read('pyproject.toml').replace('"fastmcp>=2.10"', '"fastmcp>=2.10,<3"'));
    expect(run(['check'], repo.dir).stdout).not.toContain('mcp-sdk-bound');
  });

  it('find a TypeScript server in the src/ tree with no file named, from the work tree and from the index, never through a link out of it', () => {
    const outside = tempDir();
    const server = (version: string) =>
      `import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";\nexport const server = new McpServer({ name: "demo", version: "${version}" });\n`;
    writeFileSync(path.join(outside, 'evil.ts'), server('6.6.6'));
    mkdirSync(path.join(outside, 'dir'));
    writeFileSync(path.join(outside, 'dir', 'deep.ts'), server('7.7.7'));
    const repo = tempRepo({
      'pyproject.toml': '[project]\nname = "demo-ts"\nversion = "2.0.0"\n',
      'package.json': '{"name":"demo-ts","version":"2.0.0","type":"module","dependencies":{"@modelcontextprotocol/sdk":"^1.20.0"}}\n',
      'src/app/wire.ts': server('1.9.0'),
      'src/cli.ts': 'import { server } from "#app/wire";\nawait server.connect();\n',
    });
    symlinkSync(path.join(outside, 'evil.ts'), repo.path('src/evil.ts'));
    symlinkSync(path.join(outside, 'dir'), repo.path('src/linked'));
    const res = run(['check'], repo.dir);
    expect(res.code, res.stderr).toBe(1);
    expect(res.stdout).toMatch(/src\/app\/wire\.ts:2:63 +error +McpServer\(…\) announces the literal 1\.9\.0 but pyproject\.toml says 2\.0\.0/);
    expect(res.stdout).not.toMatch(/6\.6\.6|7\.7\.7/);
    // Staged: the index's tree is listed, not the work tree's.
    repo.git('add', 'pyproject.toml', 'package.json', 'src/cli.ts', 'src/app/wire.ts');
    repo.write('src/app/wire.ts', server('2.0.0'));
    expect(run(['check'], repo.dir).code).toBe(0);
    expect(run(['check', '--staged'], repo.dir).stdout).toContain('announces the literal 1.9.0');
  });

  it('never read a README or code outside the project, whatever pyproject.toml and package.json name', () => {
    const outside = tempDir();
    mkdirSync(path.join(outside, 'secret'));
    writeFileSync(path.join(outside, 'secret', 'README.md'), 'mcp-name: io.github.o/demo\n');
    writeFileSync(path.join(outside, 'secret', 'server.py'), 'from mcp.server import Server\nserver = Server("x")\n');
    const repo = tempRepo({
      'pyproject.toml': `[project]\nname = "demo"\nversion = "1.0.0"\nreadme = "${path.join(outside, 'secret', 'README.md')}"\ndependencies = ["mcp"]\n\n[project.scripts]\ndemo = "demo.server:main"\n`,
      'server.json': '{"name":"io.github.o/demo","version":"1.0.0","packages":[{"registryType":"pypi","identifier":"demo","version":"1.0.0"}]}\n',
      'package.json': '{"name":"demo","bin":"../secret/server.js","dependencies":{"@modelcontextprotocol/sdk":"1"}}\n',
    });
    // The package's server module is a link out of the project.
    mkdirSync(repo.path('demo'));
    symlinkSync(path.join(outside, 'secret', 'server.py'), repo.path('demo/server.py'));
    const absolute = run(['check', '--format', 'json'], repo.dir);
    const ids = JSON.parse(absolute.stdout).diagnostics.map((d: { rule: string; messageId: string }) => `${d.rule}/${d.messageId}`);
    expect(ids).toContain('mcp-registry-name/missingInReadme');
    expect(ids.filter((id: string) => id.startsWith('mcp-server-version'))).toEqual([]);
    // A relative path out of the project, and a README that is a link out of it.
    repo.write('pyproject.toml', repo.read('pyproject.toml').replace(/readme = ".*"/, 'readme = "../secret/README.md"'));
    expect(JSON.parse(run(['check', '--format', 'json'], repo.dir).stdout).diagnostics.map((d: { messageId: string }) => d.messageId)).toContain(
      'missingInReadme',
    );
    symlinkSync(path.join(outside, 'secret', 'README.md'), repo.path('README.md'));
    repo.write('pyproject.toml', repo.read('pyproject.toml').replace(/readme = ".*"/, 'readme = "README.md"'));
    const linked = JSON.parse(run(['check', '--format', 'json'], repo.dir).stdout);
    expect(linked.diagnostics.map((d: { rule: string }) => d.rule)).not.toContain('mcp-server-version');
    expect(linked.diagnostics.filter((d: { rule: string }) => d.rule === 'mcp-registry-name').map((d: { messageId: string }) => d.messageId)).toEqual([
      'missingInReadme',
    ]);
  });
});
