import { normalizeDistribution } from '../core/names.js';
import { defineRule, type Report } from './types.js';

export const runtimeLookup = defineRule({
  meta: {
    id: 'runtime-lookup',
    description: "A runtime importlib.metadata lookup names this project's own distribution.",
    defaultSeverity: 'error',
    messages: {
      unverifiable: '{label} looks up the distribution "{lookup}", which cannot be verified: pyproject.toml has no [project] name',
      otherWithFallback:
        '{label} looks up the distribution "{lookup}" but this project is "{distribution}": installed, the lookup fails and the fallback {fallback} is used; change it to version("{distribution}")',
      other:
        '{label} looks up the distribution "{lookup}" but this project is "{distribution}": installed, the lookup fails and it raises PackageNotFoundError; change it to version("{distribution}")',
    },
    options: {},
  },
  check: ({ sources, distribution }) =>
    sources.flatMap((source) =>
      source.lookups.flatMap((lookup): Report<'unverifiable' | 'otherWithFallback' | 'other'>[] => {
        const where = { file: source.file, line: lookup.line, column: lookup.column };
        const data = { label: source.label, lookup: lookup.distribution };
        if (distribution === undefined) return [{ ...where, warnOnly: true, messageId: 'unverifiable', data }];
        if (normalizeDistribution(lookup.distribution) === normalizeDistribution(distribution)) return [];
        const fallback = source.hits[0]?.value;
        return [{ ...where, messageId: fallback ? 'otherWithFallback' : 'other', data: { ...data, distribution, ...(fallback ? { fallback } : {}) } }];
      }),
    ),
});
