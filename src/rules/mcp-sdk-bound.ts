// An MCP SDK's next major removed API a server may use: mcp 2 the low-level server's decorators
// (@server.list_tools(), …) and mcp.server.fastmcp; fastmcp 4 FastMCP(…) arguments such as host= and
// ctx.elicit() without a response_type. A project that uses them and lets pip pick any release cannot
// start after a fresh install once that major is the newest: its dependency must stop below it.
import { lineIndex } from '../core/text.js';
import { normalizeDistribution } from '../core/names.js';
import { pyprojectPins } from '../core/pins.js';
import { serverCodeFiles } from '../mcp/code-files.js';
import { admitsMajor, lowestMajor } from '../mcp/major-bound.js';
import { type PythonMcpModule, readPythonMcp } from '../mcp/python-servers.js';
import { defineRule, type Report } from './types.js';

/** Each SDK, the major that removed API, and the uses of that API the code reader finds (verified against mcp 2.x and fastmcp 4.0.10). */
const SDKS: { sdk: string; major: number; uses: (m: PythonMcpModule) => PythonMcpModule['removedInMcp2'] }[] = [
  { sdk: 'mcp', major: 2, uses: (m) => m.removedInMcp2 },
  { sdk: 'fastmcp', major: 4, uses: (m) => m.removedInFastmcp4 },
];

export const mcpSdkBound = defineRule({
  meta: {
    id: 'mcp-sdk-bound',
    description: 'A dependency on an MCP SDK (mcp, fastmcp) stops below the next major while the code uses API that major removed.',
    defaultSeverity: 'warn',
    messages: {
      unbounded:
        '{requirement} allows {sdk} {major}, which {what} ({file}:{line}): after a fresh install the server cannot start; bound it below the next major ({bounded}) or move to the {major}.x API',
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
    const pins = pyprojectPins(pyproject);
    const modules = serverCodeFiles(text).flatMap((file) => {
      const t = file.endsWith('.py') ? text(file) : undefined;
      return t === undefined ? [] : [{ file, at: lineIndex(t), module: readPythonMcp(t) }];
    });
    const reports: Report<'unbounded'>[] = [];
    for (const { sdk, major, uses } of SDKS) {
      const open = pins.filter((p) => normalizeDistribution(p.name) === sdk && admitsMajor(p.specifier, p.syntax, major));
      // A project that asks for that major already is not saved by a bound: its code is simply out of date.
      const below = open.filter((p) => (lowestMajor(p.specifier, p.syntax) ?? 0) < major);
      if (below.length === 0) continue;
      const first = modules.flatMap(({ file, at, module }) => uses(module).map((u) => ({ what: u.what, file, line: at(u.offset).line })))[0];
      if (!first) continue;
      for (const pin of below) {
        const low = lowestMajor(pin.specifier, pin.syntax);
        const bounded = `${pin.name}${pin.specifier ? `${pin.specifier},` : ''}<${low === undefined ? major : low + 1}`;
        reports.push({
          messageId: 'unbounded',
          data: { requirement: `${pin.name}${pin.specifier}`, sdk, major: String(major), what: first.what, file: first.file, line: first.line, bounded },
          file: pin.file,
          line: pin.line,
          column: pin.column,
        });
      }
    }
    return reports;
  },
});
