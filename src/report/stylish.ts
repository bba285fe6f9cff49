// The default, human report: one line per problem, `file:line:col  severity  message  rule`.
import type { CheckResult } from '../core/result.js';
import { printable, printableLine } from './printable.js';

export interface StylishOptions {
  color: boolean;
}

export function formatStylish(result: CheckResult, { color }: StylishOptions): string {
  const paint = (code: number, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const lines = result.diagnostics.map((d) => {
    const where = d.file ? `${printableLine(d.file)}${d.line ? `:${d.line}:${d.column ?? 1}` : ''}` : '(project)';
    const severity = d.severity === 'error' ? paint(31, 'error') : paint(33, 'warn ');
    return `${where}  ${severity}  ${printable(d.message)}  ${paint(2, d.rule)}`;
  });
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = result.diagnostics.length - errors;
  if (errors > 0) lines.push('', paint(31, `✖ ${plural(errors, 'error')}${warnings ? `, ${plural(warnings, 'warning')}` : ''}`));
  else lines.push(`${lines.length ? '\n' : ''}${paint(32, '✔')} ${summary(result, warnings)}`);
  return `${lines.join('\n')}\n`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What the ✔ line says was checked: the sources agree only when version-mismatch compared them. */
function summary(result: CheckResult, warnings: number): string {
  const version = printable(result.version ?? (result.layout?.fromTags ? '(no version tag yet)' : '(no version)'));
  // Each file once, though it may hold several sources (Sphinx's release and version).
  const names = [...new Set(result.sources.map((s) => printable(s.file)))];
  if (result.layout?.fromTags) {
    return `${version}: the version comes from git tags (${printable(result.layout.fromTags)}), no file holds it${names.length ? `; checked ${names.join(', ')}` : ''}`;
  }
  const files = names.length > 4 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more files` : names.join(', ');
  const compared = !result.rules || result.rules.includes('version-mismatch');
  const verdict = names.length < 2 ? '' : compared ? ' agree' : ' read; not compared with each other (version-mismatch is off)';
  return `${version}: ${files}${verdict}${warnings ? ` (${plural(warnings, 'warning')})` : ''}`;
}
