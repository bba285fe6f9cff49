// A configuration file's text as plain data: JSON, or YAML read as data only (no tags it does not
// know, no keys that are collections, no key given twice), every problem located in the file.
import { UserError } from '../core/errors.js';
import { lineIndex } from '../core/text.js';
import { firstDuplicateKey, jsonSyntaxError } from '../formats/json.js';

/** Parses JSON; a key given twice is refused (JSON.parse would silently keep the last). `within` limits that to one top-level key (package.json's "heimdall"). */
export function parseJsonConfig(text: string, shown: string, within?: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const located = jsonSyntaxError(text);
    const where = located?.offset !== undefined ? lineIndex(text)(located.offset) : undefined;
    throw new UserError(`${shown}${where ? `:${where.line}:${where.column}` : ''}: invalid JSON: ${located?.message ?? (e as Error).message}`);
  }
  const duplicate = firstDuplicateKey(text);
  if (duplicate && (within === undefined || duplicate.path === within || duplicate.path.startsWith(`${within}.`))) {
    const where = lineIndex(text)(duplicate.offset);
    throw new UserError(`${shown}:${where.line}:${where.column}: "${duplicate.path}" appears twice; keep one (JSON would silently use the last)`);
  }
  return value;
}

/** Parses YAML 1.2 (JSON is YAML too) into plain data; an empty file is refused rather than read as "no configuration". */
export async function parseYamlConfig(text: string, shown: string): Promise<unknown> {
  const yaml = await import('yaml');
  const doc = yaml.parseDocument(text, { uniqueKeys: true, merge: false, prettyErrors: false });
  const at = lineIndex(text);
  const fail = (offset: number | undefined, message: string): never => {
    const where = offset !== undefined ? at(offset) : undefined;
    throw new UserError(`${shown}${where ? `:${where.line}:${where.column}` : ''}: invalid YAML: ${message}`);
  };
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) fail(problem.pos[0], problem.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''));
  // A key that is a list or a map has no name a configuration could know.
  yaml.visit(doc, {
    Pair(_, pair) {
      if (!yaml.isScalar(pair.key) && pair.key !== null) fail((pair.key as { range?: [number] }).range?.[0], 'a key must be a plain name, not a list or a map');
    },
  });
  if (doc.contents === null) throw new UserError(`${shown}: holds no configuration (the file is empty); write {} for the defaults, or remove the file`);
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return fail(undefined, (e as Error).message);
  }
}
