// A regular expression with a named group `version`: every match is a version to check and bump.
import { oneOf, text } from '../config/fields.js';
import { SCHEME_NAMES } from '../version/schemes.js';
import { defineKind } from './kind.js';
import { type Context, createContext, Script } from 'node:vm';
import type { Located, Locator, ManyLocator, VersionHit } from './types.js';

/** Every regex source of a run at once: their matches run under one time bound, which costs far more than a match to set up. */
export const locateRegexVersions: ManyLocator<{ pattern?: string }> = (items) => {
  const located: Located[] = new Array(items.length);
  const jobs: { at: number; text: string; re: RegExp }[] = [];
  items.forEach(({ text, options }, at) => {
    const compiled = compile(options.pattern ?? '');
    if (compiled instanceof RegExp) jobs.push({ at, text, re: compiled });
    else located[at] = compiled;
  });
  const matches = boundedMatches(jobs);
  jobs.forEach(({ at }, i) => {
    located[at] = fromMatches(items[at]!.options.pattern!, matches[i]!);
  });
  return located;
};

export const locateRegexVersion: Locator<{ pattern?: string }> = (text, options) => locateRegexVersions([{ text, options }])[0]!;

/** The pattern as a RegExp, or why it cannot be used. */
function compile(label: string): RegExp | Located {
  const invalid = (why: string): Located => ({ hits: [], lookups: [], problems: [{ kind: 'parse-error', message: `invalid pattern: ${why}` }], label });
  if (!label) return invalid('no pattern given');
  try {
    const re = new RegExp(label, 'gmd');
    // A named group is listed in `groups` even when it does not take part, so an always-matching probe reveals it.
    if (!('version' in (new RegExp(`(?:${label})|`).exec('')?.groups ?? {}))) return invalid('it has no named group (?<version>…) around the version');
    return re;
  } catch (e) {
    return invalid((e as Error).message);
  }
}

function fromMatches(label: string, matches: Match[] | 'stopped'): Located {
  if (matches === 'stopped')
    return {
      hits: [],
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
  const hits: VersionHit[] = matches.map(([value, start, end]) => ({ value, start, end }));
  const problems = hits.length ? [] : [{ kind: 'not-found' as const, message: `the pattern /${label}/ matches nothing` }];
  return { hits, lookups: [], problems, label };
}

/** V8's regular expressions backtrack; a pattern from a repository must not hang the check: each match runs under a time limit. */
const TIME_LIMIT_MS = 1500;

type Match = [string, number, number];

/**
 * One context for the run, and one time bound for every match that fits in it: node:vm interrupts a
 * running regular expression at its timeout, but arming that timeout costs each call a thread.
 * `at` tells which match was running when the bound stopped the batch: one that had the whole bound
 * to itself is stopped, one that started late is run again first in a batch of its own, so that
 * every match gets its full time limit.
 */
let bounded: { context: Context; script: Script } | undefined;

function boundedMatches(jobs: { text: string; re: RegExp }[]): (Match[] | 'stopped')[] {
  const results: (Match[] | 'stopped')[] = new Array(jobs.length);
  if (jobs.length === 0) return results;
  // matchAll steps past empty matches itself, so a pattern that can match nothing cannot loop.
  bounded ??= {
    context: createContext({}),
    script: new Script(`for (; at < jobs.length; at++)
  results[at] = Array.from(jobs[at].text.matchAll(jobs[at].re), (m) => m.groups && m.groups.version ? [m.groups.version, ...m.indices.groups.version] : null).filter(Boolean)`),
  };
  const { context, script } = bounded;
  context.jobs = jobs;
  context.results = results;
  try {
    for (let from = 0; from < jobs.length; ) {
      context.at = from;
      try {
        script.runInContext(context, { timeout: TIME_LIMIT_MS });
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw e;
        const at = context.at as number;
        if (at === from) results[at] = 'stopped';
        from = at === from ? at + 1 : at;
      }
    }
  } finally {
    // The next run's texts replace these; none is kept alive by the context.
    context.jobs = context.results = undefined;
  }
  return results;
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
  locateAll: locateRegexVersions,
});
