// Where an MCP server's version is written besides the package: which files are MCP bundle (MCPB,
// formerly DXT) manifests and plugin manifests, and the sources zero configuration and init take
// for them. Pure: reads project files through `read`.
import { type JsonPath, visitJson } from '../formats/json.js';

type ReadFile = (file: string) => string | undefined;

/** A plugin manifest with a top-level version: Claude Code, Codex and Gemini CLI extensions. */
export const PLUGIN_MANIFESTS = ['.claude-plugin/plugin.json', '.codex-plugin/plugin.json', 'gemini-extension.json'];
export const MARKETPLACE = '.claude-plugin/marketplace.json';
export const SERVER_JSON = 'server.json';
export const MCPB_MANIFEST = 'manifest.json';

/** The string values at top-level keys and, for a marketplace, each plugin's name and version. */
function strings(text: string, wanted: (path: JsonPath) => boolean): Map<string, string> {
  const found = new Map<string, string>();
  visitJson(text, {
    value: (path, _start, _end, value) => {
      const id = path.join('.');
      if (value !== undefined && wanted(path) && !found.has(id)) found.set(id, value);
    },
  });
  return found;
}

/** An MCPB manifest says which spec it follows: `manifest_version` (MCPB), `dxt_version` (DXT, before the rename). */
export function isMcpbManifest(text: string): boolean {
  const top = strings(text, (p) => p.length === 1);
  return top.has('manifest_version') || top.has('dxt_version');
}

/** A json source for each plugin manifest that states a version; the marketplace's entry for this plugin. */
export function pluginSources(read: ReadFile, distribution?: string): { file: string; key: string; value: string }[] {
  const out: { file: string; key: string; value: string }[] = [];
  let pluginName: string | undefined;
  for (const file of PLUGIN_MANIFESTS) {
    const text = read(file);
    if (text === undefined) continue;
    const top = strings(text, (p) => p.length === 1);
    if (file === PLUGIN_MANIFESTS[0]) pluginName = top.get('name');
    const value = top.get('version');
    if (value !== undefined) out.push({ file, key: 'version', value });
  }
  const market = read(MARKETPLACE);
  if (market !== undefined) {
    const entries = strings(market, (p) => p.length === 3 && p[0] === 'plugins' && (p[2] === 'name' || p[2] === 'version'));
    const plugins = [...entries.keys()]
      .filter((k) => k.endsWith('.name'))
      .map((k) => ({ name: entries.get(k)!, version: entries.get(k.replace(/name$/, 'version')) }));
    const withVersion = plugins.filter((p) => p.version !== undefined);
    // This project's entry: the plugin.json's name, else the distribution's, else the only one with a version.
    const own =
      withVersion.find((p) => p.name === pluginName) ??
      withVersion.find((p) => distribution !== undefined && p.name === distribution) ??
      (withVersion.length === 1 && plugins.length === 1 ? withVersion[0] : undefined);
    const unique = own && plugins.filter((p) => p.name === own.name).length === 1;
    if (own && unique) out.push({ file: MARKETPLACE, key: `plugins[name=${quoted(own.name)}].version`, value: own.version! });
  }
  return out;
}

/** A selector value, quoted when it holds a character of the key path syntax. */
const quoted = (value: string) => (/^[^.[\]="\\]+$/.test(value) ? value : JSON.stringify(value));

/** Zero configuration: every MCP file that exists, as sources (server.json, an MCPB manifest, plugin manifests with a version). */
export function mcpSources(
  read: ReadFile,
  distribution?: string,
): ({ file: string; type: 'server-json' } | { file: string; type: 'mcpb' } | { file: string; type: 'json'; key: string })[] {
  const manifest = read(MCPB_MANIFEST);
  return [
    ...(read(SERVER_JSON) !== undefined ? [{ file: SERVER_JSON, type: 'server-json' as const }] : []),
    ...(manifest !== undefined && isMcpbManifest(manifest) ? [{ file: MCPB_MANIFEST, type: 'mcpb' as const }] : []),
    ...pluginSources(read, distribution).map(({ file, key }) => ({ file, type: 'json' as const, key })),
  ];
}
