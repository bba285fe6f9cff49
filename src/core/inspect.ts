// check and show: load the project, read each package's tags, run the rules on each package.
import path from 'node:path';
import { loadConfig, type LoadConfigOptions } from '../config/load.js';
import type { LoadedConfig } from '../config/types.js';
import { UserError } from './errors.js';
import { readTags, type TagInfo } from '../git/git.js';
import { changedSinceHead } from '../git/blobs.js';
import { loadProject, type Package, type Project } from './project.js';
import { tagsFromFiles } from '../git/refs.js';
import { RULES, runRules } from '../rules/index.js';
import { settingOf } from '../rules/settings.js';
import type { Rule, RuleContext, TagState, VersionTag, WorkspaceFacts } from '../rules/types.js';
import type { CheckResult, Diagnostic } from './result.js';

export type { CheckResult, SourceSummary } from './result.js';
import { sameVersion } from '../version/same.js';
import type { TagReader } from '../version/tags.js';
import { indexReader, isShallow, workTreeReader, type FileReader } from '../git/workspace.js';

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
  if (packages?.length) throw new UserError('--package names a package of a workspace, but this project is one package');
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
    sources: project.packages.flatMap((pkg) =>
      pkg.sources.map((s) => ({
        name: s.name,
        file: s.file,
        primary: s.primary,
        version: s.hits[0]?.value ?? null,
        line: s.hits[0]?.line ?? null,
        column: s.hits[0]?.column ?? null,
      })),
    ),
    diagnostics,
    rules: (RULES as unknown as readonly Rule[]).filter((rule) => settingOf(rule, loaded.config.rules)).map((rule) => rule.meta.id),
  };
  return { project, tags: checked[0]!.tags, result };
}

/** What a workspace package's check sees beyond itself: its siblings and groups, and every tag's name. */
export interface Around {
  workspace: WorkspaceFacts;
  tagNames: string[];
}

export async function checkPackage(
  loaded: LoadedConfig,
  pkg: Package,
  staged: boolean,
  releasing: boolean,
  around?: Around,
): Promise<{ tags: TagState; diagnostics: Diagnostic[] }> {
  // Staged content becomes a new commit, which carries no tag yet: HEAD's own tags are not needed then.
  // The ref files answer most checks; git is started only when they cannot (see refs.ts).
  const { gitTop } = loaded;
  const info = gitTop
    ? ((await tagsFromFiles(gitTop, pkg.tagReader, pkg.version, !staged)) ?? (await readTags(gitTop, pkg.tagReader.prefix, !staged)))
    : undefined;
  const tags = await readTagState(gitTop, pkg, info, staged);
  if (tags.available && around?.tagNames.length && pkg.tagTemplate && !around.tagNames.some((n) => pkg.tagReader.version(n) !== undefined))
    tags.unmatched = { template: pkg.tagTemplate, tags: around.tagNames.length };
  const context = { ...ruleContext(pkg, tags, releasing), ...(around ? { workspace: around.workspace } : {}) };
  return { tags, diagnostics: sortDiagnostics(runRules(context, loaded.config.rules), pkg) };
}

/** What a rule sees: the package's facts, its tags, and the files rules declared; not the configuration. */
export function ruleContext(pkg: Package, tags: TagState, releasing: boolean): RuleContext {
  const { name, sources, primary, version, scheme, versioning, distribution, layout, read } = pkg;
  return { name, sources, primary, version, scheme, versioning, distribution, layout, tags, releasing, read };
}

async function readTagState(gitTop: string | undefined, pkg: Package, info: TagInfo | undefined, staged: boolean): Promise<TagState> {
  if (!gitTop || !info) return { available: false, reason: 'not a git repository' };
  if (info.gitMissing) return { available: false, reason: 'git is not installed' };
  const { newest, headTags } = versionTags(pkg.tagReader, info);
  const { version, scheme } = pkg;
  let changed = false;
  if (!staged && version !== undefined && headTags.length > 0 && !headTags.some((t) => sameVersion({ scheme, value: t.version }, { scheme, value: version }))) {
    const files = pkg.sources.map((s) => path.relative(gitTop, path.join(pkg.root, s.file)));
    const diff = await changedSinceHead(gitTop, files);
    if (diff === 'git-missing') return { available: false, reason: 'git is not installed' };
    changed = diff;
  }
  return { available: true, newest, headTags, shallow: isShallow(gitTop), changedSinceHead: changed, staged };
}

/** The newest version tag reachable from HEAD, and the version tags on HEAD, read in the package's scheme. */
export function versionTags(reader: TagReader, info: Pick<TagInfo, 'newestReachable' | 'onHead'>): { newest?: VersionTag; headTags: VersionTag[] } {
  const headTags = info.onHead.flatMap((name) => {
    const version = reader.version(name);
    return version === undefined ? [] : [{ name, version }];
  });
  return { newest: reader.newest(info.newestReachable), headTags };
}

function sortDiagnostics(diagnostics: Diagnostic[], pkg: Package): Diagnostic[] {
  const order = new Map(pkg.sources.map((s, i) => [s.file, i]));
  const rank = (d: Diagnostic) => (d.file === undefined ? -1 : (order.get(d.file) ?? order.size));
  return diagnostics
    .map((d, i) => ({ d, i }))
    .sort((a, b) => rank(a.d) - rank(b.d) || (a.d.line ?? 0) - (b.d.line ?? 0) || (a.d.column ?? 0) - (b.d.column ?? 0) || a.i - b.i)
    .map(({ d }) => d);
}
