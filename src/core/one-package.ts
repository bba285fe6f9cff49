// The commands that write or release act on one package: at a workspace root, which one is the
// user's to say, never the first one found.
import path from 'node:path';
import type { LoadedConfig } from '../config/types.js';
import { UserError } from './errors.js';

/** Refuses a workspace root (exit 2), naming its packages and how to act on one. */
export function refuseWorkspaceRoot(loaded: LoadedConfig, command: string): void {
  const packages = loaded.workspace?.packages;
  if (!packages) return;
  const listed = packages.map((p) => `  ${p.name} (${p.path || '.'})`).join('\n');
  const example = packages.find((p) => p.path !== '')?.path ?? '.';
  throw new UserError(
    `${command} acts on one package, and this workspace has ${packages.length} (${loaded.workspace!.reason}); run it in the package's directory, e.g. --cwd ${example}:\n${listed}`,
  );
}

/** --package or --group outside a workspace; in a member of one, where to run it instead. */
export function notAWorkspace(loaded: LoadedConfig, flag: '--package' | '--group'): UserError {
  const what = flag === '--group' ? 'a group' : 'a package';
  if (!loaded.workspaceRoot || loaded.workspaceRoot === loaded.root)
    return new UserError(`${flag} names ${what} of a workspace, but this project is one package`);
  const there = path.relative(process.cwd(), loaded.workspaceRoot) || '.';
  return new UserError(`${flag} names ${what} of a workspace, and this is one of its packages: run it at the workspace root (--cwd ${there})`);
}
