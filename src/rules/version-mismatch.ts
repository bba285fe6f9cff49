import type { Placed } from '../core/project.js';
import type { VersionHit } from '../sources/types.js';
import { defineRule, type Report } from './types.js';

type Id = 'sameFile' | 'differs' | 'staleBesideTags' | 'differsFromTags';

/** A literal beside a version taken from tags: wrong when it differs, stale at the next tag when it agrees. */
function besideTags(label: string, hit: Placed<VersionHit>, tag: string, expected: string, tool: string, dist = '<distribution>'): Report<Id> {
  const where = { line: hit.line, column: hit.column };
  const data = { label, found: hit.value, expected, tag, tool, distribution: dist };
  return hit.value === expected ? { messageId: 'staleBesideTags', data, warnOnly: true, ...where } : { messageId: 'differsFromTags', data, ...where };
}

const ADVICE = 'with {tool} the tags are the version; read it with importlib.metadata.version("{distribution}") instead of a literal';

export const versionMismatch = defineRule({
  meta: {
    id: 'version-mismatch',
    description: 'Every source states the same version as the primary source.',
    defaultSeverity: 'error',
    messages: {
      sameFile: '{label} is {found} here but {expected} at line {line} of the same file',
      differs: '{label} is {found} but {primaryFile} says {expected}',
      staleBesideTags: `{label} is a literal {found}: it goes stale at the next tag; ${ADVICE}`,
      differsFromTags: `{label} is {found} but the newest {tag} says {expected}; ${ADVICE}`,
    },
    options: {},
  },
  check: ({ project }): Report<Id>[] => {
    const { primary } = project;
    const expected = primary.hits[0]?.value;
    if (expected === undefined) return [];
    const tool = project.layout?.fromTags;
    if (tool) return project.sources.flatMap((source) => source.hits.map((hit) => ({ ...besideTags(source.label, hit, primary.file, expected, tool, project.distribution), file: source.file })));
    return project.sources.flatMap((source) =>
      source.hits
        .filter((hit) => hit.value !== expected)
        .map((hit) => ({
          messageId: source === primary ? ('sameFile' as const) : ('differs' as const),
          data: { label: source.label, found: hit.value, expected, ...(source === primary ? { line: primary.hits[0]!.line } : { primaryFile: primary.file }) },
          file: source.file,
          line: hit.line,
          column: hit.column,
        })),
    );
  },
});
