// An MCP server's registry entry, bundle and plugin manifests end to end, with zero configuration:
// checked, listed by show --json, kept at the last release between releases, and bumped byte-exact.
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.js';
import { cleanupTempDirs, tempRepo } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

const PYPROJECT = (v: string) => `[project]\nname = "heimdall-mcp"\nversion = "${v}"\nreadme = "README.md"\n`;
// camelCase (the schema since 2025-09-16), with an entry of another distribution and an mcpb bundle, which are left alone.
const SERVER_CAMEL = (v: string) => `{
  "$schema": "https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json",
  "name": "io.github.heimdall/heimdall-mcp",
  "description": "Cognitive memory for assistants",
  "version": "${v}",
  "packages": [
    {
      "registryType": "pypi",
      "identifier": "heimdall-mcp",
      "version": "${v}",
      "transport": { "type": "stdio" }
    },
    { "registryType": "pypi", "identifier": "heimdall-mcp-server", "version": "0.1.0" },
    { "registryType": "oci", "identifier": "ghcr.io/heimdall/heimdall-mcp:v${v}" },
    { "registryType": "mcpb", "identifier": "https://example.org/download/v0.3.7/heimdall.mcpb", "version": "0.3.7", "fileSha256": "fe33" }
  ]
}
`;
// snake_case (the 2025-07-09 schema), tabs and CRLF.
const SERVER_SNAKE = (v: string) =>
  `{\r\n\t"name": "io.github.heimdall/heimdall-mcp",\r\n\t"version": "${v}",\r\n\t"packages": [{"registry_type": "pypi", "identifier": "Heimdall_MCP", "version": "${v}", "runtime_hint": "uvx"}]\r\n}\r\n`;
const MANIFEST = (v: string, copy = v) => `{
  "dxt_version": "0.1",
  "name": "heimdall",
  "version": "${v}",
  "server": { "type": "python", "entry_point": "server/main.py", "mcp_config": { "command": "python3", "args": ["server/main.py"] } },
  "_meta": {
    "com.microsoft.windows": { "static_responses": { "initialize": { "serverInfo": { "name": "heimdall", "version": "${copy}" } } } }
  }
}
`;
const PLUGIN = (v: string) => `{ "name": "heimdall", "version": "${v}", "description": "memory" }\n`;
const MARKET = (v: string) =>
  `{\n  "name": "tools",\n  "plugins": [\n    { "name": "other", "version": "9.9.9" },\n    { "name": "heimdall", "source": "./", "version": "${v}" }\n  ]\n}\n`;

// Development versions (0.4.0.dev0) need the pep440 policy, so these projects carry a configuration: the sources init writes.
const PEP440 = JSON.stringify({
  sources: [
    { file: 'pyproject.toml', type: 'toml', key: 'project.version', primary: true },
    { file: 'server.json', type: 'server-json' },
    { file: 'manifest.json', type: 'mcpb' },
    { file: '.claude-plugin/plugin.json', type: 'json', key: 'version' },
    { file: 'gemini-extension.json', type: 'json', key: 'version' },
    { file: '.claude-plugin/marketplace.json', type: 'json', key: 'plugins[name=heimdall].version' },
  ],
  versioning: 'pep440',
});

const project = (v: string, server = SERVER_CAMEL) =>
  tempRepo({
    'pyproject.toml': PYPROJECT(v),
    'README.md': '# heimdall-mcp\n\nmcp-name: io.github.heimdall/heimdall-mcp\n',
    'server.json': server(v),
    'manifest.json': MANIFEST(v),
    '.claude-plugin/plugin.json': PLUGIN(v),
    '.claude-plugin/marketplace.json': MARKET(v),
    'gemini-extension.json': PLUGIN(v),
  });

describe('MCP files with zero configuration', () => {
  it('show --json lists every file and each field server.json and the bundle state', () => {
    const repo = project('0.3.7');
    const res = run(['show', '--json'], repo.dir);
    expect(res.code).toBe(0);
    const sources = JSON.parse(res.stdout).sources as { file: string; version: string; fields?: { label: string; version: string; line: number }[] }[];
    expect(sources.map((s) => s.file)).toEqual([
      'pyproject.toml',
      'server.json',
      'manifest.json',
      '.claude-plugin/plugin.json',
      'gemini-extension.json',
      '.claude-plugin/marketplace.json',
    ]);
    expect(sources[1]!.fields).toEqual([
      { label: 'version', version: '0.3.7', line: 5, column: 15 },
      { label: 'packages[0].version (pypi heimdall-mcp)', version: '0.3.7', line: 10, column: 19 },
      { label: "packages[2].identifier's image tag", version: '0.3.7', line: 14, column: 76 },
    ]);
    expect(sources[2]!.fields!.map((f) => f.label)).toEqual(['version', '_meta."com.microsoft.windows".static_responses.initialize.serverInfo.version']);
    expect(run(['check'], repo.dir).code).toBe(0);
  });

  it('reports a stale static serverInfo copy and a marketplace entry behind, each at its place', () => {
    const repo = project('0.3.7');
    repo.write('manifest.json', MANIFEST('0.3.7', '0.3.6')).write('.claude-plugin/marketplace.json', MARKET('0.3.6'));
    const res = run(['check'], repo.dir);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain(
      'manifest.json:7:118  error  _meta."com.microsoft.windows".static_responses.initialize.serverInfo.version is 0.3.6 but pyproject.toml says 0.3.7  version-mismatch',
    );
    expect(res.stdout).toContain(
      '.claude-plugin/marketplace.json:5:55  error  plugins[name=heimdall].version is 0.3.6 but pyproject.toml says 0.3.7  version-mismatch',
    );
  });

  it('bumps every field byte-exact; between releases server.json keeps naming the last release, and a release writes it', () => {
    const repo = project('0.3.7').write('.heimdallrc.json', PEP440).commit('0.3.7').tag('v0.3.7');
    const before = (file: string) => repo.read(file);
    const server = before('server.json');
    expect(run(['bump', '0.4.0.dev0'], repo.dir).code).toBe(0);
    expect(repo.read('server.json')).toBe(server);
    expect(repo.read('manifest.json')).toBe(MANIFEST('0.4.0-dev.0'));
    expect(repo.read('.claude-plugin/marketplace.json')).toBe(MARKET('0.4.0-dev.0'));
    expect(repo.read('gemini-extension.json')).toBe(PLUGIN('0.4.0-dev.0'));
    const between = run(['check'], repo.dir);
    expect(between.stdout).not.toContain('error');
    expect(between.code).toBe(0);
    repo.commit('dev');
    expect(run(['bump', '0.4.0'], repo.dir).code).toBe(0);
    // Every byte but the versions of this distribution: the other distribution's entry and the bundle's URL stay.
    expect(repo.read('server.json')).toBe(SERVER_CAMEL('0.4.0').replace('"0.1.0"', '"0.1.0"'));
    expect(repo.read('pyproject.toml')).toBe(PYPROJECT('0.4.0'));
    expect(repo.read('manifest.json')).toBe(MANIFEST('0.4.0'));
    expect(repo.read('.claude-plugin/plugin.json')).toBe(PLUGIN('0.4.0'));
    expect(run(['check'], repo.dir).code).toBe(0);
  });

  it('bumps a snake_case server.json with tabs and CRLF in its own spelling', () => {
    const repo = project('0.3.7', SERVER_SNAKE).commit('0.3.7');
    expect(run(['bump', 'patch'], repo.dir).code).toBe(0);
    expect(repo.bytes('server.json').equals(Buffer.from(SERVER_SNAKE('0.3.8')))).toBe(true);
  });

  it('at a release tag a server.json behind is an error; between releases naming an older release than the newest tag is too', () => {
    const repo = project('0.3.7');
    repo.write('server.json', SERVER_CAMEL('0.3.6')).write('.heimdallrc.json', PEP440).commit('0.3.7').tag('v0.3.7');
    const at = run(['check'], repo.dir);
    expect(at.code).toBe(1);
    expect(at.stdout).toContain('server.json:5:15  error  version is 0.3.6 but pyproject.toml says 0.3.7  version-mismatch');
    expect(at.stdout).toContain('server.json:10:19  error  packages[0].version (pypi heimdall-mcp) is 0.3.6 but pyproject.toml says 0.3.7  version-mismatch');
    repo.write('pyproject.toml', PYPROJECT('0.4.0.dev0')).commit('dev');
    const between = run(['check', '--format', 'json'], repo.dir);
    expect(between.code).toBe(1);
    const found = JSON.parse(between.stdout).diagnostics.filter((d: { file: string }) => d.file === 'server.json');
    expect(found.map((d: { messageId: string; line: number }) => [d.messageId, d.line])).toEqual([
      ['notNewestRelease', 5],
      ['notNewestRelease', 10],
      ['notNewestRelease', 14],
    ]);
  });

  it('check --fix leaves server.json at the last release between releases, and sets it at a release', () => {
    const repo = project('0.3.7').write('.heimdallrc.json', PEP440).commit('0.3.7').tag('v0.3.7');
    repo.write('pyproject.toml', PYPROJECT('0.4.0.dev0')).write('gemini-extension.json', PLUGIN('0.3.7')).commit('dev');
    expect(run(['check', '--fix'], repo.dir).code).toBe(0);
    expect(repo.read('server.json')).toBe(SERVER_CAMEL('0.3.7'));
    expect(repo.read('gemini-extension.json')).toBe(PLUGIN('0.4.0-dev.0'));
    repo.write('pyproject.toml', PYPROJECT('0.4.0')).commit('release');
    expect(run(['check', '--fix'], repo.dir).code).toBe(0);
    expect(repo.read('server.json')).toBe(SERVER_CAMEL('0.4.0'));
  });

  it('init proposes them and the configuration it writes checks the same', () => {
    const repo = project('0.3.7');
    const res = run(['init'], repo.dir);
    expect(res.code).toBe(0);
    // Each is named for what it is, not as the runtime copy.
    expect(res.stdout).toContain("server.json version: 0.3.7 (the MCP Registry's entry)");
    expect(res.stdout).toMatch(/manifest\.json .*\(the MCP bundle's manifest\)/);
    expect(res.stdout).toContain('.claude-plugin/marketplace.json plugins[name=heimdall].version: 0.3.7 (a plugin manifest)');
    expect(res.stdout).not.toContain('runtime copy');
    const config = JSON.parse(repo.read('.heimdallrc.json'));
    expect(config.sources).toEqual([
      { file: 'pyproject.toml', type: 'toml', key: 'project.version', primary: true },
      { file: 'server.json', type: 'server-json' },
      { file: 'manifest.json', type: 'mcpb' },
      { file: '.claude-plugin/plugin.json', type: 'json', key: 'version' },
      { file: 'gemini-extension.json', type: 'json', key: 'version' },
      { file: '.claude-plugin/marketplace.json', type: 'json', key: 'plugins[name=heimdall].version' },
    ]);
    expect(run(['check'], repo.dir).code).toBe(0);
  });
});
