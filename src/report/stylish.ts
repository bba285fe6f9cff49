// The default, human report: one line per problem, `file:line:col  severity  message  rule`.
import type { CheckResult } from '../core/result.js';
import { printable, printableLine } from './printable.js';

export interface StylishOptions {
  color: boolean;
}

export function formatStylish(result: CheckResult, { color }: StylishOptions): string {
  const paint = (code: number, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const lines = result.diagnostics.map((d) => {
    const where = d.file
      ? `${printableLine(d.file)}${d.line ? `:${d.line}:${d.column ?? 1}` : ''}`
      : d.package !== undefined
        ? `(${printableLine(d.package)})`
        : '(project)';
    const severity = d.severity === 'error' ? paint(31, 'error') : paint(33, 'warn ');
    return `${where}  ${severity}  ${printable(d.message)}  ${paint(2, d.rule)}`;
  });
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = result.diagnostics.length - errors;
  if (result.packages) return `${[...lines, ...(lines.length ? [''] : []), ...packageLines(result, paint)].join('\n')}\n`;
  if (errors > 0) lines.push('', paint(31, `✖ ${plural(errors, 'error')}${warnings ? `, ${plural(warnings, 'warning')}` : ''}`));
  else lines.push(`${lines.length ? '\n' : ''}${paint(32, '✔')} ${summary(result, warnings)}`);
  return `${lines.join('\n')}\n`;
}

/** A workspace: one line per package checked ("lib/core 1.12.0 ✔", "lib/tools ✖ 2 errors"), then the verdict. */
function packageLines(result: CheckResult, paint: (code: number, s: string) => string): string[] {
  const packages = result.packages!;
  if (packages.length === 0) return [`${paint(32, '✔')} no package to check`];
  const lines = packages.map((p) => {
    const label = printable(p.path || p.name);
    const version = printable(p.version ?? (p.layout?.fromTags ? '(no version tag yet)' : '(no version)'));
    const warned = p.warnings ? ` (${plural(p.warnings, 'warning')})` : '';
    return p.errors ? `${label} ${paint(31, `✖ ${plural(p.errors, 'error')}`)}${warned}` : `${label} ${version} ${paint(32, '✔')}${warned}`;
  });
  const failed = packages.filter((p) => p.errors).length;
  const errors = packages.reduce((n, p) => n + p.errors, 0);
  lines.push(
    '',
    failed
      ? paint(31, `✖ ${plural(errors, 'error')} in ${failed} of ${plural(packages.length, 'package')}`)
      : `${paint(32, '✔')} ${plural(packages.length, 'package')} checked`,
  );
  return lines;
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
