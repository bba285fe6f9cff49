// SemVer in the registry, and the default "versioning" policy: MAJOR.MINOR.PATCH with an optional
// a/b/rc pre-release, whichever scheme a file is read in (0.3.0rc1 in Python files, 0.3.0-rc.1 in package.json).
import { bumpMeaning, LEVELS, type Level } from './bump.js';
import { defineScheme, type Meaning, type Policy } from './scheme.js';
import { semver } from './semver.js';

const SEMVER_LEVELS = LEVELS.filter((l) => l !== 'post' && l !== 'dev');

export function isSemverShaped(m: Meaning): boolean {
  return m.epoch === 0 && m.release.length === 3 && m.post === undefined && m.dev === undefined && m.local === undefined;
}

/** Three release numbers; a post-release becomes the next patch, a dev release an alpha. */
function nearestSemverShaped(m: Meaning): Meaning {
  const [major = 0, minor = 0, patch = 0] = m.release;
  if (m.post !== undefined) return { epoch: 0, release: [major, minor, patch + 1] };
  const pre = m.pre ?? (m.dev !== undefined ? (['a', 0] as Meaning['pre']) : undefined);
  return { epoch: 0, release: [major, minor, patch], ...(pre ? { pre } : {}) };
}

const policy: Policy = {
  name: 'semver',
  words: 'MAJOR.MINOR.PATCH with an optional a/b/rc pre-release (alpha/beta/rc in SemVer files) and no post, dev, epoch or local part',
  levels: SEMVER_LEVELS,
  allows: (m) => m !== undefined && isSemverShaped(m),
  nearest: nearestSemverShaped,
  bump: (m, level, { preid }) => bumpMeaning(m, level as Level, preid),
};

export const semverScheme = defineScheme({
  name: 'semver',
  description: 'MAJOR.MINOR.PATCH with an optional a/b/rc pre-release, spelled 0.3.0rc1 in Python files and 0.3.0-rc.1 in package.json',
  options: {},
  levels: SEMVER_LEVELS,
  policy: () => policy,
  load: () => semver,
});
