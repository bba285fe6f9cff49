import type { Placed } from '../core/project.js';
import type { VersionHit } from '../sources/types.js';
import type { Report, Rule } from './types.js';

/** A literal beside a version taken from tags: wrong when it differs, stale at the next tag when it agrees. */
function besideTags(label: string, hit: Placed<VersionHit>, tag: string, expected: string, tool: string, dist = '<distribution>'): Report {
  const advice = `with ${tool} the tags are the version; read it with importlib.metadata.version("${dist}") instead of a literal`;
  const where = { line: hit.line, column: hit.column };
  return hit.value === expected
    ? { message: `${label} is a literal ${hit.value}: it goes stale at the next tag; ${advice}`, warnOnly: true, ...where }
    : { message: `${label} is ${hit.value} but the newest ${tag} says ${expected}; ${advice}`, ...where };
}

export const versionMismatch: Rule = {
  id: 'version-mismatch',
  description: 'Every source states the same version as the primary source.',
  defaultSeverity: 'error',
  check: ({ project }) => {
    const { primary } = project;
    const expected = primary.hits[0]?.value;
    if (expected === undefined) return [];
    const tool = project.layout?.fromTags;
    if (tool) return project.sources.flatMap((source) => source.hits.map((hit) => ({ ...besideTags(source.label, hit, primary.file, expected, tool, project.distribution), file: source.file })));
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
