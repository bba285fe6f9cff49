// The engine: runs every rule at its configured severity. It knows no rule's insides.
import type { RuleId, Severity } from '../config/types.js';
import { invalidSemver } from './invalid-semver.js';
import { runtimeLookup } from './runtime-lookup.js';
import { sourceMissing } from './source-missing.js';
import { tagAhead } from './tag-ahead.js';
import { tagMismatch } from './tag-mismatch.js';
import type { Diagnostic, Rule, RuleContext } from './types.js';
import { versionMismatch } from './version-mismatch.js';

export const RULES: Rule[] = [sourceMissing, invalidSemver, versionMismatch, runtimeLookup, tagMismatch, tagAhead];

export function runRules(context: RuleContext, severities: Partial<Record<RuleId, Severity>>): Diagnostic[] {
  return RULES.flatMap((rule) => {
    const severity = severities[rule.id] ?? rule.defaultSeverity;
    if (severity === 'off') return [];
    return rule.check(context).map(({ warnOnly, ...report }) => ({
      rule: rule.id,
      severity: warnOnly ? 'warn' : severity,
      ...report,
    }));
  });
}
