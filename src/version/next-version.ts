// The version a bump leads to, in the project's scheme and within its versioning policy.
import { preLabel } from './bump.js';
import type { Meaning, Policy, VersionScheme } from './scheme.js';
import { BUMP_LEVELS, versioningFor, versioningWithLevel } from './schemes.js';

export type NextVersion = { version: string; meaning: Meaning } | { error: string; exitCode: 1 | 2 };

export interface NextOptions {
  preid?: string;
  force?: boolean;
  /** The project's versioning policy: its levels, and which versions it allows. */
  policy: Policy;
  /** Every other scheme that may read an explicit version spelled its way (0.3.0-rc.1 in a PEP 440 project). */
  others?: readonly VersionScheme[];
  /** Today, for levels that follow the calendar. */
  now: Date;
}

const PRE_LEVELS = ['premajor', 'preminor', 'prepatch', 'prerelease'];

/** The version a bump leads to: a level applied to `current`, or an explicit version that must be newer. */
export function nextVersion(scheme: VersionScheme, current: string, spec: string, options: NextOptions): NextVersion {
  const { policy, others = [] } = options;
  const usage = (error: string): NextVersion => ({ error, exitCode: 2 });
  const breach = (version: string, meaning: Meaning) => {
    if (policy.allows(meaning)) return undefined;
    const other = versioningFor(meaning, policy.name);
    return `${version} is not allowed by the "${policy.name}" versioning policy (${policy.words})${other ? `; set "versioning": "${other}" in the configuration to use it` : ''}`;
  };
  if (BUMP_LEVELS.includes(spec)) {
    const preid = options.preid === undefined ? undefined : preLabel(options.preid);
    if (options.preid !== undefined && !preid)
      return usage(`--preid must be a, b or rc (alpha and beta also do), not "${options.preid}": PEP 440 has no other pre-release`);
    if (options.preid !== undefined && !PRE_LEVELS.includes(spec)) return usage(`--preid goes with premajor, preminor, prepatch or prerelease, not ${spec}`);
    const m = scheme.parse(current);
    if (!m) return usage(`${current} has no meaning heimdall-version can bump (no a/b/rc pre-release); give the next version explicitly`);
    if (!policy.levels.includes(spec)) {
      const other = versioningWithLevel(spec, policy.name);
      const advice = other ? `set "versioning": "${other}" in the configuration to bump ${spec}` : `its levels are ${policy.levels.join(', ')}`;
      return usage(`the "${policy.name}" versioning policy has no ${spec} releases; ${advice}`);
    }
    const bumped = policy.bump(m, spec, { preid, now: options.now });
    if ('error' in bumped) return usage(`cannot bump ${spec} from ${current}: ${bumped.error}`);
    return spelled(scheme, bumped.meaning, (v) => breach(v, bumped.meaning));
  }
  const text = spec.replace(/^v(?=\d)/, '');
  const reader = scheme.valid(text) ? scheme : others.find((o) => o.valid(text));
  const meaning = reader?.parse(text);
  if (!meaning) {
    if (scheme.valid(text)) return usage(`${text} has no meaning heimdall-version can write into every source (no a/b/rc pre-release)`);
    const nor = others.length ? ` (nor a ${others.map((o) => o.title).join(' or a ')} one)` : '';
    return usage(`"${spec}" is neither a bump level (${BUMP_LEVELS.join(', ')}) nor a ${scheme.title} version${nor}`);
  }
  const next = spelled(scheme, meaning, (v) => breach(v, meaning));
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
