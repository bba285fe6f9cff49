// The registry of rules (one line per rule) and the engine: runs every rule at its configured
// severity with its options, and makes the words of every diagnostic from the rule's messages.
// It knows no rule's insides.
import { object } from '../config/fields.js';
import { changelogEntry } from './changelog-entry.js';
import { invalidVersion } from './invalid-version.js';
import { runtimeLookup } from './runtime-lookup.js';
import { sourceMissing } from './source-missing.js';
import { tagAhead } from './tag-ahead.js';
import { tagMismatch } from './tag-mismatch.js';
import type { Diagnostic, MessageData } from '../core/result.js';
import type { Rule, RuleContext, Severity } from './types.js';
import { versionMismatch } from './version-mismatch.js';
import { versionSpelling } from './version-spelling.js';

export const RULES = [
  sourceMissing,
  invalidVersion,
  versionSpelling,
  versionMismatch,
  runtimeLookup,
  tagMismatch,
  tagAhead,
  changelogEntry,
] as const;

export type RuleId = (typeof RULES)[number]['meta']['id'];
export const RULE_IDS = RULES.map((r) => r.meta.id) as RuleId[];
/** Rule ids that were renamed: still accepted in configurations. */
export const RULE_ALIASES: Record<string, RuleId> = { 'invalid-semver': 'invalid-version' };

/** A rule's configuration, ESLint style: a severity, or [severity, options]. */
export type RuleSetting = Severity | [Severity] | [Severity, Record<string, unknown>];

/** `{name}` replaced by data.name: the one place where diagnostics become words. */
export const formatMessage = (template: string, data: MessageData = {}): string =>
  template.replace(/\{(\w+)\}/g, (all, name: string) => (name in data ? String(data[name]) : all));

export function runRules(context: RuleContext, settings: Partial<Record<string, RuleSetting>>, rules: readonly Rule[] = RULES as unknown as Rule[]): Diagnostic[] {
  return rules.flatMap((rule) => {
    const { id, defaultSeverity, messages } = rule.meta;
    const setting = settings[id];
    const severity = (Array.isArray(setting) ? setting[0] : setting) ?? defaultSeverity;
    if (severity === 'off') return [];
    const options = object(rule.meta.options).parse((Array.isArray(setting) && setting[1]) || {}, `rules.${id}`, () => {}) ?? {};
    return rule.check(context, options).map(({ warnOnly, messageId, data, ...where }): Diagnostic => ({
      rule: id as RuleId,
      severity: warnOnly ? 'warn' : severity,
      messageId,
      message: formatMessage(messages[messageId] ?? messageId, data),
      ...where,
      ...(data ? { data } : {}),
    }));
  });
}
