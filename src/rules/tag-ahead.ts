import { defineRule, type Report } from './types.js';

export const tagAhead = defineRule({
  meta: {
    id: 'tag-ahead',
    description: "No version tag reachable from HEAD is newer than the version (it never goes backwards), in the primary scheme's order.",
    defaultSeverity: 'error',
    messages: {
      shallow: 'this is a shallow clone, so tags may be missing: run `git fetch --tags --unshallow` (GitHub Actions: actions/checkout with fetch-depth: 0)',
      ahead: 'tag {tag} (reachable from HEAD) is newer than {version} in {file}: the version went backwards; set a version above {tagVersion}',
    },
    options: {},
  },
  check: ({ version, scheme, primary, tags }) => {
    if (!tags.available) return [];
    const reports: Report<'shallow' | 'ahead'>[] = [];
    if (tags.shallow) reports.push({ messageId: 'shallow', warnOnly: true });
    const newest = tags.newest;
    if (version === undefined || !scheme.valid(version) || !newest) return reports;
    if (scheme.compare(newest.version, version) > 0) {
      const hit = primary.hits[0];
      reports.push({
        messageId: 'ahead',
        data: { tag: newest.name, tagVersion: newest.version, version, file: primary.file },
        file: primary.file,
        line: hit?.line,
        column: hit?.column,
      });
    }
    return reports;
  },
});
