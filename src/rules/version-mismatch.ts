import type { LoadedSource, Placed } from '../core/package.js';
import type { VersionHit } from '../sources/types.js';
import type { Meaning } from '../version/scheme.js';
import { sameVersion } from '../version/same.js';
import { shortOf } from '../version/short.js';
import { defineRule, type Report, type TagState, type VersionTag } from './types.js';

type Id = 'sameFile' | 'differs' | 'differsSpelled' | 'cannotState' | 'noMeaning' | 'staleBesideTags' | 'differsFromTags' | 'notNewestRelease';

/** A literal beside a version taken from tags: wrong when it differs, stale at the next tag when it agrees. */
function besideTags(label: string, hit: Placed<VersionHit>, same: boolean, tag: string, expected: string, tool: string, dist = '<distribution>'): Report<Id> {
  const where = { line: hit.line, column: hit.column };
  const data = { label, found: hit.value, expected, tag, tool, distribution: dist };
  return same ? { messageId: 'staleBesideTags', data, warnOnly: true, ...where } : { messageId: 'differsFromTags', data, ...where };
}

/** Which message a source in another scheme gets: how the version is spelled there, or why it cannot be. */
function across(primary: LoadedSource, source: LoadedSource, meaning: Meaning | undefined, expected: string): { messageId: Id; data?: Record<string, string> } {
  if (source.scheme === primary.scheme) return { messageId: 'differs' };
  const scheme = source.scheme.title;
  if (source.scheme.short) {
    // X.Y is known for every valid primary, even one with no PEP 440 meaning (1.2.3-foo).
    const short = shortOf({ scheme: primary.scheme, value: expected });
    return short === undefined ? { messageId: 'differs' } : { messageId: 'differsSpelled', data: { spelled: short, scheme } };
  }
  if (!meaning) return { messageId: 'noMeaning', data: { scheme } };
  const spelled = source.scheme.spell(meaning);
  if ('none' in spelled) return { messageId: 'cannotState', data: { file: source.file, why: spelled.none } };
  return spelled.version === expected ? { messageId: 'differs' } : { messageId: 'differsSpelled', data: { spelled: spelled.version, scheme } };
}

/**
 * Between releases (the primary is a development version and HEAD carries no version tag) a source that
 * names a published release (server.json) may name the newest release tag; at a release it must agree.
 */
function betweenReleases(meaning: Meaning | undefined, tags: TagState): { newest?: VersionTag } | undefined {
  if (meaning?.dev === undefined) return undefined;
  if (!tags.available) return {};
  const atRelease = tags.headTags.length > 0 && !tags.changedSinceHead && !tags.staged;
  return atRelease ? undefined : { newest: tags.newest };
}

/** With no version tag to compare with: any version before the primary's is a release it may name. */
function olderThan(primary: LoadedSource, expected: string, source: LoadedSource, found: string): boolean {
  const spelled = source.scheme.parse(found);
  const mine = spelled && primary.scheme.spell(spelled);
  return mine !== undefined && 'version' in mine && primary.scheme.valid(mine.version) && primary.scheme.compare(mine.version, expected) < 0;
}

const ADVICE = 'with {tool} the tags are the version; read it with importlib.metadata.version("{distribution}") instead of a literal';

export const versionMismatch = defineRule({
  meta: {
    id: 'version-mismatch',
    description: 'Every source means the same release as the primary source (compared by meaning: 0.3.0rc1 ≡ 0.3.0-rc.1).',
    defaultSeverity: 'error',
    messages: {
      sameFile: '{label} is {found} here but {expected} at line {line} of the same file',
      differs: '{label} is {found} but {primaryFile} says {expected}',
      differsSpelled: '{label} is {found} but {primaryFile} says {expected} ({spelled} in {scheme})',
      cannotState: '{label} is {found} but {primaryFile} says {expected}, which cannot be stated in {file}: {why}',
      noMeaning: '{label} is {found} but {primaryFile} says {expected}, which has no {scheme} meaning, so no {scheme} source can state it',
      staleBesideTags: `{label} is a literal {found}: it goes stale at the next tag; ${ADVICE}`,
      differsFromTags: `{label} is {found} but the newest {tag} says {expected}; ${ADVICE}`,
      notNewestRelease:
        '{label} is {found}: between releases it names the newest release, {newest} (tag {tag}), or what {primaryFile} says, {expected}; at the next release bump writes it',
    },
    options: {},
    fixable: true,
  },
  check: ({ sources, primary, layout, distribution, tags }): Report<Id>[] => {
    const first = primary.hits[0];
    if (first === undefined || !primary.scheme.valid(first.value)) return [];
    const expected = first.value;
    const same = (source: LoadedSource, hit: VersionHit) =>
      sameVersion({ scheme: primary.scheme, value: expected }, { scheme: source.scheme, value: hit.value });
    const tool = layout?.fromTags;
    if (tool)
      return sources.flatMap((source) =>
        source.hits.map((hit) => ({ ...besideTags(source.label, hit, same(source, hit), primary.file, expected, tool, distribution), file: source.file })),
      );
    const meaning = primary.scheme.parse(expected);
    const between = betweenReleases(meaning, tags);
    return sources.flatMap((source) =>
      source.hits.flatMap((hit): Report<Id>[] => {
        // An invalid version is invalid-version's to report.
        if (!source.scheme.valid(hit.value) || same(source, hit)) return [];
        const where = { file: source.file, line: hit.line, column: hit.column };
        const data = { label: hit.label ?? source.label, found: hit.value, expected };
        if (source === primary) return [{ ...where, messageId: 'sameFile', data: { ...data, line: first.line } }];
        if (source.namesRelease && between) {
          const stated = { scheme: source.scheme, value: hit.value };
          if (between.newest ? sameVersion({ scheme: primary.scheme, value: between.newest.version }, stated) : olderThan(primary, expected, source, hit.value))
            return [];
          if (between.newest)
            return [
              {
                ...where,
                messageId: 'notNewestRelease',
                data: { ...data, primaryFile: primary.file, newest: between.newest.version, tag: between.newest.name },
              },
            ];
        }
        const how = across(primary, source, meaning, expected);
        return [{ ...where, messageId: how.messageId, data: { ...data, primaryFile: primary.file, ...how.data } }];
      }),
    );
  },
});
