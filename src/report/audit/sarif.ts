// The audit as SARIF 2.1.0: check's SARIF writer, one result per finding in the range asked, each
// message led by the release it concerns; the rules are check's and the audit's own.
import { AUDIT_FINDINGS, type AuditResult } from '../../core/audit-result.js';
import type { Diagnostic } from '../../core/result.js';
import { RULES } from '../../rules/index.js';
import { formatSarif } from '../sarif.js';

export function formatAuditSarif(result: AuditResult): string {
  const label = (id: number | undefined) => {
    const r = id === undefined ? undefined : result.releases[id];
    return r ? `${r.tag ?? `${r.version} (untagged)`}: ` : '';
  };
  const diagnostics = [
    ...result.windows.map((w) => {
      const [from, to] = [result.releases[w.from]!, result.releases[w.to]!];
      return {
        rule: w.rule,
        severity: w.severity,
        messageId: w.messageId,
        file: w.file,
        message: `${from.tag ?? from.version} … ${to.tag ?? to.version}: ${w.summary}`,
      };
    }),
    ...result.releases
      .filter((r) => r.inRange)
      .flatMap((r) =>
        r.findings.flatMap((f) => {
          if (f.window !== undefined) return [];
          return [{ ...f, message: `${label(r.id)}${f.message}` }];
        }),
      ),
    ...result.findings.filter((f) => f.inRange).map((f) => ({ ...f, message: `${label(f.release)}${f.message}` })),
  ] as Diagnostic[];
  const primary = result.releases.at(-1)?.sources.find((s) => s.primary);
  const rules = [
    ...RULES.map((r) => ({ id: r.meta.id as string, description: r.meta.description })),
    ...Object.entries(AUDIT_FINDINGS).map(([id, f]) => ({ id, description: f.message })),
  ];
  return formatSarif(
    {
      ok: result.ok,
      version: null,
      root: result.root,
      sources: primary ? [{ name: primary.name, file: primary.file, primary: true, version: primary.version, line: null, column: null }] : [],
      diagnostics,
    },
    rules,
  );
}
