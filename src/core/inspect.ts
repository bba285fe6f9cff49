// check and show: load the project, read the tags, run the rules.
import path from 'node:path';
import { loadConfig, type LoadConfigOptions } from '../config/load.js';
import type { LoadedConfig } from '../config/types.js';
import { UserError } from './errors.js';
import { changedSinceHead, readTags, type TagInfo } from '../git/git.js';
import { loadProject, type Project } from './project.js';
import { tagsFromFiles } from '../git/refs.js';
import { runRules } from '../rules/index.js';
import type { TagState, VersionTag } from '../rules/types.js';
import type { CheckResult, Diagnostic } from './result.js';

export type { CheckResult, SourceSummary } from './result.js';
import { sameVersion } from '../version/scheme.js';
import { indexReader, isShallow, workTreeReader } from '../git/workspace.js';

export interface CheckOptions extends LoadConfigOptions {
  /** Read the sources from the git index instead of the work tree. */
  staged?: boolean;
}

export async function check(options: CheckOptions = {}): Promise<CheckResult> {
  return (await inspect(await loadConfig(options), options.staged ?? false)).result;
}

/** The loaded project and its check result; bump and release start from this. */
export async function inspect(loaded: LoadedConfig, staged: boolean, releasing = false): Promise<{ project: Project; tags: TagState; result: CheckResult }> {
  if (staged && !loaded.gitTop) throw new UserError('--staged reads the git index, but this is not a git repository');
  const reader = staged ? indexReader(loaded.root, loaded.gitTop!) : workTreeReader(loaded.root);
  const project = await loadProject(loaded, reader);
  // Staged content becomes a new commit, which carries no tag yet: HEAD's own tags are not needed then.
  // The ref files answer most checks; git is started only when they cannot (see refs.ts).
  const { gitTop } = loaded;
  const info = gitTop ? ((await tagsFromFiles(gitTop, project.tagReader, project.version, !staged)) ?? (await readTags(gitTop, project.tagReader.prefix, !staged))) : undefined;
  const tags = await readTagState(project, info, staged);
  const diagnostics = sortDiagnostics(runRules({ project, tags, releasing }, project.config.rules), project);
  const layout = loaded.layout && { id: loaded.layout.id, reason: loaded.layout.reason, ...(loaded.layout.fromTags ? { fromTags: loaded.layout.fromTags } : {}) };
  const result: CheckResult = {
    ok: !diagnostics.some((d) => d.severity === 'error'),
    ...(layout ? { layout } : {}),
    version: project.version ?? null,
    root: project.root,
    sources: project.sources.map((s) => ({
      name: s.name,
      file: s.file,
      primary: s.primary,
      version: s.hits[0]?.value ?? null,
      line: s.hits[0]?.line ?? null,
      column: s.hits[0]?.column ?? null,
    })),
    diagnostics,
  };
  return { project, tags, result };
}

async function readTagState(project: Project, info: TagInfo | undefined, staged: boolean): Promise<TagState> {
  const { gitTop } = project;
  if (!gitTop || !info) return { available: false, reason: 'not a git repository' };
  if (info.gitMissing) return { available: false, reason: 'git is not installed' };
  const reader = project.tagReader;
  const newest = reader.newest(info.newestReachable);
  const headTags: VersionTag[] = info.onHead.flatMap((name) => {
    const version = reader.version(name);
    return version === undefined ? [] : [{ name, version }];
  });
  const version = project.version;
  let changed = false;
  if (!staged && version !== undefined && headTags.length > 0 && !headTags.some((t) => sameVersion({ scheme: project.scheme, value: t.version }, { scheme: project.scheme, value: version }))) {
    const files = project.sources.map((s) => path.relative(gitTop, path.join(project.root, s.file)));
    const diff = await changedSinceHead(gitTop, files);
    if (diff === 'git-missing') return { available: false, reason: 'git is not installed' };
    changed = diff;
  }
  return { available: true, newest, headTags, shallow: isShallow(gitTop), changedSinceHead: changed, staged };
}

function sortDiagnostics(diagnostics: Diagnostic[], project: Project): Diagnostic[] {
  const order = new Map(project.sources.map((s, i) => [s.file, i]));
  const rank = (d: Diagnostic) => (d.file === undefined ? -1 : order.get(d.file) ?? order.size);
  return diagnostics
    .map((d, i) => ({ d, i }))
    .sort((a, b) => rank(a.d) - rank(b.d) || (a.d.line ?? 0) - (b.d.line ?? 0) || (a.d.column ?? 0) - (b.d.column ?? 0) || a.i - b.i)
    .map(({ d }) => d);
}
