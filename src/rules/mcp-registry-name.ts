// The MCP Registry checks who owns a package by its name in the package itself: PyPI's long
// description must hold `mcp-name: <name>` (read from the published release, which cannot be edited),
// npm's package.json `mcpName` must equal it. server.json's `name` is that name.
import { lineIndex } from '../core/text.js';
import { visitJson } from '../formats/json.js';
import { isOwnPackage, readServerJson } from '../mcp/server-json.js';
import { distributionIn } from '../core/names.js';
import { readTomlTree } from '../sources/toml.js';
import { defineRule, type Report } from './types.js';

type Id = 'missingInReadme' | 'otherInReadme' | 'noReadme' | 'npmMismatch' | 'npmMissing';

const SERVER_JSON = 'server.json';
type Tree = Record<string, unknown>;
const obj = (v: unknown): Tree => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Tree) : {});

/** The README [project] readme names (a path, or a table's file), or its inline text. */
export function readmeOf(pyproject: string | undefined): { file: string } | { text: string } | undefined {
  const readme = obj(readTomlTree(pyproject ?? '')?.project).readme;
  if (typeof readme === 'string') return { file: readme };
  const table = obj(readme);
  if (typeof table.file === 'string') return { file: table.file };
  if (typeof table.text === 'string') return { text: table.text };
  return undefined;
}

/** package.json's name and mcpName, with where mcpName's value is. */
function npmFacts(text: string): { name?: string; mcpName?: { value: string; offset: number } } {
  const out: { name?: string; mcpName?: { value: string; offset: number } } = {};
  visitJson(text, {
    value: (path, start, _end, value) => {
      if (path.length !== 1 || value === undefined) return;
      if (path[0] === 'name') out.name ??= value;
      if (path[0] === 'mcpName') out.mcpName ??= { value, offset: start + 1 };
    },
  });
  return out;
}

const safe = (file: string) => !file.startsWith('/') && !file.split(/[\\/]/).includes('..');

export const mcpRegistryName = defineRule({
  meta: {
    id: 'mcp-registry-name',
    description: "server.json's name appears as `mcp-name: <name>` in the README that becomes the PyPI description, and as package.json's mcpName.",
    defaultSeverity: 'error',
    messages: {
      missingInReadme:
        '{readme} (the long description: [project] readme) has no line "mcp-name: {name}": the MCP Registry verifies the PyPI package by it in the published release, which cannot be edited afterwards; add it (inside an HTML comment if it should not show)',
      otherInReadme: '{readme} says mcp-name: {found} but server.json names {name}; the MCP Registry will refuse the package',
      noReadme:
        'server.json lists {distribution} on PyPI but pyproject.toml names no readme: the long description cannot hold "mcp-name: {name}", by which the MCP Registry verifies the package',
      npmMismatch: 'package.json mcpName is {found} but server.json names {name}; the MCP Registry will refuse the npm package',
      npmMissing: 'server.json lists the npm package {npm} but its package.json has no "mcpName": "{name}", by which the MCP Registry verifies it',
    },
    options: {},
    discover: (read) => {
      if (read(SERVER_JSON) === undefined) return [SERVER_JSON];
      const readme = readmeOf(read('pyproject.toml'));
      return [SERVER_JSON, 'package.json', ...(readme && 'file' in readme && safe(readme.file) ? [readme.file] : [])];
    },
  },
  check: ({ read, distribution }): Report<Id>[] => {
    const text = (file: string) => {
      const t = read(file);
      return 'text' in t ? t.text : undefined;
    };
    const serverText = text(SERVER_JSON);
    const server = serverText === undefined ? undefined : readServerJson(serverText);
    if (!server || 'error' in server || !server.name) return [];
    const name = server.name.value;
    const nameAt = lineIndex(serverText!)(server.name.start);
    const reports: Report<Id>[] = [];
    const pyproject = text('pyproject.toml');
    const dist = distribution ?? distributionIn(readTomlTree(pyproject ?? ''));
    const pkgText = text('package.json');
    const npm = pkgText === undefined ? undefined : npmFacts(pkgText);
    if (server.packages.some((p) => p.registryType === 'pypi' && isOwnPackage(p, { pypi: dist }))) {
      const readme = readmeOf(pyproject);
      // A README outside the project (or a link out of it) is never read: it counts as one without the line.
      const body = readme === undefined ? undefined : 'text' in readme ? readme.text : safe(readme.file) ? text(readme.file) : undefined;
      const shown = readme && 'file' in readme ? readme.file : '[project] readme';
      if (readme === undefined) reports.push({ messageId: 'noReadme', data: { name, distribution: dist ?? '' }, file: SERVER_JSON, ...nameAt });
      else {
        const lines = [...(body ?? '').matchAll(/mcp-name:\s*([^\s>]+)/g)];
        const found = lines.find((m) => m[1] === name);
        if (!found && lines.length) {
          const at = lineIndex(body ?? '')(lines[0]!.index!);
          reports.push({
            messageId: 'otherInReadme',
            data: { name, found: lines[0]![1]!, readme: shown },
            ...('file' in readme! ? { file: readme.file, ...at } : {}),
          });
        } else if (!found) reports.push({ messageId: 'missingInReadme', data: { name, readme: shown }, file: SERVER_JSON, ...nameAt });
      }
    }
    if (npm?.mcpName && npm.mcpName.value !== name)
      reports.push({ messageId: 'npmMismatch', data: { name, found: npm.mcpName.value }, file: 'package.json', ...lineIndex(pkgText!)(npm.mcpName.offset) });
    else if (npm && !npm.mcpName && server.packages.some((p) => p.registryType === 'npm' && isOwnPackage(p, { npm: npm.name })))
      reports.push({ messageId: 'npmMissing', data: { name, npm: npm.name ?? '' }, file: 'package.json' });
    return reports;
  },
});
