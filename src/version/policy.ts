// The "versioning" policy applied to one stated version: whether it is allowed, and the nearest one that is.
import type { Policy, VersionScheme } from './scheme.js';
import type { VersioningSetting } from './schemes.js';

/** Which versions a project allows: the configuration's "versioning", a registered scheme's name or [name, options]. */
export type Versioning = VersioningSetting;

/** Why a valid version of its scheme breaks the policy, or undefined when it does not. */
export function policyBreach(scheme: VersionScheme, version: string, policy: Policy): { nearest?: string } | undefined {
  const m = scheme.parse(version);
  if (policy.allows(m)) return undefined;
  const near = m && policy.nearest?.(m);
  if (!near) return {};
  const spelled = scheme.spell(near);
  return { nearest: 'version' in spelled ? spelled.version : undefined };
}
