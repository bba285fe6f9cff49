// The audit for a reader at a terminal: the mode, drift windows once each as a range, then each
// release with a finding of its own, then the sequence; every repository string made printable.
import type { AuditFinding, AuditRelease, AuditResult } from '../../core/audit-result.js';
import { printable } from '../printable.js';

export function formatAuditStylish(result: AuditResult, { color }: { color: boolean }): string {
  const paint = (code: number, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const mark = (severity: string) => (severity === 'error' ? paint(31, '✖') : paint(33, '⚠'));
  const p = printable;
  const shown = result.releases.filter((r) => r.inRange);
  const lines = [
    `${p(result.package)}: ${plural(shown.length, 'release')} read (${result.mode} mode: ${p(result.modeReason)})`,
    ...result.history.notes.map((n) => `  ${paint(33, 'note')} ${p(n)}`),
  ];
  const windows = result.windows.filter((w) => shown.some((r) => r.id >= w.from && r.id <= w.to));
  if (windows.length) {
    lines.push('', 'drift windows');
    for (const w of windows) {
      const [from, to] = [result.releases[w.from]!, result.releases[w.to]!];
      lines.push(`  ${mark(w.severity)} ${p(label(from))} … ${p(label(to))} (${w.releases} releases): ${p(w.summary)}  ${paint(2, w.rule)}`);
    }
  }
  const own = (r: AuditRelease) => r.findings.filter((f) => f.window === undefined);
  const noted = shown.filter((r) => own(r).length || (r.config && 'note' in r.config));
  if (noted.length) {
    lines.push('', 'releases');
    for (const r of noted) {
      const flags = [r.reachable === false ? 'not reachable from HEAD' : '', r.config ? configWords(r.config) : ''].filter(Boolean).join('; ');
      lines.push(`  ${p(label(r))}  ${r.commit.slice(0, 12)}${r.date ? `  ${r.date.slice(0, 10)}` : ''}${flags ? `  ${paint(2, p(flags))}` : ''}`);
      for (const f of own(r)) lines.push(`    ${finding(f)}`);
    }
  }
  const sequence = result.findings.filter((f) => f.inRange);
  if (sequence.length) {
    lines.push('', 'history');
    for (const f of sequence) lines.push(`  ${finding(f)}`);
  }
  const all: AuditFinding[] = [...shown.flatMap((r) => r.findings), ...sequence];
  const errors = all.filter((f) => f.severity === 'error').length;
  const warnings = all.length - errors;
  lines.push('');
  if (errors) lines.push(paint(31, `✖ ${plural(errors, 'error')}${warnings ? `, ${plural(warnings, 'warning')}` : ''}`));
  else lines.push(`${paint(32, '✔')} no errors${warnings ? ` (${plural(warnings, 'warning')})` : ''}`);
  return `${lines.join('\n')}\n`;

  function finding(f: AuditFinding): string {
    const where = f.file ? `${p(f.file)}${f.line ? `:${f.line}` : ''}  ` : '';
    return `${mark(f.severity)} ${where}${p(f.message)}  ${paint(2, f.rule)}`;
  }
}

const label = (r: AuditRelease) => r.tag ?? `${r.version} (untagged)`;

const configWords = (c: NonNullable<AuditRelease['config']>) =>
  (c.from === 'commit' ? `config ${c.file} at this commit` : c.from === 'today' ? `today's config ${c.file}` : `layout ${c.layout}`) +
  ('note' in c && c.note ? ` (${c.note})` : '');

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
