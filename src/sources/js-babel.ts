// JS/TS: an exported string constant, found with @babel/parser (loaded only when a js source is read; see js.ts).
import { parse, type ParserPlugin } from '@babel/parser';
import type { Located, Locator, SourceProblem } from './types.js';

type Node = { type: string; start: number; end: number; [key: string]: unknown };

// TypeScript first; JSX breaks `<T>x` assertions and some plain JS is ambiguous as TS, so those come after.
const ATTEMPTS: ParserPlugin[][] = [['typescript'], ['typescript', 'jsx'], ['jsx'], []];
// Wrappers that leave the literal's own range untouched: `'1' as const`, `<const>'1'`, `'1' satisfies string`.
const WRAPPERS = new Set(['TSAsExpression', 'TSSatisfiesExpression', 'TSTypeAssertion', 'TSNonNullExpression', 'ParenthesizedExpression']);

export const locateJsVersion: Locator<{ export?: string }> = (text, options) => {
  const wanted = options.export;
  const none = (problem: SourceProblem, label = wanted ?? 'VERSION'): Located => ({ hits: [], lookups: [], problems: [problem], label });
  const parsed = parseModule(text);
  if ('problem' in parsed) return none(parsed.problem);
  const { declared, exported } = topLevelConstants(parsed.program);
  const name = wanted ?? (exported.has('VERSION') ? 'VERSION' : exported.has('version') ? 'version' : undefined);
  const init = name === undefined ? undefined : exported.get(name);
  if (name === undefined || init === undefined) {
    const local = wanted ?? 'VERSION';
    const why = declared.has(local) ? `${local} is declared but not exported` : `no exported constant ${wanted ?? 'VERSION (or version)'}`;
    return none({ kind: 'not-found', message: why });
  }
  let node = init;
  while (WRAPPERS.has(node.type)) node = node.expression as Node;
  if (node.type === 'StringLiteral') return hit(node.value as string, node.start + 1, node.end - 1, name);
  const quasis = node.quasis as Node[] | undefined;
  if (node.type === 'TemplateLiteral' && quasis?.length === 1) {
    const q = quasis[0]!;
    const cooked = (q.value as { cooked?: string | null }).cooked;
    if (typeof cooked === 'string') return hit(cooked, q.start, q.end, name);
  }
  return none(
    { kind: 'uncheckable', message: `${name} is not a string literal, so it cannot be checked; write the version as a literal`, offset: node.start },
    name,
  );
};

const hit = (value: string, start: number, end: number, label: string): Located => ({ hits: [{ value, start, end }], lookups: [], problems: [], label });

/** Parses as a module (Babel skips a leading BOM and keeps UTF-16 offsets); reports the TypeScript attempt's error. */
function parseModule(text: string): { program: Node } | { problem: SourceProblem } {
  let first: (Error & { pos?: number; loc?: { index?: number } }) | undefined;
  for (const plugins of ATTEMPTS) {
    try {
      return { program: parse(text, { sourceType: 'module', plugins, errorRecovery: false }).program as unknown as Node };
    } catch (e) {
      // Babel descends recursively: brackets nested thousands deep exhaust the stack, whatever the plugins.
      if (e instanceof RangeError && /call stack/.test(e.message))
        return { problem: { kind: 'parse-error', message: 'cannot parse: nested too deeply to read', offset: deepest(text) } };
      first ??= e as Error;
    }
  }
  const message = (first?.message ?? 'unknown error').replace(/ \(\d+:\d+\)$/, '');
  return { problem: { kind: 'parse-error', message: `cannot parse: ${message}`, offset: first?.loc?.index ?? first?.pos } };
}

/** The offset of the first bracket at the deepest nesting, counted roughly (quotes and comments are not skipped). */
function deepest(text: string): number {
  let [depth, most, at] = [0, 0, 0];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') {
      if (++depth > most) [most, at] = [depth, i];
    } else if (c === ')' || c === ']' || c === '}') depth--;
  }
  return at;
}

/** Top-level `const`/`let`/`var` initializers, and exported name → initializer (direct exports and `export { a as b }`). */
function topLevelConstants(program: Node) {
  const declared = new Map<string, Node>();
  const exported = new Map<string, Node>();
  const declare = (decl: Node | undefined | null, into: Map<string, Node>[]) => {
    if (decl?.type !== 'VariableDeclaration') return;
    for (const d of decl.declarations as Node[]) {
      const id = d.id as Node;
      if (id.type === 'Identifier' && d.init) for (const m of into) m.set(id.name as string, d.init as Node);
    }
  };
  const body = program.body as Node[];
  for (const stmt of body) {
    if (stmt.type === 'VariableDeclaration') declare(stmt, [declared]);
    if (stmt.type === 'ExportNamedDeclaration') declare(stmt.declaration as Node | null, [declared, exported]);
  }
  for (const stmt of body) {
    if (stmt.type !== 'ExportNamedDeclaration' || stmt.source) continue;
    for (const spec of (stmt.specifiers as Node[] | undefined) ?? []) {
      const local = (spec.local as Node | undefined)?.name as string | undefined;
      const as = spec.exported as Node;
      const init = local === undefined ? undefined : declared.get(local);
      if (init) exported.set((as.name ?? as.value) as string, init);
    }
  }
  return { declared, exported };
}
