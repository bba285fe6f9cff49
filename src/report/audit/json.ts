// The audit as one JSON object (the AuditResult of src/core/audit-result.ts); repository strings kept exact but inert.
// Made in pieces, release by release, so that a history of thousands of releases is never one string in memory.
import type { AuditResult } from '../../core/audit-result.js';
import { inertJson } from '../printable.js';

export const formatAuditJson = (result: AuditResult): string => [...auditJsonChunks(result)].join('');

/** The same text as JSON.stringify(result, null, 2) and a line break, in pieces: each release is one. */
export function* auditJsonChunks(result: AuditResult): Generator<string> {
  const entries = Object.entries(result).filter(([, value]) => value !== undefined);
  yield '{\n';
  for (const [i, [key, value]] of entries.entries()) {
    const head = `  ${JSON.stringify(key)}: `;
    const tail = i < entries.length - 1 ? ',\n' : '\n';
    if (!Array.isArray(value) || value.length === 0) {
      yield `${head}${nested(value, 2)}${tail}`;
      continue;
    }
    yield `${head}[\n`;
    for (const [j, item] of value.entries()) yield `    ${nested(item, 4)}${j < value.length - 1 ? ',' : ''}\n`;
    yield `  ]${tail}`;
  }
  yield '}\n';
}

/** A value as JSON.stringify(…, null, 2) writes it `depth` spaces in. */
const nested = (value: unknown, depth: number) => inertJson(JSON.stringify(value, null, 2).replace(/\n/g, `\n${' '.repeat(depth)}`));
