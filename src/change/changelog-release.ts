// bump with the changelog-entry rule on: the "Unreleased" heading becomes the new version with its
// date ("## [Unreleased]" → "## [1.3.0] - 2026-11-25"); every other byte of the changelog stays.
import type { Project } from '../core/project.js';
import { changelogSetting } from '../rules/changelog-entry.js';
import { formatDate, markdownHeadings, releaseDate, releasedHeading, unreleasedHeading, versionHeading } from '../core/changelog.js';
import type { FileChange } from './plan.js';

export function changelogRelease(project: Project, version: string, date = releaseDate()): FileChange[] {
  const setting = changelogSetting(project.config.rules);
  const read = setting && project.read(setting.file);
  const log = read && 'text' in read ? { ...setting, text: read.text } : undefined;
  if (!log?.text) return [];
  const headings = markdownHeadings(log.text);
  const unreleased = unreleasedHeading(headings);
  if (!unreleased || versionHeading(headings, version)) return [];
  const renamed = releasedHeading(unreleased, version, formatDate(log.dateFormat, date));
  const newText = log.text.slice(0, unreleased.start) + renamed + log.text.slice(unreleased.end);
  return [
    {
      file: log.file,
      before: Buffer.from(log.text, 'utf8'),
      after: Buffer.from(newText, 'utf8'),
      oldText: log.text,
      newText,
      edits: [{ file: log.file, start: unreleased.start, end: unreleased.end, line: unreleased.line, old: unreleased.text, new: renamed }],
    },
  ];
}
