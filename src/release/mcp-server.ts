// Whether the project is an MCP server, and how to start the installed one: release.mcp.command, else
// the single [project.scripts] entry with "mcp" in its name, else MCPB manifest.json's
// server.mcp_config. Reads files only (never runs anything); what it cannot decide is said in words.
import path from 'node:path';
import type { ReleaseConfig } from '../config/types.js';
import { readRegular } from '../git/workspace.js';
import { isOwnPackage, readServerJson, type ServerJson } from '../mcp/server-json.js';
import { readTomlTree } from '../sources/toml.js';

export interface McpSettings {
  /**
   * How to start the installed server and where that came from, or why none could be chosen (the gate
   * then fails, saying so); absent when the announced-version gate does not run (release.mcp.probe: false).
   */
  command?: { argv: string[]; from: string } | { problem: string };
  timeoutMs: number;
  /** release.mcp.publish. */
  publish?: string[];
  /** server.json, when the project has one (undefined when absent or unreadable). */
  serverJson?: ServerJson;
  /**
   * The registry name the wheel's description must carry as `mcp-name: <name>` (the registry's PyPI
   * ownership check): server.json's name, when it lists this distribution as a pypi package.
   */
  registryName?: string;
}

/** Commands that fetch a package from an index instead of running what was installed. */
const FETCHERS = new Set(['uvx', 'uv', 'npx', 'pipx', 'bunx', 'docker', 'podman']);

/** The MCP settings of the project, or undefined when it is no MCP server (or the gate is off and nothing is published). */
export function mcpSettings(root: string, mcp: ReleaseConfig['mcp'], distribution?: string): McpSettings | undefined {
  const serverJson = readServerJsonAt(root);
  const scripts = scriptNames(root);
  const manifest = readJson(path.join(root, 'manifest.json'));
  const mcpb = isObj(manifest) && ('manifest_version' in manifest || 'dxt_version' in manifest) && isObj(manifest.server) ? manifest.server : undefined;
  const named = scripts.filter((s) => /mcp/i.test(s));
  const isServer = mcp.command !== undefined || named.length > 0 || mcpb !== undefined || serverJson !== undefined;
  if (!isServer && mcp.publish === undefined) return undefined;
  const listed = distribution !== undefined && serverJson?.packages.some((p) => p.registryType === 'pypi' && isOwnPackage(p, { pypi: distribution }));
  const registryName = listed ? serverJson?.name?.value : undefined;
  const base = {
    timeoutMs: mcp.timeout * 1000,
    ...(mcp.publish ? { publish: mcp.publish } : {}),
    ...(serverJson ? { serverJson } : {}),
    ...(registryName ? { registryName } : {}),
  };
  return mcp.probe && isServer ? { ...base, command: chooseCommand(mcp.command, named, mcpb) } : base;
}

function chooseCommand(configured: string[] | undefined, named: string[], mcpb: Record<string, unknown> | undefined): McpSettings['command'] {
  if (configured) return { argv: configured, from: 'release.mcp.command' };
  if (named.length === 1) return { argv: [named[0]!], from: `the [project.scripts] entry ${named[0]}` };
  const fix = 'set release.mcp.command to the server\'s argv, e.g. ["heimdall-mcp"] (or release.mcp.probe to false)';
  if (named.length > 1) return { problem: `[project.scripts] has ${named.length} entries with "mcp" in the name (${named.join(', ')}): ${fix}` };
  const config = mcpb?.mcp_config;
  if (isObj(config) && typeof config.command === 'string' && config.command !== '') {
    const args = Array.isArray(config.args) && config.args.every((a) => typeof a === 'string') ? (config.args as string[]) : [];
    const argv = [config.command, ...args];
    if (argv.some((a) => a.includes('${')))
      return { problem: `manifest.json's server.mcp_config names the bundle's own paths (\${…}), not the installed package: ${fix}` };
    if (FETCHERS.has(path.basename(config.command)))
      return { problem: `manifest.json's server.mcp_config runs ${config.command}, which fetches a package instead of running the one just built: ${fix}` };
    return { argv, from: "manifest.json's server.mcp_config" };
  }
  return { problem: `no [project.scripts] entry has "mcp" in its name and no manifest.json names the server's command: ${fix}` };
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function readText(file: string): string | undefined {
  try {
    const read = readRegular(file);
    return 'bytes' in read ? read.bytes.toString('utf8') : undefined;
  } catch {
    return undefined;
  }
}

function readJson(file: string): unknown {
  const text = readText(file);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function readServerJsonAt(root: string): ServerJson | undefined {
  const text = readText(path.join(root, 'server.json'));
  if (text === undefined) return undefined;
  const read = readServerJson(text);
  return 'error' in read ? undefined : read;
}

/** The names of [project.scripts] (console scripts the wheel installs into bin/). */
function scriptNames(root: string): string[] {
  const text = readText(path.join(root, 'pyproject.toml'));
  const tree = text === undefined ? undefined : readTomlTree(text);
  const project = tree && isObj(tree.project) ? tree.project : undefined;
  return project && isObj(project.scripts) ? Object.keys(project.scripts) : [];
}
