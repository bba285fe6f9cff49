// A regular expression with a named group `version`: every match is a version to check and bump.
import type { Locator } from './types.js';

export const locateRegexVersion: Locator = (text, options) => {
  const label = options.pattern ?? '';
  let re: RegExp;
  try {
    re = new RegExp(label, 'gmd');
  } catch (e) {
    return { hits: [], lookups: [], problems: [{ kind: 'parse-error', message: `invalid pattern: ${(e as Error).message}` }], label };
  }
  if (!label.includes('(?<version>')) return { hits: [], lookups: [], problems: [{ kind: 'parse-error', message: 'invalid pattern: it has no named group (?<version>…)' }], label };
  const hits = [];
  for (const m of text.matchAll(re)) {
    const range = m.indices?.groups?.version;
    if (range && m.groups?.version) hits.push({ value: m.groups.version, start: range[0], end: range[1] });
  }
  const problems = hits.length ? [] : [{ kind: 'not-found' as const, message: `the pattern /${label}/ matches nothing` }];
  return { hits, lookups: [], problems, label };
};
