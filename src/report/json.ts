import type { CheckResult } from '../core/inspect.js';

/** One JSON object, the shape of DESIGN.md's public contract. */
export function formatJson(result: CheckResult): string {
  const { ok, version, layout, sources, diagnostics } = result;
  return JSON.stringify({ ok, version, ...(layout ? { layout } : {}), sources, diagnostics }, null, 2) + '\n';
}
