import { compareVersions, isSemver } from '../version/semver.js';
import type { Report, Rule } from './types.js';

export const tagAhead: Rule = {
  id: 'tag-ahead',
  description: 'No version tag reachable from HEAD is newer than the version (it never goes backwards).',
  defaultSeverity: 'error',
  check: ({ project, tags }) => {
    if (!tags.available) return [];
    const reports: Report[] = [];
    if (tags.shallow)
      reports.push({
        message: 'this is a shallow clone, so tags may be missing: run `git fetch --tags --unshallow` (GitHub Actions: actions/checkout with fetch-depth: 0)',
        warnOnly: true,
      });
    const version = project.version;
    const newest = tags.newest;
    if (version === undefined || !isSemver(version) || !newest) return reports;
    if (compareVersions(newest.version, version) > 0) {
      const hit = project.primary.hits[0];
      reports.push({
        message: `tag ${newest.name} (reachable from HEAD) is newer than ${version} in ${project.primary.file}: the version went backwards; set a version above ${newest.version}`,
        file: project.primary.file,
        line: hit?.line,
        column: hit?.column,
      });
    }
    return reports;
  },
};
