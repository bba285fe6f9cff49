import { isSemver } from '../version/semver.js';
import type { Rule } from './types.js';

export const invalidSemver: Rule = {
  id: 'invalid-semver',
  description: 'Every version is a SemVer 2.0 version (MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]).',
  defaultSeverity: 'error',
  check: ({ project }) =>
    project.sources.flatMap((source) =>
      source.hits
        .filter((hit) => !isSemver(hit.value))
        .map((hit) => ({
          message: `${source.label} is "${hit.value}", which is not a SemVer 2.0 version (MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD], e.g. 1.2.0 or 1.2.0-rc.1)`,
          file: source.file,
          line: hit.line,
          column: hit.column,
        })),
    ),
};
