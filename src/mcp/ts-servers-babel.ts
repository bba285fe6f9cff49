// readScriptMcp's Babel half (see ts-servers.ts): imports of the MCP TypeScript SDK and the servers constructed with them.
import { parse, type ParserPlugin } from '@babel/parser';
import type { GivenVersion } from './python-servers.js';

export interface ScriptServer {
  /** The constructor as written. */
  callee: string;
  offset: number;
  version: GivenVersion;
}

type Node = { type: string; start: number; end: number; [key: string]: unknown };

const ATTEMPTS: ParserPlugin[][] = [['typescript'], ['typescript', 'jsx'], ['jsx'], []];
const CLASSES = new Set(['McpServer', 'Server']);

function parseModule(text: string): Node | undefined {
  for (const plugins of ATTEMPTS) {
    try {
      return parse(text, { sourceType: 'module', plugins, errorRecovery: false }).program as unknown as Node;
    } catch {
      // the next attempt, or nothing: a module that does not parse constructs nothing we can read
    }
  }
  return undefined;
}

export function findScriptServers(text: string): ScriptServer[] {
  const program = parseModule(text);
  if (!program) return [];
  // Local names bound to the SDK's server classes.
  const locals = new Map<string, string>();
  for (const stmt of program.body as Node[]) {
    if (stmt.type !== 'ImportDeclaration' || !String((stmt.source as Node).value).startsWith('@modelcontextprotocol/')) continue;
    for (const spec of stmt.specifiers as Node[]) {
      const imported = spec.imported as Node | undefined;
      const name = imported ? String(imported.name ?? imported.value) : undefined;
      if (spec.type === 'ImportSpecifier' && name && CLASSES.has(name)) locals.set(String((spec.local as Node).name), name);
    }
  }
  if (locals.size === 0) return [];
  const found: ScriptServer[] = [];
  // An explicit stack: no recursion, however deep the module nests.
  const stack: unknown[] = [program];
  while (stack.length) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      stack.push(...node);
      continue;
    }
    if (!node || typeof node !== 'object') continue;
    const n = node as Node;
    if (n.type === 'NewExpression' && (n.callee as Node).type === 'Identifier' && locals.has(String((n.callee as Node).name))) {
      const info = (n.arguments as Node[])[0];
      found.push({ callee: String((n.callee as Node).name), offset: n.start, version: versionIn(info) });
    }
    for (const [key, value] of Object.entries(n))
      if (key !== 'loc' && key !== 'leadingComments' && key !== 'trailingComments' && value && typeof value === 'object') stack.push(value);
  }
  return found.sort((a, b) => a.offset - b.offset);
}

function versionIn(info: Node | undefined): ScriptServer['version'] {
  if (info?.type !== 'ObjectExpression') return { kind: 'unknown' };
  const props = info.properties as Node[];
  if (props.some((p) => p.type === 'SpreadElement')) return { kind: 'unknown' };
  const prop = props.find((p) => p.type === 'ObjectProperty' && !p.computed && ((p.key as Node).name === 'version' || (p.key as Node).value === 'version'));
  if (!prop) return { kind: 'none' };
  const value = prop.value as Node;
  if (value.type === 'StringLiteral') return { kind: 'literal', value: String(value.value), offset: value.start + 1 };
  return { kind: 'unknown' };
}
