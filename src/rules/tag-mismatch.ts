import { sameVersion } from '../version/same.js';
import { defineRule } from './types.js';

export const tagMismatch = defineRule({
  meta: {
    id: 'tag-mismatch',
    description: 'A version tag on HEAD names the version HEAD carries.',
    defaultSeverity: 'error',
    messages: {
      skipped: '{reason}: the tag rules were skipped',
      mismatch: 'HEAD is tagged {tags} but {file} says {version}; fix the version or move the tag',
    },
    options: {},
  },
  check: ({ version, scheme, primary, tags }) => {
    if (!tags.available) return [{ messageId: 'skipped', data: { reason: tags.reason }, warnOnly: true }];
    if (tags.staged || tags.changedSinceHead || version === undefined || tags.headTags.length === 0) return [];
    if (tags.headTags.some((t) => sameVersion({ scheme, value: t.version }, { scheme, value: version }))) return [];
    const hit = primary.hits[0];
    const data = { tags: tags.headTags.map((t) => t.name).join(', '), file: primary.file, version };
    return [{ messageId: 'mismatch', data, file: primary.file, line: hit?.line, column: hit?.column }];
  },
});
