// The json report: one object, the shape of DESIGN.md's public contract; the repository's strings kept exact but inert (printable.ts).
import type { CheckResult } from '../core/result.js';
import { inertJson } from './printable.js';

/** One JSON object, the shape of DESIGN.md's public contract. */
export function formatJson(result: CheckResult): string {
  const { ok, version, layout, sources, packages, groups } = result;
  // messageId is the stable name of a finding; the words may change between releases.
  const diagnostics = result.diagnostics.map(({ rule, severity, messageId, message, file, line, column, package: pkg }) => ({
    ...(pkg !== undefined ? { package: pkg } : {}),
    rule,
    severity,
    messageId,
    message,
    file,
    line,
    column,
  }));
  return `${inertJson(JSON.stringify({ ok, version, ...(layout ? { layout } : {}), ...(packages ? { packages, groups } : {}), sources, diagnostics }, null, 2))}\n`;
}
