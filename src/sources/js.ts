// JS/TS: an exported string constant, found with @babel/parser (loaded only for js sources).
import { parse } from '@babel/parser';
import type { Locator, SourceProblem } from './types.js';

type Node = { type: string; start: number; end: number; [key: string]: unknown };

export const locateJsVersion: Locator = (text, options) => {
  const wanted = options.export;
  const fallbackLabel = wanted ?? 'VERSION';
  const none = (problem: SourceProblem, label = fallbackLabel) => ({ hits: [], lookups: [], problems: [problem], label });
  let program: Node;
  try {
    const source = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
    program = parse(source, { sourceType: 'module', plugins: ['typescript'] }).program as unknown as Node;
  } catch (e) {
    const err = e as Error & { pos?: number };
    return none({ kind: 'parse-error', message: `cannot parse: ${err.message}`, offset: err.pos });
  }
  const exported = exportedConstants(program);
  const name = wanted ?? (exported.has('VERSION') ? 'VERSION' : exported.has('version') ? 'version' : undefined);
  const init = name === undefined ? undefined : exported.get(name);
  if (!name || init === undefined) return none({ kind: 'not-found', message: `no exported constant ${wanted ?? 'VERSION (or version)'}` });
  let node = init;
  while (node.type === 'TSAsExpression' || node.type === 'TSSatisfiesExpression' || node.type === 'ParenthesizedExpression') node = node.expression as Node;
  if (node.type === 'StringLiteral') return { hits: [{ value: node.value as string, start: node.start + 1, end: node.end - 1 }], lookups: [], problems: [], label: name };
  const quasis = node.quasis as Node[] | undefined;
  if (node.type === 'TemplateLiteral' && quasis?.length === 1) {
    const q = quasis[0]!;
    return { hits: [{ value: (q.value as { cooked: string }).cooked, start: q.start, end: q.end }], lookups: [], problems: [], label: name };
  }
  return none({ kind: 'uncheckable', message: `${name} is not a string literal, so it cannot be checked`, offset: node.start }, name);
};

/** Exported name → initializer of the `const`/`let` that holds it (direct exports and `export { a as b }`). */
function exportedConstants(program: Node): Map<string, Node> {
  const declared = new Map<string, Node>();
  const exported = new Map<string, Node>();
  const declare = (decl: Node | undefined, into: Map<string, Node>[]) => {
    if (decl?.type !== 'VariableDeclaration') return;
    for (const d of decl.declarations as Node[]) {
      const id = d.id as Node;
      if (id.type === 'Identifier' && d.init) for (const m of into) m.set(id.name as string, d.init as Node);
    }
  };
  const body = program.body as Node[];
  for (const stmt of body) {
    if (stmt.type === 'VariableDeclaration') declare(stmt, [declared]);
    if (stmt.type === 'ExportNamedDeclaration') declare(stmt.declaration as Node | undefined, [declared, exported]);
  }
  for (const stmt of body) {
    if (stmt.type !== 'ExportNamedDeclaration' || stmt.source) continue;
    for (const spec of (stmt.specifiers as Node[] | undefined) ?? []) {
      const local = ((spec.local as Node).name as string) ?? '';
      const name = ((spec.exported as Node).name as string) ?? ((spec.exported as Node).value as string);
      const init = declared.get(local);
      if (init) exported.set(name, init);
    }
  }
  return exported;
}
