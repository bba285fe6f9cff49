import type { Rule } from './types.js';

export const tagMismatch: Rule = {
  id: 'tag-mismatch',
  description: 'A version tag on HEAD names the version HEAD carries.',
  defaultSeverity: 'error',
  check: ({ project, tags }) => {
    if (!tags.available) return [{ message: `${tags.reason}: the tag rules were skipped`, warnOnly: true }];
    const version = project.version;
    if (tags.staged || tags.changedSinceHead || version === undefined || tags.headTags.length === 0) return [];
    if (tags.headTags.some((t) => t.version === version)) return [];
    const hit = project.primary.hits[0];
    const names = tags.headTags.map((t) => t.name).join(', ');
    return [{
      message: `HEAD is tagged ${names} but ${project.primary.file} says ${version}; fix the version or move the tag`,
      file: project.primary.file,
      line: hit?.line,
      column: hit?.column,
    }];
  },
};
