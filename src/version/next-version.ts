// The version a bump leads to, computed with semver's `inc`, which the caller loads: it is bundled
// but initialised only when a bump needs it, so that check never pays for it.
import type inc from 'semver/functions/inc.js';
import { compareVersions, isSemver } from './semver.js';

export type Increment = typeof inc;
export const loadIncrement = async (): Promise<Increment> => (await import('semver/functions/inc.js')).default;

export const LEVELS = ['major', 'minor', 'patch', 'premajor', 'preminor', 'prepatch', 'prerelease'] as const;
export type Level = (typeof LEVELS)[number];

export type NextVersion = { version: string } | { error: string; exitCode: 1 | 2 };

/** The version a bump leads to: a level applied to `current`, or an explicit version that must be newer. */
export function nextVersion(inc: Increment, current: string, spec: string, options: { preid?: string; force?: boolean } = {}): NextVersion {
  if ((LEVELS as readonly string[]).includes(spec)) {
    if (options.preid !== undefined && !/^[0-9A-Za-z-]+$/.test(options.preid))
      return { error: `--preid must be letters, digits or hyphens, not "${options.preid}"`, exitCode: 2 };
    const next = inc(current, spec as Level, {}, options.preid);
    if (!next) return { error: `cannot ${spec}-bump ${current}`, exitCode: 2 };
    return { version: next };
  }
  const explicit = spec.replace(/^v(?=\d)/, '');
  if (!isSemver(explicit))
    return { error: `"${spec}" is neither a bump level (${LEVELS.join(', ')}) nor a SemVer 2.0 version`, exitCode: 2 };
  if (compareVersions(explicit, current) <= 0 && !options.force)
    return { error: `${explicit} is not newer than the current version ${current}; use --force to set it anyway`, exitCode: 1 };
  return { version: explicit };
}
