import type { CheckResult } from '../core/result.js';

/** One JSON object, the shape of DESIGN.md's public contract. */
export function formatJson(result: CheckResult): string {
  const { ok, version, layout, sources } = result;
  // messageId is the stable name of a finding; the words may change between releases.
  const diagnostics = result.diagnostics.map(({ rule, severity, messageId, message, file, line, column }) => ({ rule, severity, messageId, message, file, line, column }));
  return `${JSON.stringify({ ok, version, ...(layout ? { layout } : {}), sources, diagnostics }, null, 2)}\n`;
}
