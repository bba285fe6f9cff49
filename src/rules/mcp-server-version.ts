// What an MCP server announces in the handshake (initialize → serverInfo.version; server/discover in
// the 2026-07-28 protocol) is what its clients see, never pyproject.toml: each construction of a
// server in the package's code must be given the package's version.
import { lineIndex } from '../core/text.js';
import { normalizeDistribution } from '../core/names.js';
import { serverCodeFiles } from '../mcp/code-files.js';
import { type GivenVersion, readPythonMcp, type ServerClass } from '../mcp/python-servers.js';
import { isScript, loadScriptReader, readScriptMcp } from '../mcp/ts-servers.js';
import { sameVersion } from '../version/same.js';
import { defineRule, type Report } from './types.js';

type Id = 'noVersion' | 'sdk1FastMcp' | 'literal' | 'otherDistribution' | 'fromPyproject';

const FIX = 'pass version=importlib.metadata.version("{distribution}")';
/** What a server given no version announces instead. */
const ANNOUNCES: Record<ServerClass | 'script', string> = {
  lowlevel: 'the mcp SDK\'s own version (SDK 1.x) or "" (SDK 2.x)',
  'sdk1-fastmcp': "the mcp SDK's own version",
  mcpserver: '""',
  fastmcp: "fastmcp's own version",
  script: 'no version at all',
};

export const mcpServerVersion = defineRule({
  meta: {
    id: 'mcp-server-version',
    description: "Every MCP server the package's code constructs announces the package's version in the handshake.",
    defaultSeverity: 'error',
    messages: {
      noVersion: `{callee}(…) is given no version: the handshake announces {announces} instead of {version}; ${FIX}`,
      sdk1FastMcp:
        '{callee}(…) (mcp SDK 1.x FastMCP) takes no version: the handshake announces the mcp SDK\'s own version instead of {version}; after constructing it set <server>._mcp_server.version = importlib.metadata.version("{distribution}"), or move to SDK 2\'s MCPServer(version=…)',
      literal: `{callee}(…) announces the literal {found} but {primaryFile} says {version}; ${FIX}`,
      otherDistribution: `{callee}(…) announces importlib.metadata.version("{lookup}"), which names another distribution than {distribution}: installed, it raises or names another package's version; ${FIX}`,
      fromPyproject: `{callee}(…) takes its version from pyproject.toml at run time, which an installed wheel does not have (the server then announces a fallback or fails); ${FIX}`,
    },
    options: {},
    discover: serverCodeFiles,
    prepare: async (files) => {
      if (files.some(isScript)) await loadScriptReader();
    },
  },
  check: (context): Report<Id>[] => {
    const { primary, version, scheme, read } = context;
    if (version === undefined) return [];
    const distribution = context.distribution ?? context.name;
    const texts = (file: string) => {
      const t = read(file);
      return 'text' in t ? t.text : undefined;
    };
    const reports: Report<Id>[] = [];
    for (const file of serverCodeFiles(texts)) {
      const text = texts(file);
      if (text === undefined) continue;
      const at = lineIndex(text);
      const servers = file.endsWith('.py')
        ? readPythonMcp(text).servers
        : isScript(file)
          ? readScriptMcp(text).map((s) => ({ ...s, class: 'script' as const, lowLevelVersion: undefined }))
          : [];
      for (const server of servers) {
        const data = { callee: server.callee, version, distribution, primaryFile: primary.file };
        const report = (messageId: Id, more: Record<string, string> = {}, offset = server.offset): Report<Id> => ({
          messageId,
          data: { ...data, ...more },
          file,
          ...at(offset),
        });
        const given: GivenVersion = server.class === 'sdk1-fastmcp' ? (server.lowLevelVersion ?? { kind: 'none' }) : server.version;
        if (given.kind === 'none')
          reports.push(server.class === 'sdk1-fastmcp' ? report('sdk1FastMcp') : report('noVersion', { announces: ANNOUNCES[server.class] }));
        else if (given.kind === 'literal' && !sameVersion({ scheme, value: version }, { scheme, value: given.value }))
          reports.push(report('literal', { found: given.value }, given.offset));
        else if (given.kind === 'lookup' && normalizeDistribution(given.distribution) !== normalizeDistribution(distribution))
          reports.push(report('otherDistribution', { lookup: given.distribution }, given.offset));
        else if (given.kind === 'pyproject') reports.push(report('fromPyproject'));
      }
    }
    return reports;
  },
});
