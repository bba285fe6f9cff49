import type { Rule } from './types.js';

export const versionMismatch: Rule = {
  id: 'version-mismatch',
  description: 'Every source states the same version as the primary source.',
  defaultSeverity: 'error',
  check: ({ project }) => {
    const { primary } = project;
    const expected = primary.hits[0]?.value;
    if (expected === undefined) return [];
    return project.sources.flatMap((source) =>
      source.hits
        .filter((hit) => hit.value !== expected)
        .map((hit) => ({
          message:
            source === primary
              ? `${source.label} is ${hit.value} here but ${expected} at line ${primary.hits[0]!.line} of the same file`
              : `${source.label} is ${hit.value} but ${primary.file} says ${expected}`,
          file: source.file,
          line: hit.line,
          column: hit.column,
        })),
    );
  },
};
