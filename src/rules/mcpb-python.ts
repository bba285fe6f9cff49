// An MCP bundle's manifest says which Python a host may run it on (compatibility.runtimes.python);
// a bundle that admits a Python the package's requires-python refuses breaks on that host.
import { lineIndex } from '../core/text.js';
import { visitJson } from '../formats/json.js';
import { isMcpbManifest, MCPB_MANIFEST } from '../mcp/manifests.js';
import { readTomlTree } from '../sources/toml.js';
import { defineRule, type Report } from './types.js';

/** The lowest Python a range admits, as [major, minor, patch], from its >=, >, ~= and == clauses; undefined when it has none. */
export function lowestPython(range: string): number[] | undefined {
  let lowest: number[] | undefined;
  for (const clause of range.split(',')) {
    const m = /^\s*(>=|>|~=|==|\^)\s*v?(\d+(?:\.\d+)*)(\.\*)?\s*$/.exec(clause);
    if (!m) continue;
    const parts = m[2]!.split('.').map(Number);
    // >3.9 admits 3.9.1: the next patch is the least it admits.
    const least = m[1] === '>' ? [parts[0]!, parts[1] ?? 0, (parts[2] ?? 0) + 1] : [parts[0]!, parts[1] ?? 0, parts[2] ?? 0];
    if (!lowest || compare(least, lowest) > 0) lowest = least;
  }
  return lowest;
}

const compare = (a: number[], b: number[]) => a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!;
const shown = (v: number[]) => (v[2] ? v.join('.') : `${v[0]}.${v[1]}`);

export const mcpbPython = defineRule({
  meta: {
    id: 'mcpb-python',
    description: "An MCP bundle's compatibility.runtimes.python admits no Python that requires-python refuses.",
    defaultSeverity: 'error',
    messages: {
      admitsOlder:
        '{file} admits Python {range} but requires-python is {requires}: a host may run the bundle on Python {lowest}, which the package refuses; raise it to {required}',
    },
    options: {},
    discover: () => [MCPB_MANIFEST],
  },
  check: ({ read }): Report<'admitsOlder'>[] => {
    const manifest = read(MCPB_MANIFEST);
    const pyproject = read('pyproject.toml');
    if (!('text' in manifest) || !('text' in pyproject) || !isMcpbManifest(manifest.text)) return [];
    const requires = (readTomlTree(pyproject.text)?.project as Record<string, unknown> | undefined)?.['requires-python'];
    if (typeof requires !== 'string') return [];
    let range: { value: string; offset: number } | undefined;
    visitJson(manifest.text, {
      value: (path, start, _end, value) => {
        if (value !== undefined && path.join('.') === 'compatibility.runtimes.python') range ??= { value, offset: start + 1 };
      },
    });
    if (!range) return [];
    const admitted = lowestPython(range.value);
    const required = lowestPython(requires);
    if (!required || (admitted && compare(admitted, required) >= 0)) return [];
    return [
      {
        messageId: 'admitsOlder',
        data: { file: MCPB_MANIFEST, range: range.value, requires, lowest: admitted ? shown(admitted) : 'any', required: `>=${shown(required)}` },
        file: MCPB_MANIFEST,
        ...lineIndex(manifest.text)(range.offset),
      },
    ];
  },
});
