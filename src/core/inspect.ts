// check and show: load the project, read each package's tags, run the rules on each package.
import { loadConfig, type LoadConfigOptions } from '../config/load.js';
import type { LoadedConfig } from '../config/types.js';
import { UserError } from './errors.js';
import { notAWorkspace } from './one-package.js';
import { loadProject, type Project } from './project.js';
import { RULES } from '../rules/index.js';
import { settingOf } from '../rules/settings.js';
import type { Rule, TagState } from '../rules/types.js';
import { type CheckResult, sourceSummary } from './result.js';
import { checkPackage } from './check-package.js';

export { checkPackage, ruleContext, versionTags, type Around } from './check-package.js';

export type { CheckResult, SourceSummary } from './result.js';
import { indexReader } from '../git/blobs.js';
import { workTreeReader, type FileReader } from '../git/workspace.js';

export interface CheckOptions extends LoadConfigOptions {
  /** Read the sources from the git index instead of the work tree. */
  staged?: boolean;
}

export async function check(options: CheckOptions = {}): Promise<CheckResult> {
  return (await inspect(await loadConfig(options), options.staged ?? false)).result;
}

/** The loaded project and its check result; bump and release start from this. */
export async function inspect(
  loaded: LoadedConfig,
  staged: boolean,
  releasing = false,
  /** In a workspace: check only these packages (names or paths), and the fixed groups they are in. */
  packages?: string[],
): Promise<{ project: Project; tags: TagState; result: CheckResult }> {
  if (staged && !loaded.gitTop) throw new UserError('--staged reads the git index, but this is not a git repository');
  const reader = staged ? indexReader(loaded.root, loaded.gitTop!) : workTreeReader(loaded.root);
  return inspectWith(loaded, reader, staged, releasing, packages);
}

/** inspect over any file reader: the work tree, the git index, or an in-memory map. */
export async function inspectWith(
  loaded: LoadedConfig,
  reader: FileReader,
  staged: boolean,
  releasing = false,
  packages?: string[],
): Promise<{ project: Project; tags: TagState; result: CheckResult }> {
  if (loaded.workspace) return (await import('./inspect-workspace.js')).inspectWorkspace(loaded, reader, staged, releasing, packages);
  if (packages?.length) throw notAWorkspace(loaded, '--package');
  const project = await loadProject(loaded, reader);
  const checked = await Promise.all(project.packages.map((pkg) => checkPackage(loaded, pkg, staged, releasing)));
  const diagnostics = checked.flatMap((c) => c.diagnostics);
  const layout = loaded.layout && {
    id: loaded.layout.id,
    reason: loaded.layout.reason,
    ...(loaded.layout.fromTags ? { fromTags: loaded.layout.fromTags } : {}),
  };
  const result: CheckResult = {
    ok: !diagnostics.some((d) => d.severity === 'error'),
    ...(layout ? { layout } : {}),
    version: project.version ?? null,
    root: project.root,
    sources: project.packages.flatMap((pkg) => pkg.sources.map(sourceSummary)),
    diagnostics,
    rules: (RULES as unknown as readonly Rule[]).filter((rule) => settingOf(rule, loaded.config.rules)).map((rule) => rule.meta.id),
  };
  return { project, tags: checked[0]!.tags, result };
}
