// The MCP servers a TypeScript or JavaScript module constructs: `new McpServer({ name, version })` and
// `new Server({ name, version }, …)` of the MCP TypeScript SDK (@modelcontextprotocol/*), found with
// Babel, which is loaded only when a discovered file is a script (`loadScriptReader`).
import type { ScriptServer } from './ts-servers-babel.js';

export type { ScriptServer };

export const isScript = (file: string) => /\.(?:[cm]?[jt]s|tsx|jsx)$/.test(file);

let reader: ((text: string) => ScriptServer[]) | undefined;

/** Loads Babel (once) so that readScriptMcp can run. */
export async function loadScriptReader(): Promise<void> {
  reader ??= (await import('./ts-servers-babel.js')).findScriptServers;
}

/** The servers a script constructs; the reader must have been loaded (a rule's prepare does it). */
export function readScriptMcp(text: string): ScriptServer[] {
  if (!reader) throw new Error('the script reader was not loaded: a rule that reads scripts must load it in meta.prepare');
  return reader(text);
}
