// mcp 2 removed the low-level server's decorators (@server.list_tools(), …) and mcp.server.fastmcp
// (now mcp.server.mcpserver.MCPServer): a project that uses them and lets pip pick any mcp cannot
// start after a fresh install once mcp 2 is the newest. Its dependency must stop below 2.
import { lineIndex } from '../core/text.js';
import { normalizeDistribution } from '../core/names.js';
import { pyprojectPins } from '../core/pins.js';
import { serverCodeFiles } from '../mcp/code-files.js';
import { readPythonMcp } from '../mcp/python-servers.js';
import { defineRule, type Report } from './types.js';

/** Whether a PEP 440 specifier keeps below the next major: <, <=, ==/=== (without a wildcard above the major), ~=. */
export function boundsMajor(specifier: string): boolean {
  return specifier
    .split(',')
    .map((c) => c.trim())
    .some((c) => /^(?:<|<=|===?|~=)\s*\d/.test(c) && !/^===?\s*\d+\.\*$/.test(c.replace(/\s+/g, '')) && !/^===?\s*\*/.test(c));
}

export const mcpSdkBound = defineRule({
  meta: {
    id: 'mcp-sdk-bound',
    description: 'A dependency on the mcp SDK stops below the next major while the code uses API that major removed.',
    defaultSeverity: 'warn',
    messages: {
      unbounded:
        '{requirement} allows mcp 2, which removed {what} ({file}:{line}): after a fresh install the server cannot start; bound it below 2 (mcp>=1.9,<2) or move to the 2.x API',
    },
    options: {},
    discover: serverCodeFiles,
  },
  check: ({ read }): Report<'unbounded'>[] => {
    const text = (file: string) => {
      const t = read(file);
      return 'text' in t ? t.text : undefined;
    };
    const pyproject = text('pyproject.toml');
    if (pyproject === undefined) return [];
    const pins = pyprojectPins(pyproject).filter((p) => normalizeDistribution(p.name) === 'mcp' && !boundsMajor(p.specifier));
    if (pins.length === 0) return [];
    const uses = serverCodeFiles(text).flatMap((file) => {
      const t = file.endsWith('.py') ? text(file) : undefined;
      return t === undefined ? [] : readPythonMcp(t).removedInMcp2.map((u) => ({ ...u, file, line: lineIndex(t)(u.offset).line }));
    });
    const first = uses[0];
    if (!first) return [];
    return pins.map((pin) => ({
      messageId: 'unbounded' as const,
      data: { requirement: `${pin.name}${pin.specifier}`, what: first.what, file: first.file, line: first.line },
      file: pin.file,
      line: pin.line,
      column: pin.column,
    }));
  },
});
