// The version a bump leads to, in the project's scheme and within its versioning policy.
import type { Versioning } from '../config/types.js';
import { bumpMeaning, isLevel, LEVELS, preLabel } from './bump.js';
import { isSemverShaped, POLICY_WORDS } from './policy.js';
import type { Meaning, VersionScheme } from './scheme.js';

export type NextVersion = { version: string; meaning: Meaning } | { error: string; exitCode: 1 | 2 };

export interface NextOptions {
  preid?: string;
  force?: boolean;
  versioning: Versioning;
  /** The other scheme, for an explicit version spelled its way (0.3.0-rc.1 in a PEP 440 project). */
  other?: VersionScheme;
}

/** The version a bump leads to: a level applied to `current`, or an explicit version that must be newer. */
export function nextVersion(scheme: VersionScheme, current: string, spec: string, options: NextOptions): NextVersion {
  const usage = (error: string): NextVersion => ({ error, exitCode: 2 });
  const policy = (m: Meaning) => options.versioning === 'semver' && !isSemverShaped(m);
  const breach = (version: string) =>
    `${version} is not allowed by the "semver" versioning policy (${POLICY_WORDS.semver}); set "versioning": "pep440" in the configuration to use it`;
  if (isLevel(spec)) {
    const preid = options.preid === undefined ? undefined : preLabel(options.preid);
    if (options.preid !== undefined && !preid) return usage(`--preid must be a, b or rc (alpha and beta also do), not "${options.preid}": PEP 440 has no other pre-release`);
    if (options.preid !== undefined && !['premajor', 'preminor', 'prepatch', 'prerelease'].includes(spec)) return usage(`--preid goes with premajor, preminor, prepatch or prerelease, not ${spec}`);
    const m = scheme.parse(current);
    if (!m) return usage(`${current} has no meaning heimdall-version can bump (no a/b/rc pre-release); give the next version explicitly`);
    if (options.versioning === 'semver' && (spec === 'post' || spec === 'dev'))
      return usage(`the "semver" versioning policy has no ${spec} releases; set "versioning": "pep440" in the configuration to bump ${spec}`);
    const bumped = bumpMeaning(m, spec, preid);
    if ('error' in bumped) return usage(`cannot bump ${spec} from ${current}: ${bumped.error}`);
    return spelled(scheme, bumped.meaning, (v) => (policy(bumped.meaning) ? breach(v) : undefined));
  }
  const text = spec.replace(/^v(?=\d)/, '');
  const meaning = scheme.valid(text) ? scheme.parse(text) : options.other?.parse(text);
  if (!meaning) {
    if (scheme.valid(text)) return usage(`${text} has no meaning heimdall-version can write into every source (no a/b/rc pre-release)`);
    return usage(`"${spec}" is neither a bump level (${LEVELS.join(', ')}) nor a ${scheme.title} version${options.other ? ` (nor a ${options.other.title} one)` : ''}`);
  }
  const next = spelled(scheme, meaning, (v) => (policy(meaning) ? breach(v) : undefined));
  if ('version' in next && scheme.compare(next.version, current) <= 0 && !options.force)
    return { error: `${next.version} is not newer than the current version ${current}; use --force to set it anyway`, exitCode: 1 };
  return next;
}

function spelled(scheme: VersionScheme, meaning: Meaning, refuse: (version: string) => string | undefined): NextVersion {
  const s = scheme.spell(meaning);
  if ('none' in s) return { error: `${scheme.title} cannot state that version: ${s.none}`, exitCode: 2 };
  const why = refuse(s.version);
  return why ? { error: why, exitCode: 2 } : { version: s.version, meaning };
}
