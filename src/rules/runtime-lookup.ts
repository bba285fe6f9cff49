import type { Rule } from './types.js';

/** PEP 503 normalization: the names pip and importlib.metadata treat as the same distribution. */
export const normalizeDistribution = (name: string) => name.toLowerCase().replace(/[-_.]+/g, '-');

export const runtimeLookup: Rule = {
  id: 'runtime-lookup',
  description: 'A runtime importlib.metadata lookup names this project\'s own distribution.',
  defaultSeverity: 'error',
  check: ({ project }) =>
    project.sources.flatMap((source) =>
      source.lookups.flatMap((lookup) => {
        const where = { file: source.file, line: lookup.line, column: lookup.column };
        if (project.distribution === undefined)
          return [{ ...where, warnOnly: true, message: `${source.label} looks up the distribution "${lookup.distribution}", which cannot be verified: pyproject.toml has no [project] name` }];
        if (normalizeDistribution(lookup.distribution) === normalizeDistribution(project.distribution)) return [];
        const fallback = source.hits[0] ? `the fallback ${source.hits[0].value} is used` : 'it raises PackageNotFoundError';
        return [{
          ...where,
          message: `${source.label} looks up the distribution "${lookup.distribution}" but this project is "${project.distribution}": installed, the lookup fails and ${fallback}; change it to version("${project.distribution}")`,
        }];
      }),
    ),
};
