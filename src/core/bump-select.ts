// Which packages a bump in a workspace changes: the one --package names, every member of the group
// --group names, or with neither the one thing the workspace versions (one package, or one fixed group
// holding them all). Anything else is a usage error (exit 2) that lists what can be named.
import type { GroupDecl, WorkspaceDecl } from '../config/types.js';
import { UserError } from './errors.js';
import { didYouMean } from './suggest.js';

export interface BumpTarget {
  /** What the bump is of, for messages and {name} in the commit message: a package's name or a group's. */
  name: string;
  /** The package names bumped, in the group's order. */
  packages: string[];
  group?: GroupDecl;
}

const quoted = (s: string) => `"${s}"`;

export function bumpTarget(workspace: WorkspaceDecl, packageRef: string | undefined, groupRef: string | undefined): BumpTarget {
  const { packages, groups } = workspace;
  const fixed = groups.filter((g) => g.policy === 'fixed' && g.packages.length > 0);
  const groupOf = (name: string) => fixed.find((g) => g.packages.includes(name));
  const listing = () => `the packages: ${packages.map((p) => p.name).join(', ')}${fixed.length ? `; the groups: ${fixed.map((g) => g.name).join(', ')}` : ''}`;
  if (packageRef !== undefined && groupRef !== undefined) throw new UserError('bump takes --package or --group, not both');
  if (groupRef !== undefined) {
    const group = fixed.find((g) => g.name === groupRef);
    if (!group)
      throw new UserError(
        `--group: no group is named "${groupRef}"${didYouMean(
          groupRef,
          fixed.map((g) => g.name),
          quoted,
        )} (${listing()})`,
      );
    return { name: group.name, packages: group.packages, group };
  }
  if (packageRef !== undefined) {
    const ref = packageRef.replace(/^\.\/?|\/+$/g, '');
    const found = packages.find((p) => p.name === packageRef) ?? packages.find((p) => p.path === ref && ref !== '');
    if (!found)
      throw new UserError(
        `--package: no package is named "${packageRef}"${didYouMean(
          packageRef,
          packages.map((p) => p.name),
          quoted,
        )} (${listing()})`,
      );
    const group = groupOf(found.name);
    if (group && group.packages.length > 1)
      throw new UserError(
        `--package: ${found.name} is in the fixed group "${group.name}" (${group.packages.join(', ')}), which has one version: bump --group ${group.name}`,
      );
    return { name: found.name, packages: [found.name], ...(group ? { group } : {}) };
  }
  const loose = packages.filter((p) => !groupOf(p.name));
  if (fixed.length + loose.length === 1)
    return fixed[0] ? { name: fixed[0].name, packages: fixed[0].packages, group: fixed[0] } : { name: loose[0]!.name, packages: [loose[0]!.name] };
  throw new UserError(
    `this workspace has ${fixed.length + loose.length} independently versioned packages or groups; name what to bump with --package NAME or --group NAME (${listing()})`,
  );
}
