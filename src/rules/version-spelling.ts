import { canonical } from '../version/scheme.js';
import { defineRule } from './types.js';

export const versionSpelling = defineRule({
  meta: {
    id: 'version-spelling',
    description: 'Versions in Python files are in normalized PEP 440 form (0.3.0rc1, not 0.3.0-rc.1), as build writes them.',
    defaultSeverity: 'warn',
    messages: {
      notNormalized: '{label} is "{version}", which {spells} {normalized}{because}; heimdall-version check --fix rewrites it',
      shortNotNormalized:
        '{label} is "{version}", which the documentation shows as written; its short X.Y form is {normalized}, and heimdall-version check --fix rewrites it',
    },
    options: {},
    fixable: true,
  },
  check: ({ sources }) =>
    sources.flatMap((source) => {
      const form = source.scheme.normalForm;
      if (!form) return [];
      const messageId = source.scheme.short ? ('shortNotNormalized' as const) : ('notNormalized' as const);
      return source.hits.flatMap((hit) => {
        const normalized = canonical(source.scheme, hit.value);
        if (normalized === undefined || normalized === hit.value) return [];
        return [{ messageId, data: { label: source.label, version: hit.value, normalized, ...form }, file: source.file, line: hit.line, column: hit.column }];
      });
    }),
});
