// The json report: one object, the shape of DESIGN.md's public contract; the repository's strings kept exact but inert (printable.ts).
import type { CheckResult } from '../core/result.js';
import { inertJson } from './printable.js';

/** One JSON object, the shape of DESIGN.md's public contract. */
export function formatJson(result: CheckResult): string {
  const { ok, version, layout, sources } = result;
  // messageId is the stable name of a finding; the words may change between releases.
  const diagnostics = result.diagnostics.map(({ rule, severity, messageId, message, file, line, column }) => ({
    rule,
    severity,
    messageId,
    message,
    file,
    line,
    column,
  }));
  return `${inertJson(JSON.stringify({ ok, version, ...(layout ? { layout } : {}), sources, diagnostics }, null, 2))}\n`;
}
