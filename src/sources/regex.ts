// A regular expression with a named group `version`: every match is a version to check and bump.
import { text } from '../config/fields.js';
import { defineKind } from './kind.js';
import type { Located, Locator, VersionHit } from './types.js';

export const locateRegexVersion: Locator<{ pattern?: string }> = (text, options) => {
  const label = options.pattern ?? '';
  const invalid = (why: string): Located => ({ hits: [], lookups: [], problems: [{ kind: 'parse-error', message: `invalid pattern: ${why}` }], label });
  if (!label) return invalid('no pattern given');
  let re: RegExp;
  try {
    re = new RegExp(label, 'gmd');
    // A named group is listed in `groups` even when it does not take part, so an always-matching probe reveals it.
    if (!('version' in (new RegExp(`(?:${label})|`).exec('')?.groups ?? {}))) return invalid('it has no named group (?<version>…) around the version');
  } catch (e) {
    return invalid((e as Error).message);
  }
  const hits: VersionHit[] = [];
  // matchAll steps past empty matches itself, so a pattern that can match nothing cannot loop.
  for (const m of text.matchAll(re)) {
    const range = m.indices?.groups?.version;
    if (range && m.groups?.version) hits.push({ value: m.groups.version, start: range[0], end: range[1] });
  }
  const problems = hits.length ? [] : [{ kind: 'not-found' as const, message: `the pattern /${label}/ matches nothing` }];
  return { hits, lookups: [], problems, label };
};

/** Why a configured pattern cannot work, or undefined. */
function patternProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern, 'gmd');
  } catch (e) {
    return `is not a valid regular expression: ${(e as Error).message}`;
  }
  if (!pattern.includes('(?<version>')) return 'must have a named group (?<version>…) around the version';
  return undefined;
}

export const regexSource = defineKind({
  type: 'regex',
  description: 'Every match of a regular expression with a named group (?<version>…).',
  options: {
    pattern: text({ check: patternProblem }).required('is required for a regex source').describe('regex: a JavaScript pattern with a named group (?<version>…).'),
  },
  label: (o) => o.pattern,
  locate: locateRegexVersion,
});
