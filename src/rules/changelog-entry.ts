// changelog-entry: the changelog names the version (keep-a-changelog, towncrier), or has an
// Unreleased section that bump will turn into it; a release needs the version's own heading.
import { text } from '../config/fields.js';
import { markdownHeadings, unreleasedHeading, versionHeading } from '../core/changelog.js';
import { settingOf, type RuleSettings } from './settings.js';
import { defineRule, type Report } from './types.js';

type Id = 'missing' | 'noEntry' | 'unreleasedOnly';

export const changelogEntry = defineRule({
  meta: {
    id: 'changelog-entry',
    description: 'The changelog has a heading for the version or an Unreleased section (off unless turned on).',
    defaultSeverity: 'off',
    messages: {
      missing: '{file} {why}; the changelog-entry rule reads it (set its "file" option, or turn the rule off)',
      noEntry: '{file} has no heading for {version} and no Unreleased section; add "## [Unreleased]" with the changes',
      unreleasedOnly: '{file} has no heading for {version}, which is being released, only an Unreleased section; heimdall-version bump renames it',
    },
    options: {
      file: text().default('CHANGELOG.md').describe('The changelog (Markdown).'),
      dateFormat: text({ allowEmpty: true }).default('YYYY-MM-DD').describe('The date bump writes after the version in the renamed heading; "" for none.'),
    },
    reads: ['file'],
  },
  check: ({ version, releasing, read }, { file }): Report<Id>[] => {
    if (version === undefined) return [];
    const log = read(file);
    if (!('text' in log)) return [{ messageId: 'missing', data: { file, why: log.missing }, file }];
    const headings = markdownHeadings(log.text);
    if (versionHeading(headings, version)) return [];
    const unreleased = unreleasedHeading(headings);
    if (unreleased && !releasing) return [];
    const where = unreleased ? { line: unreleased.line, column: 1 } : {};
    return [{ messageId: unreleased ? 'unreleasedOnly' : 'noEntry', data: { file, version }, file, ...where }];
  },
});

/** The changelog bump renames the Unreleased heading of, with the date format: the rule's options, when it is on. */
export function changelogSetting(settings: RuleSettings): { file: string; dateFormat: string } | undefined {
  return settingOf(changelogEntry, settings)?.options;
}
