// A rule's configured severity and options, defaults filled: read the same way by the engine and
// by the use cases that act on a rule's options (bump renames the changelog-entry rule's heading).
import { object, type Output, type Shape } from '../config/fields.js';
import type { Rule, Severity } from './types.js';

/** A rule's configuration, ESLint style: a severity, or [severity, options]. */
export type RuleSetting = Severity | [Severity] | [Severity, Record<string, unknown>];
export type RuleSettings = Partial<Record<string, RuleSetting>>;

/** What each rule runs with, by the settings read (never changed once loaded): audit runs the rules at thousands of commits with one. */
const known = new WeakMap<RuleSettings, Map<Rule<string, string, Shape>, unknown>>();

/** The severity and options a rule runs with, or undefined when it is off. */
export function settingOf<S extends Shape>(
  rule: Rule<string, string, S>,
  settings: RuleSettings,
): { severity: 'error' | 'warn'; options: Output<S> } | undefined {
  const byRule = known.get(settings) ?? new Map();
  known.set(settings, byRule);
  const rules = byRule as Map<Rule<string, string, S>, ReturnType<typeof settingOf<S>>>;
  if (!rules.has(rule)) rules.set(rule, readSetting(rule, settings));
  return rules.get(rule);
}

function readSetting<S extends Shape>(rule: Rule<string, string, S>, settings: RuleSettings): { severity: 'error' | 'warn'; options: Output<S> } | undefined {
  const { id, defaultSeverity } = rule.meta;
  const setting = settings[id];
  const severity = (Array.isArray(setting) ? setting[0] : setting) ?? defaultSeverity;
  if (severity === 'off') return undefined;
  // The configuration was validated when loaded; here only the defaults are filled in.
  const options = (object(rule.meta.options).parse((Array.isArray(setting) && setting[1]) || {}, `rules.${id}`, () => {}) ?? {}) as Output<S>;
  return { severity, options };
}
