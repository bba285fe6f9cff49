// server.json read into its model: both schema spellings, located strings, and which entries are this distribution.
import { describe, expect, it } from 'vitest';
import { imageName, isOwnPackage, packageVersion, readServerJson, type ServerJson } from '../../../src/mcp/server-json.js';

const CAMEL = `{
  "$schema": "https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json",
  "name": "io.github.heimdall/heimdall-mcp",
  "version": "0.3.7",
  "packages": [
    { "registryType": "pypi", "identifier": "Heimdall_MCP", "version": "0.3.7", "transport": { "type": "stdio" } },
    { "registryType": "npm", "identifier": "@heimdall/mcp", "version": "0.3.7" },
    { "registryType": "pypi", "identifier": "other-server", "version": "9.9.9" },
    { "registryType": "oci", "identifier": "ghcr.io/heimdall/heimdall-mcp:v0.3.7" },
    { "registryType": "mcpb", "identifier": "https://example.org/v0.3.7/heimdall.mcpb", "version": "0.3.7", "fileSha256": "ab" }
  ]
}
`;
const SNAKE = `{"name":"io.github.heimdall/heimdall-mcp","version":"0.3.6","packages":[{"registry_type":"pypi","identifier":"heimdall-mcp","version":"0.3.6","runtime_hint":"uvx"}]}`;

const model = (text: string): ServerJson => {
  const read = readServerJson(text);
  if ('error' in read) throw new Error(read.error.message);
  return read;
};
const at = (text: string, s: { start: number; end: number } | undefined) => (s ? text.slice(s.start, s.end) : undefined);

describe('readServerJson', () => {
  it('reads the camelCase schema: name, version and every package, each located', () => {
    const server = model(CAMEL);
    expect(server.spelling).toBe('camelCase');
    expect(server.name?.value).toBe('io.github.heimdall/heimdall-mcp');
    expect(at(CAMEL, server.version)).toBe('0.3.7');
    expect(server.packages.map((p) => [p.index, p.registryType, p.identifier?.value, p.version?.value])).toEqual([
      [0, 'pypi', 'Heimdall_MCP', '0.3.7'],
      [1, 'npm', '@heimdall/mcp', '0.3.7'],
      [2, 'pypi', 'other-server', '9.9.9'],
      [3, 'oci', 'ghcr.io/heimdall/heimdall-mcp:v0.3.7', undefined],
      [4, 'mcpb', 'https://example.org/v0.3.7/heimdall.mcpb', '0.3.7'],
    ]);
    expect(CAMEL[server.packages[1]!.offset]).toBe('{');
    for (const p of server.packages) if (p.version) expect(at(CAMEL, p.version)).toBe(p.version.value);
  });

  it('reads the snake_case schema of 2025-07-09 the same way', () => {
    const server = model(SNAKE);
    expect(server.spelling).toBe('snake_case');
    expect(at(SNAKE, server.version)).toBe('0.3.6');
    expect(server.packages).toHaveLength(1);
    expect(server.packages[0]).toMatchObject({ registryType: 'pypi', identifier: { value: 'heimdall-mcp' }, version: { value: '0.3.6' } });
  });

  it("takes an oci entry's version from its image tag, without the v, located inside the identifier", () => {
    const server = model(CAMEL);
    const oci = server.packages[3]!;
    expect(oci.tag?.value).toBe('0.3.7');
    expect(at(CAMEL, packageVersion(oci))).toBe('0.3.7');
    expect(CAMEL.slice(packageVersion(oci)!.start - 2, packageVersion(oci)!.end + 1)).toBe(':v0.3.7"');
  });

  it.each([
    ['localhost:5000/heimdall-mcp', undefined],
    ['ghcr.io/o/heimdall-mcp:latest', undefined],
    ['ghcr.io/o/heimdall-mcp@sha256:abcd', undefined],
    ['ghcr.io/o/heimdall-mcp:1.2.3@sha256:abcd', '1.2.3'],
    ['localhost:5000/heimdall-mcp:1.2.3', '1.2.3'],
  ])('the image %s states the version %s', (identifier, expected) => {
    const text = `{"packages":[{"registryType":"oci","identifier":"${identifier}"}]}`;
    expect(packageVersion(model(text).packages[0]!)?.value).toBe(expected);
  });

  it('reads the first drafts’ version_detail.version as the version', () => {
    expect(model('{"name":"x","version_detail":{"version":"1.0.0","release_date":"2025-06-01"}}').version?.value).toBe('1.0.0');
  });

  it('has no spelling when no spelled key appears, and no packages when there are none', () => {
    expect(model('{"name":"x","version":"1.0.0","remotes":[{"type":"sse","url":"https://x"}]}')).toEqual({
      name: { value: 'x', start: 9, end: 10 },
      version: { value: '1.0.0', start: 23, end: 28 },
      packages: [],
    });
  });

  it('names a repeated key where it reads, and only there', () => {
    expect(model('{"version":"1","version":"2"}').duplicate).toEqual({ key: 'version', offset: 15 });
    expect(model('{"packages":[{"version":"1","version":"2"}]}').duplicate).toEqual({ key: 'packages.0.version', offset: 28 });
    expect(model('{"remotes":[{"url":"a","url":"b"}],"version":"1"}').duplicate).toBeUndefined();
  });

  it('gives the syntax error of malformed JSON', () => {
    expect(readServerJson('{"version": "1",}')).toMatchObject({ error: { code: 'PropertyNameExpected', offset: 16 } });
  });

  it('takes an entry that is no object as no entry', () => {
    expect(model('{"packages":["pypi",{"registryType":"pypi","identifier":"x"}]}').packages.map((p) => p.index)).toEqual([1]);
  });
});

describe('isOwnPackage', () => {
  const server = model(CAMEL);
  const own = (pypi?: string, npm?: string) => server.packages.filter((p) => isOwnPackage(p, { pypi, npm })).map((p) => p.index);

  it('a pypi entry by the normalized distribution name, an oci image named after it; never another distribution or an mcpb bundle', () => {
    expect(own('heimdall-mcp')).toEqual([0, 3]);
  });

  it("an npm entry by package.json's name, an oci image named after it without the scope", () => {
    expect(own(undefined, '@heimdall/mcp')).toEqual([1]);
    expect(own(undefined, '@heimdall/heimdall-mcp')).toEqual([3]);
  });

  it('no name, no entry', () => expect(own()).toEqual([]));

  it('names the image of an oci reference', () => {
    expect(imageName('ghcr.io/o/heimdall-mcp:1.2.3@sha256:ab')).toBe('heimdall-mcp');
    expect(imageName('heimdall-mcp')).toBe('heimdall-mcp');
  });
});
