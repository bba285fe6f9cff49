// What to do about the errors that made bump or release refuse.
import { isFixable } from '../rules/index.js';

/** The refusal's advice: --fix repairs what fixable rules report (drifted literals), but a runtime lookup or a broken file needs an edit by hand. */
export function howToRepair(diagnostics: { rule: string; severity: string; file?: string; line?: number }[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const byHand = errors.filter((d) => !isFixable(d.rule));
  if (byHand.length === 0) return 'heimdall-version check --fix repairs the drifted literals';
  const where = [...new Set(byHand.map((d) => `${d.file ?? '(project)'}${d.line ? `:${d.line}` : ''} (${d.rule})`))].join(', ');
  const fixable = errors.length > byHand.length ? ', then heimdall-version check --fix repairs the drifted literals' : '';
  return `edit ${where} as the message says (--fix cannot repair ${byHand.length === 1 ? 'it' : 'them'})${fixable}`;
}
