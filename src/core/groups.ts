// --group NAME, as check and show read it: the names of the group's packages, or a usage error
// naming the groups there are.
import type { LoadedConfig } from '../config/types.js';
import { UserError } from './errors.js';
import { notAWorkspace } from './one-package.js';

export function packagesOfGroups(loaded: LoadedConfig, groups: string[] | undefined): string[] {
  if (!groups?.length) return [];
  const known = loaded.workspace?.groups ?? [];
  if (!loaded.workspace) throw notAWorkspace(loaded, '--group');
  return groups.flatMap((name) => {
    const group = known.find((g) => g.name === name);
    if (!group) throw new UserError(`--group: no group is named "${name}" (the groups: ${known.map((g) => g.name).join(', ') || 'none'})`);
    return group.packages;
  });
}
