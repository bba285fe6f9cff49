// The registry of rules (one line per rule) and the engine: runs every rule at its configured
// severity with its options, and makes the words of every diagnostic from the rule's messages.
// It knows no rule's insides.
import { changelogEntry } from './changelog-entry.js';
import { groupMismatch } from './group-mismatch.js';
import { pinMismatch } from './pin-mismatch.js';
import { invalidVersion } from './invalid-version.js';
import { mcpRegistryName } from './mcp-registry-name.js';
import { mcpSdkBound } from './mcp-sdk-bound.js';
import { mcpServerVersion } from './mcp-server-version.js';
import { mcpbPython } from './mcpb-python.js';
import { runtimeLookup } from './runtime-lookup.js';
import { settingOf, type RuleSettings } from './settings.js';
import { sourceMissing } from './source-missing.js';
import { tagAhead } from './tag-ahead.js';
import { tagMismatch } from './tag-mismatch.js';
import { tagTemplate } from './tag-template.js';
import type { Finding, MessageData, Rule, RuleContext } from './types.js';
import { versionMismatch } from './version-mismatch.js';
import { versionSpelling } from './version-spelling.js';

export type { RuleSetting, RuleSettings } from './settings.js';

export const RULES = [
  sourceMissing,
  invalidVersion,
  versionSpelling,
  versionMismatch,
  runtimeLookup,
  mcpServerVersion,
  mcpRegistryName,
  mcpSdkBound,
  mcpbPython,
  tagMismatch,
  tagAhead,
  tagTemplate,
  groupMismatch,
  pinMismatch,
  changelogEntry,
] as const;

export type RuleId = (typeof RULES)[number]['meta']['id'];
export const RULE_IDS = RULES.map((r) => r.meta.id) as RuleId[];
/** Rule ids that were renamed: still accepted in configurations. */
export const RULE_ALIASES: Record<string, RuleId> = { 'invalid-semver': 'invalid-version' };

const ALL = RULES as unknown as readonly Rule[];

/** Whether `check --fix` repairs what the rule reports (its meta.fixable). */
export const isFixable = (id: string): boolean => ALL.some((r) => r.meta.id === id && r.meta.fixable === true);

/** The files the rules that are on read besides the sources (their meta.reads options), relative to the package root. */
export function filesRulesRead(settings: RuleSettings, rules: readonly Rule[] = ALL): string[] {
  return rules.flatMap((rule) => {
    const options = rule.meta.reads?.length ? settingOf(rule, settings)?.options : undefined;
    return options ? (rule.meta.reads ?? []).map((name) => options[name]).filter((f): f is string => typeof f === 'string') : [];
  });
}

/** The rules that are on and find more files to read from the project's declarations (their meta.discover). */
export const discoveringRules = (settings: RuleSettings, rules: readonly Rule[] = ALL): Rule[] =>
  rules.filter((rule) => rule.meta.discover && settingOf(rule, settings));

/** `{name}` replaced by data.name: the one place where diagnostics become words. */
export const formatMessage = (template: string, data: MessageData = {}): string =>
  template.replace(/\{(\w+)\}/g, (all, name: string) => (name in data ? String(data[name]) : all));

export function runRules(context: RuleContext, settings: RuleSettings, rules: readonly Rule[] = ALL): Finding<RuleId>[] {
  return rules.flatMap((rule) => {
    const on = settingOf(rule, settings);
    if (!on) return [];
    const { id, messages } = rule.meta;
    return rule.check(context, on.options).map(
      ({ warnOnly, messageId, data, ...where }): Finding<RuleId> => ({
        rule: id as RuleId,
        severity: warnOnly ? 'warn' : on.severity,
        messageId,
        message: formatMessage(messages[messageId] ?? messageId, data),
        ...where,
        ...(data ? { data } : {}),
      }),
    );
  });
}
