// The MCP servers a Python module constructs, read with the python reader (src/sources/python/):
// which SDK class is called (through the module's imports), what version it is given, and the
// API the mcp SDK's next major removed that the module uses. Pure: text in, plain data out.
import { bindings } from '../sources/python/bindings.js';
import { classify } from '../sources/python/classify.js';
import { readPython, resolveBindings } from '../sources/python/locate.js';
import type { Statement } from '../sources/python/statements.js';
import { isOp, isWord, matchingClose, topLevel, type Token } from '../sources/python/tokens.js';

/** Which constructor: the low-level server (SDK 1 and 2), SDK 1's FastMCP (no version parameter), SDK 2's MCPServer, standalone fastmcp. */
export type ServerClass = 'lowlevel' | 'sdk1-fastmcp' | 'mcpserver' | 'fastmcp';

const CLASSES: Record<string, ServerClass> = {
  'mcp.server.Server': 'lowlevel',
  'mcp.server.lowlevel.Server': 'lowlevel',
  'mcp.server.lowlevel.server.Server': 'lowlevel',
  'mcp.server.fastmcp.FastMCP': 'sdk1-fastmcp',
  'mcp.server.fastmcp.server.FastMCP': 'sdk1-fastmcp',
  'mcp.server.MCPServer': 'mcpserver',
  'mcp.server.mcpserver.MCPServer': 'mcpserver',
  'mcp.server.mcpserver.server.MCPServer': 'mcpserver',
  'fastmcp.FastMCP': 'fastmcp',
  'fastmcp.server.FastMCP': 'fastmcp',
  'fastmcp.server.server.FastMCP': 'fastmcp',
};
/** The position `version` may be passed at (SDK 1's low-level Server(name, version); SDK 2's MCPServer's seventh); others take it by keyword only. */
const POSITION: Partial<Record<ServerClass, number>> = { lowlevel: 1, mcpserver: 6 };

/** The decorators of the low-level server that mcp 2 removed (handlers are constructor arguments there). */
const REMOVED_DECORATORS = new Set([
  'list_tools',
  'call_tool',
  'list_resources',
  'list_resource_templates',
  'read_resource',
  'subscribe_resource',
  'unsubscribe_resource',
  'list_prompts',
  'get_prompt',
  'set_logging_level',
  'completion',
  'progress_notification',
]);

/**
 * FastMCP(…) arguments fastmcp 4 rejects with a TypeError ("FastMCP() no longer accepts `host`"), as
 * fastmcp 4.0.10's fastmcp/server/server.py lists them (_REMOVED_KWARGS).
 */
const REMOVED_FASTMCP_ARGUMENTS = new Set([
  'host',
  'port',
  'sse_path',
  'message_path',
  'streamable_http_path',
  'json_response',
  'stateless_http',
  'debug',
  'log_level',
  'on_duplicate_tools',
  'on_duplicate_resources',
  'on_duplicate_prompts',
  'tool_serializer',
  'include_tags',
  'exclude_tags',
  'tool_transformations',
  'sampling_handler',
  'sampling_handler_behavior',
]);

/** What a server is given as its version. */
export type GivenVersion =
  | { kind: 'none' }
  | { kind: 'literal'; value: string; offset: number }
  | { kind: 'lookup'; distribution: string; offset: number }
  /** Read from pyproject.toml when the module runs (the module names the file). */
  | { kind: 'pyproject'; offset: number }
  /** A name imported from elsewhere or an expression: not checkable here. */
  | { kind: 'unknown' };

export interface PythonServer {
  class: ServerClass;
  /** The constructor as written (`Server`, `FastMCP`, `mcp.server.fastmcp.FastMCP`). */
  callee: string;
  /** Offset of the callee's first token. */
  offset: number;
  version: GivenVersion;
  /** SDK 1's FastMCP: what the module sets `<x>._mcp_server.version` to, if it does. */
  lowLevelVersion?: GivenVersion;
}

/** Use of API the next major of the mcp SDK removed. */
export interface RemovedUse {
  what: string;
  offset: number;
}

export interface PythonMcpModule {
  servers: PythonServer[];
  /** mcp 1 API that mcp 2 removed: `mcp.server.fastmcp` imports, the low-level server's decorators. */
  removedInMcp2: RemovedUse[];
  /** fastmcp API that fastmcp 4 rejects: FastMCP(…) arguments it no longer accepts, ctx.elicit() without a response_type. */
  removedInFastmcp4: RemovedUse[];
}

/** A dotted name chain starting at k: its tokens' texts and where it ends (the index after its last name). */
function chainAt(t: Token[], k: number): { parts: string[]; end: number } {
  const parts = [t[k]!.id ?? t[k]!.text];
  let end = k + 1;
  while (isOp(t[end], '.') && t[end + 1]?.kind === 'name') {
    parts.push(t[end + 1]!.id ?? t[end + 1]!.text);
    end += 2;
  }
  return { parts, end };
}

/** What each imported name stands for: `from mcp.server import Server as S` → S: mcp.server.Server; `import mcp.server` → mcp: mcp. */
function importsOf(statements: Statement[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const { tokens: t } of statements) {
    if (isWord(t[0], 'import')) {
      for (const item of splitItems(t, 1, t.length)) {
        const { parts, end } = chainAt(item, 0);
        if (isWord(item[end], 'as') && item[end + 1]) names.set(item[end + 1]!.id!, parts.join('.'));
        else names.set(parts[0]!, parts[0]!);
      }
    } else if (isWord(t[0], 'from') && t[1]?.kind === 'name') {
      const { parts, end } = chainAt(t, 1);
      if (!isWord(t[end], 'import')) continue;
      const open = isOp(t[end + 1], '(') ? 1 : 0;
      for (const item of splitItems(t, end + 1 + open, t.length - open)) {
        if (item[0]?.kind !== 'name') continue;
        const local = isWord(item[1], 'as') && item[2] ? item[2].id! : item[0].id!;
        names.set(local, `${parts.join('.')}.${item[0].id}`);
      }
    }
  }
  return names;
}

function splitItems(t: Token[], from: number, to: number): Token[][] {
  const items: Token[][] = [];
  for (const comma of [...topLevel(t, ',', from, to), to]) {
    if (comma > from) items.push(t.slice(from, comma));
    from = comma + 1;
  }
  return items;
}

/** An import statement's module: how many leading dots (0: absolute), its dotted name, and the names `from … import` takes. */
export interface ImportedModule {
  level: number;
  module: string;
  names: string[];
}

/** Every module a module imports, anywhere in it (functions included), read with the python reader. */
export function importedModules(text: string): ImportedModule[] {
  const out: ImportedModule[] = [];
  for (const { tokens: t } of readPython(text).statements) {
    if (isWord(t[0], 'import')) {
      for (const item of splitItems(t, 1, t.length)) if (item[0]?.kind === 'name') out.push({ level: 0, module: chainAt(item, 0).parts.join('.'), names: [] });
    } else if (isWord(t[0], 'from')) {
      let k = 1;
      let level = 0;
      // `...` is one operator token; `. .` two.
      while (t[k]?.kind === 'op' && /^\.+$/.test(t[k]!.text)) level += t[k++]!.text.length;
      const chain = t[k]?.kind === 'name' && !isWord(t[k], 'import') ? chainAt(t, k) : { parts: [], end: k };
      if (!isWord(t[chain.end], 'import')) continue;
      const open = isOp(t[chain.end + 1], '(') ? 1 : 0;
      const names = splitItems(t, chain.end + 1 + open, t.length - open).flatMap((item) => (item[0]?.kind === 'name' ? [item[0].text] : []));
      out.push({ level, module: chain.parts.join('.'), names });
    }
  }
  return out;
}

/** Reads a module; a module that does not tokenize gives what was read before the error. */
export function readPythonMcp(text: string): PythonMcpModule {
  const { statements, lineOf } = readPython(text);
  const imports = importsOf(statements);
  const qualified = (parts: string[]) => {
    const head = imports.get(parts[0]!);
    return head === undefined ? undefined : [head, ...parts.slice(1)].join('.');
  };
  const namesPyproject = statements.some((s) => s.tokens.some((t) => t.kind === 'string' && /pyproject\.toml/.test(t.text)));
  const givenBy = (rhs: Token[]): GivenVersion => {
    const c = classify(rhs, text);
    if ('hit' in c) return { kind: 'literal', value: c.hit.value, offset: c.hit.start };
    if ('lookup' in c) return { kind: 'lookup', distribution: c.lookup.distribution, offset: c.lookup.start };
    if (rhs.length === 1 && rhs[0]!.kind === 'name') {
      const name = rhs[0]!.id!;
      const resolved = resolveBindings(bindings(statements, [name]), name, text, lineOf);
      const hit = resolved.hits.at(-1);
      const lookup = resolved.lookups.at(-1);
      if (lookup) return { kind: 'lookup', distribution: lookup.distribution, offset: lookup.start };
      if (hit && resolved.problems.length === 0) return { kind: 'literal', value: hit.value, offset: hit.start };
    }
    return namesPyproject && !imports.has(rhs[0]?.id ?? '') ? { kind: 'pyproject', offset: rhs[0]?.start ?? 0 } : { kind: 'unknown' };
  };
  // SDK 1's FastMCP has no version parameter: `mcp._mcp_server.version = …` is how its version is set.
  let lowLevelVersion: GivenVersion | undefined;
  for (const { tokens: t } of statements) {
    const k = t.findIndex((x, i) => x.kind === 'name' && x.text === '_mcp_server' && isOp(t[i + 1], '.') && isWord(t[i + 2], 'version') && isOp(t[i + 3], '='));
    if (k !== -1) lowLevelVersion = givenBy(t.slice(k + 4));
  }
  const servers: PythonServer[] = [];
  const removedInMcp2: RemovedUse[] = [];
  const removedInFastmcp4: RemovedUse[] = [];
  const lowLevel = [...imports.values()].some((q) => CLASSES[q] === 'lowlevel' || q === 'mcp.server' || q === 'mcp.server.lowlevel');
  const usesFastmcp = [...imports.values()].some((q) => q === 'fastmcp' || q.startsWith('fastmcp.'));
  for (const { tokens: t } of statements) {
    const modules = isWord(t[0], 'from')
      ? [chainAt(t, 1).parts]
      : isWord(t[0], 'import')
        ? splitItems(t, 1, t.length).map((item) => chainAt(item, 0).parts)
        : [];
    if (modules.some((m) => m.slice(0, 3).join('.') === 'mcp.server.fastmcp'))
      removedInMcp2.push({ what: 'removed mcp.server.fastmcp (renamed mcp.server.mcpserver.MCPServer)', offset: t[0]!.start });
    if (isOp(t[0], '@') && t[1]?.kind === 'name' && lowLevel) {
      const { parts, end } = chainAt(t, 1);
      if (parts.length > 1 && REMOVED_DECORATORS.has(parts.at(-1)!) && isOp(t[end], '('))
        removedInMcp2.push({ what: `removed the low-level decorator @….${parts.at(-1)}()`, offset: t[1]!.start });
    }
    if (usesFastmcp) removedInFastmcp4.push(...elicitWithoutType(t));
    for (let k = 0; k < t.length; k++) {
      if (t[k]!.kind !== 'name' || isOp(t[k - 1], '.') || isWord(t[k - 1], 'def') || isWord(t[k - 1], 'class')) continue;
      const { parts, end } = chainAt(t, k);
      const q = qualified(parts);
      const cls = q === undefined ? undefined : CLASSES[q];
      if (!cls || !isOp(t[end], '(')) continue;
      const close = matchingClose(t, end);
      const args = splitItems(t, end + 1, close === -1 ? t.length : close);
      const keyword = args.find((a) => isWord(a[0], 'version') && isOp(a[1], '='));
      const positional = args.filter((a) => !(a[0]?.kind === 'name' && isOp(a[1], '=')) && !isOp(a[0], '*') && !isOp(a[0], '**'));
      const at = POSITION[cls];
      const given = keyword ? keyword.slice(2) : at !== undefined ? positional[at] : undefined;
      const spread = args.some((a) => isOp(a[0], '**'));
      if (cls === 'fastmcp')
        for (const a of args)
          if (a[0]?.kind === 'name' && isOp(a[1], '=') && REMOVED_FASTMCP_ARGUMENTS.has(a[0].text))
            removedInFastmcp4.push({ what: `no longer accepts ${parts.join('.')}(${a[0].text}=…) (a TypeError when it is constructed)`, offset: a[0].start });
      servers.push({
        class: cls,
        callee: parts.join('.'),
        offset: t[k]!.start,
        version: given ? givenBy(given) : spread ? { kind: 'unknown' } : { kind: 'none' },
        ...(lowLevelVersion ? { lowLevelVersion } : {}),
      });
      k = end;
    }
  }
  return { servers, removedInMcp2, removedInFastmcp4 };
}

/** `<ctx>.elicit(message)` with no response_type (or None): fastmcp 4 raises a TypeError (deprecated in 3.2, removed in 4.0). */
function elicitWithoutType(t: Token[]): RemovedUse[] {
  const out: RemovedUse[] = [];
  for (let k = 1; k < t.length; k++) {
    if (!(isWord(t[k], 'elicit') && isOp(t[k - 1], '.') && isOp(t[k + 1], '('))) continue;
    const close = matchingClose(t, k + 1);
    const args = splitItems(t, k + 2, close === -1 ? t.length : close);
    if (args.some((a) => isOp(a[0], '*') || isOp(a[0], '**'))) continue;
    const keyword = args.find((a) => isWord(a[0], 'response_type') && isOp(a[1], '='));
    const positional = args.filter((a) => !(a[0]?.kind === 'name' && isOp(a[1], '=')));
    const given = keyword ? keyword.slice(2) : positional[1];
    if (!given || (given.length === 1 && isWord(given[0], 'None')))
      out.push({ what: 'requires the response_type of ctx.elicit() (without one, a TypeError)', offset: t[k]!.start });
  }
  return out;
}
