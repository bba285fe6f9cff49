// The commands that write or release act on one package: at a workspace root, which one is the
// user's to say, never the first one found.
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
