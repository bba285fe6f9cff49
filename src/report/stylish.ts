// The default, human report: one line per problem, `file:line:col  severity  message  rule`.
import type { CheckResult } from '../core/result.js';

export interface StylishOptions {
  color: boolean;
}

export function formatStylish(result: CheckResult, { color }: StylishOptions): string {
  const paint = (code: number, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const lines = result.diagnostics.map((d) => {
    const where = d.file ? `${d.file}${d.line ? `:${d.line}:${d.column ?? 1}` : ''}` : '(project)';
    const severity = d.severity === 'error' ? paint(31, 'error') : paint(33, 'warn ');
    return `${where}  ${severity}  ${d.message}  ${paint(2, d.rule)}`;
  });
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = result.diagnostics.length - errors;
  if (errors > 0) {
    lines.push('', paint(31, `✖ ${plural(errors, 'error')}${warnings ? `, ${plural(warnings, 'warning')}` : ''}`));
  } else if (result.layout?.fromTags) {
    const files = result.sources.length ? `; checked ${result.sources.map((s) => s.file).join(', ')}` : '';
    lines.push(`${lines.length ? '\n' : ''}${paint(32, '✔')} ${result.version ?? '(no version tag yet)'}: the version comes from git tags (${result.layout.fromTags}), no file holds it${files}`);
  } else {
    // Each file once, though it may hold several sources (Sphinx's release and version).
    const names = [...new Set(result.sources.map((s) => s.file))];
    const files = names.length > 4 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more files` : names.join(', ');
    lines.push(
      `${lines.length ? '\n' : ''}${paint(32, '✔')} ${result.version ?? '(no version)'}: ${files}${names.length > 1 ? ' agree' : ''}${warnings ? ` (${plural(warnings, 'warning')})` : ''}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
