// A regular expression with a named group `version`: every match is a version to check and bump.
import { oneOf, text } from '../config/fields.js';
import { SCHEME_NAMES } from '../version/schemes.js';
import { defineKind } from './kind.js';
import { runInNewContext } from 'node:vm';
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
  let matches: [string, number, number][];
  try {
    matches = boundedMatches(text, re);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw e;
    return {
      hits,
      lookups: [],
      problems: [
        {
          kind: 'parse-error',
          message: `the pattern /${label}/ was stopped after ${TIME_LIMIT_MS / 1000} s (it backtracks catastrophically on this file); make it more specific`,
          offset: 0,
        },
      ],
      label,
    };
  }
  for (const [value, start, end] of matches) hits.push({ value, start, end });
  const problems = hits.length ? [] : [{ kind: 'not-found' as const, message: `the pattern /${label}/ matches nothing` }];
  return { hits, lookups: [], problems, label };
};

/** V8's regular expressions backtrack; a pattern from a repository must not hang the check: the match runs under a time limit. */
const TIME_LIMIT_MS = 1500;

function boundedMatches(text: string, re: RegExp): [string, number, number][] {
  // node:vm interrupts a running regular expression at its timeout.
  // matchAll steps past empty matches itself, so a pattern that can match nothing cannot loop.
  const code = 'Array.from(text.matchAll(re), (m) => m.groups && m.groups.version ? [m.groups.version, ...m.indices.groups.version] : null).filter(Boolean)';
  return runInNewContext(code, { text, re }, { timeout: TIME_LIMIT_MS }) as [string, number, number][];
}

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
  scheme: 'primary',
  description: 'Every match of a regular expression with a named group (?<version>…).',
  options: {
    pattern: text({ check: patternProblem })
      .required('is required for a regex source')
      .describe('regex: a JavaScript pattern with a named group (?<version>…).'),
    scheme: oneOf(SCHEME_NAMES).describe(
      `regex: read its versions as ${SCHEME_NAMES.map((n) => `"${n}"`)
        .join(', ')
        .replace(/, ([^,]*)$/, ' or $1')} (default: the primary source's scheme).`,
    ),
  },
  label: (o) => o.pattern,
  locate: locateRegexVersion,
});
