// How the announced-version gate finds the server's command: release.mcp.command, the one
// [project.scripts] entry named like a server, or MCPB manifest.json's server.mcp_config.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mcpSettings } from '../../src/release/mcp-server.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hv-mcp-'));
  dirs.push(dir);
  for (const [file, text] of Object.entries(files)) writeFileSync(path.join(dir, file), text);
  return dir;
}

const MCP = { probe: true, timeout: 20 };
const pyproject = (scripts: string) => `[project]\nname = "demo"\nversion = "1.0.0"\n\n[project.scripts]\n${scripts}\n`;
const manifest = (config: object) =>
  JSON.stringify({ manifest_version: '0.3', name: 'demo', version: '1.0.0', server: { type: 'python', mcp_config: config } });

describe('the MCP server command', () => {
  it('a project that is no MCP server has no settings: no gate', () => {
    expect(mcpSettings(project({ 'pyproject.toml': pyproject('demo = "demo:main"') }), MCP)).toBeUndefined();
  });

  it('the single [project.scripts] entry with "mcp" in its name; the configured command wins', () => {
    const dir = project({ 'pyproject.toml': pyproject('demo = "demo:main"\ndemo-mcp = "demo.server:main"') });
    expect(mcpSettings(dir, MCP)).toMatchObject({ command: { argv: ['demo-mcp'], from: 'the [project.scripts] entry demo-mcp' }, timeoutMs: 20_000 });
    expect(mcpSettings(dir, { ...MCP, command: ['python', '-m', 'demo'] })?.command).toEqual({ argv: ['python', '-m', 'demo'], from: 'release.mcp.command' });
    expect(mcpSettings(dir, { ...MCP, probe: false })?.command).toBeUndefined();
  });

  it("MCPB manifest.json's server.mcp_config, unless it names the bundle's paths or fetches the package", () => {
    const ok = project({ 'manifest.json': manifest({ command: 'python', args: ['-m', 'demo.server'] }) });
    expect(mcpSettings(ok, MCP)?.command).toEqual({ argv: ['python', '-m', 'demo.server'], from: "manifest.json's server.mcp_config" });
    // biome-ignore lint/suspicious/noTemplateCurlyInString: MCPB's own placeholder, written as the manifest holds it
    const bundled = project({ 'manifest.json': manifest({ command: 'python', args: ['${__dirname}/server/main.py'] }) });
    expect(mcpSettings(bundled, MCP)?.command).toMatchObject({ problem: expect.stringContaining("names the bundle's own paths") });
    const fetched = project({ 'manifest.json': manifest({ command: 'uvx', args: ['demo'] }) });
    expect(mcpSettings(fetched, MCP)?.command).toMatchObject({ problem: expect.stringContaining('runs uvx, which fetches a package') });
  });

  it('server.json alone makes it an MCP server that needs its command configured; publish alone needs no probe', () => {
    const dir = project({ 'server.json': JSON.stringify({ name: 'io.github.o/demo', version: '1.0.0', packages: [] }) });
    expect(mcpSettings(dir, MCP)).toMatchObject({
      command: { problem: expect.stringContaining('set release.mcp.command') },
      serverJson: { name: { value: 'io.github.o/demo' } },
    });
    const plain = project({ 'pyproject.toml': pyproject('demo = "demo:main"') });
    expect(mcpSettings(plain, { ...MCP, publish: ['mcp-publisher', 'publish'] })).toEqual({ timeoutMs: 20_000, publish: ['mcp-publisher', 'publish'] });
  });
});
