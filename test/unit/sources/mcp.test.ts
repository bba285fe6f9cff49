// The MCP source kinds over text in memory: server.json (which fields, both spellings), MCPB manifests,
// and which MCP files zero configuration and init take.
import { describe, expect, it } from 'vitest';
import { isMcpbManifest, mcpSources, pluginSources } from '../../../src/mcp/manifests.js';
import { locateMcpbVersion } from '../../../src/sources/mcpb.js';
import { locateServerJsonVersion } from '../../../src/sources/server-json.js';
import type { Located } from '../../../src/sources/types.js';

const fields = (text: string, located: Located) => located.hits.map((h) => [h.label, text.slice(h.start, h.end)]);

const CAMEL = `{
  "name": "io.github.o/heimdall-mcp",
  "version": "0.3.7",
  "packages": [
    { "registryType": "pypi", "identifier": "heimdall_mcp", "version": "0.3.7" },
    { "registryType": "pypi", "identifier": "heimdall-mcp-server", "version": "0.1.0" },
    { "registryType": "npm", "identifier": "@o/heimdall-mcp", "version": "0.3.7" },
    { "registryType": "oci", "identifier": "ghcr.io/o/heimdall-mcp:v0.3.7" }
  ]
}
`;
const SNAKE = CAMEL.replace(/registryType/g, 'registry_type');

describe('server-json', () => {
  it.each([
    ['camelCase', CAMEL],
    ['snake_case', SNAKE],
  ])('reads the top-level version and the entries of this distribution (%s)', (_, text) => {
    expect(fields(text, locateServerJsonVersion(text, {}, { distribution: 'Heimdall-MCP' }))).toEqual([
      ['version', '0.3.7'],
      ['packages[0].version (pypi heimdall_mcp)', '0.3.7'],
      ["packages[3].identifier's image tag", '0.3.7'],
    ]);
  });

  it("takes the npm entry by package.json's name", () => {
    expect(fields(CAMEL, locateServerJsonVersion(CAMEL, {}, { npmName: '@o/heimdall-mcp' })).map(([label]) => label)).toEqual([
      'version',
      'packages[2].version (npm @o/heimdall-mcp)',
      "packages[3].identifier's image tag",
    ]);
  });

  it('with no distribution name only the top-level version', () => {
    expect(fields(CAMEL, locateServerJsonVersion(CAMEL, {}))).toEqual([['version', '0.3.7']]);
  });

  it('reports a missing version, a repeated key and malformed JSON', () => {
    expect(locateServerJsonVersion('{"name":"x"}', {}).problems).toEqual([{ kind: 'not-found', message: 'no top-level "version" key' }]);
    expect(locateServerJsonVersion('{"version":"1","version":"2"}', {}).problems[0]).toMatchObject({ kind: 'ambiguous', offset: 15 });
    expect(locateServerJsonVersion('{"version":"1",}', {}).problems[0]).toMatchObject({ kind: 'parse-error', code: 'PropertyNameExpected' });
  });
});

describe('mcpb', () => {
  const MANIFEST = `{
  "manifest_version": "0.3",
  "name": "heimdall",
  "version": "0.3.7",
  "server": { "type": "python", "entry_point": "server/main.py", "mcp_config": { "command": "python", "args": ["server/main.py"] } },
  "compatibility": { "runtimes": { "python": ">=3.10" } },
  "_meta": {
    "com.microsoft.windows": {
      "static_responses": { "initialize": { "protocolVersion": "2025-06-18", "serverInfo": { "name": "heimdall", "version": "0.3.6" } } }
    }
  }
}
`;
  it('reads the version and the static serverInfo.version copy under _meta', () => {
    expect(fields(MANIFEST, locateMcpbVersion(MANIFEST, {}))).toEqual([
      ['version', '0.3.7'],
      ['_meta."com.microsoft.windows".static_responses.initialize.serverInfo.version', '0.3.6'],
    ]);
  });

  it('knows a manifest by manifest_version or (DXT) dxt_version', () => {
    expect(isMcpbManifest(MANIFEST)).toBe(true);
    expect(isMcpbManifest('{"dxt_version":"0.1","version":"1.0.0"}')).toBe(true);
    expect(isMcpbManifest('{"name":"a web app manifest","version":"1.0.0"}')).toBe(false);
  });

  it('reports a missing version and a repeated one', () => {
    expect(locateMcpbVersion('{"manifest_version":"0.3"}', {}).problems).toEqual([{ kind: 'not-found', message: 'no top-level "version" key' }]);
    expect(locateMcpbVersion('{"version":"1","version":"2"}', {}).problems[0]).toMatchObject({ kind: 'ambiguous' });
  });
});

describe('which MCP files are sources', () => {
  const files: Record<string, string> = {
    'server.json': CAMEL,
    'manifest.json': '{"dxt_version":"0.1","version":"0.3.7"}',
    '.claude-plugin/plugin.json': '{"name":"heimdall","version":"0.3.7"}',
    '.codex-plugin/plugin.json': '{"name":"heimdall"}',
    'gemini-extension.json': '{"name":"heimdall","version":"0.3.7"}',
    '.claude-plugin/marketplace.json': '{"plugins":[{"name":"other","version":"1.0.0"},{"name":"heimdall","source":"./","version":"0.3.7"}]}',
  };
  const read = (file: string) => files[file];

  it('zero configuration takes every one that exists and states a version', () => {
    expect(mcpSources(read)).toEqual([
      { file: 'server.json', type: 'server-json' },
      { file: 'manifest.json', type: 'mcpb' },
      { file: '.claude-plugin/plugin.json', type: 'json', key: 'version' },
      { file: 'gemini-extension.json', type: 'json', key: 'version' },
      { file: '.claude-plugin/marketplace.json', type: 'json', key: 'plugins[name=heimdall].version' },
    ]);
  });

  it("finds the marketplace entry by the distribution's name, or the only plugin; never guesses among several", () => {
    const market = (json: string, dist?: string) => pluginSources((f) => (f === '.claude-plugin/marketplace.json' ? json : undefined), dist);
    expect(market('{"plugins":[{"name":"a","version":"1"},{"name":"heimdall-mcp","version":"2"}]}', 'heimdall-mcp')).toEqual([
      { file: '.claude-plugin/marketplace.json', key: 'plugins[name=heimdall-mcp].version', value: '2' },
    ]);
    expect(market('{"plugins":[{"name":"my plugin","version":"1"}]}')).toEqual([
      { file: '.claude-plugin/marketplace.json', key: 'plugins[name=my plugin].version', value: '1' },
    ]);
    expect(market('{"plugins":[{"name":"a","version":"1"},{"name":"b","version":"2"}]}')).toEqual([]);
  });

  it('a manifest.json that is no bundle manifest is not one', () => {
    expect(mcpSources((f) => (f === 'manifest.json' ? '{"name":"pwa","version":"1.0.0"}' : undefined))).toEqual([]);
  });
});
