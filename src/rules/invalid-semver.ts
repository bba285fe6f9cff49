import { isSemver } from '../version/semver.js';
import { defineRule } from './types.js';

export const invalidSemver = defineRule({
  meta: {
    id: 'invalid-semver',
    description: 'Every version is a SemVer 2.0 version (MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]).',
    defaultSeverity: 'error',
    messages: {
      notSemver: '{label} is "{version}", which is not a SemVer 2.0 version (MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD], e.g. 1.2.0 or 1.2.0-rc.1)',
    },
    options: {},
  },
  check: ({ project }) =>
    project.sources.flatMap((source) =>
      source.hits
        .filter((hit) => !isSemver(hit.value))
        .map((hit) => ({ messageId: 'notSemver' as const, data: { label: source.label, version: hit.value }, file: source.file, line: hit.line, column: hit.column })),
    ),
});
