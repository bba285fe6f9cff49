// The "versioning" policy: which versions a project allows, and the nearest one it does.
import type { Meaning, SchemeName, VersionScheme } from './scheme.js';

/** Which versions a project allows, named after the scheme whose versions all pass (the configuration's "versioning"). */
export type Versioning = SchemeName;

export const POLICY_WORDS: Record<Versioning, string> = {
  semver: 'MAJOR.MINOR.PATCH with an optional a/b/rc pre-release (alpha/beta/rc in SemVer files) and no post, dev, epoch or local part',
  pep440: 'any version PEP 440 accepts',
};

/** Why a valid version of its scheme breaks the policy, or undefined when it does not. */
export function policyBreach(scheme: VersionScheme, version: string, versioning: Versioning): { nearest?: string } | undefined {
  if (versioning === 'pep440') return undefined;
  const m = scheme.parse(version);
  if (m && isSemverShaped(m)) return undefined;
  if (!m) return {};
  const spelled = scheme.spell(nearestSemverShaped(m));
  return { nearest: 'version' in spelled ? spelled.version : undefined };
}

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
