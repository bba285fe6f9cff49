// The "rules" section, derived from the rule registry: a severity per rule, or [severity, options]
// for a rule that declares options (checked against them, defaults filled).
import type { Rule } from '../rules/types.js';
import { SEVERITIES } from '../rules/types.js';
import { RULE_ALIASES, type RuleSetting } from '../rules/index.js';
import { Field, object, oneOf, record } from './fields.js';

const severity = oneOf(SEVERITIES);

function setting(rule: Rule): Field<RuleSetting, boolean> {
  if (Object.keys(rule.meta.options).length === 0) return severity;
  const options = object(rule.meta.options);
  const message = `must be one of ${SEVERITIES.join(', ')}, or [severity, options]`;
  return new Field<RuleSetting>(
    (v, at, issue) => {
      if (!Array.isArray(v)) return severity.parse(v, at, issue);
      if (v.length < 1 || v.length > 2) return void issue(at, message);
      const level = severity.parse(v[0], `${at}[0]`, issue);
      const read = options.parse(v[1] ?? {}, `${at}[1]`, issue);
      return level && read ? [level, read] : undefined;
    },
    () => ({ anyOf: [severity.jsonSchema(), { type: 'array', minItems: 1, maxItems: 2, items: [severity.jsonSchema(), options.jsonSchema()] }] }),
  );
}

export const ruleSettings = (rules: readonly Rule[]) =>
  record(
    rules.map((r) => r.meta.id),
    (id) => setting(rules.find((r) => r.meta.id === id)!).describe(rules.find((r) => r.meta.id === id)!.meta.description),
    'unknown rule',
    Object.fromEntries(Object.entries(RULE_ALIASES).filter(([, id]) => rules.some((r) => r.meta.id === id))),
  );
