// One package's check: its tags read (from the ref files, else git), its rules run on what it is
// (and, in a workspace, on its siblings and groups), its diagnostics in the order of its sources.
import path from 'node:path';
import type { LoadedConfig } from '../config/types.js';
import { readTags, type TagInfo } from '../git/git.js';
import { changedSinceHead } from '../git/blobs.js';
import type { Package } from './project.js';
import { tagsFromFiles } from '../git/refs.js';
import { runRules } from '../rules/index.js';
import type { RuleContext, TagState, VersionTag, WorkspaceFacts } from '../rules/types.js';
import type { Diagnostic } from './result.js';
import { sameVersion } from '../version/same.js';
import type { TagReader } from '../version/tags.js';
import { isShallow } from '../git/workspace.js';
import type { TagSnapshot } from '../git/tag-names.js';

/** What a workspace package's check sees beyond itself: its siblings and groups, and every tag's name. */
export interface Around {
  workspace: WorkspaceFacts;
  tags: TagSnapshot;
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
    ? ((namesOlderRelease(pkg) ? undefined : (fromSnapshot(around?.tags, pkg) ?? (await tagsFromFiles(gitTop, pkg.tagReader, pkg.version, !staged)))) ??
      (await readTags(gitTop, pkg.tagReader.prefix, !staged)))
    : undefined;
  const tags = await readTagState(gitTop, pkg, info, staged);
  const names = around?.tags.names ?? [];
  if (tags.available && names.length && pkg.tagTemplate && !names.some((n) => pkg.tagReader.version(n) !== undefined))
    tags.unmatched = { template: pkg.tagTemplate, tags: names.length };
  const context = { ...ruleContext(pkg, tags, releasing), ...(around ? { workspace: around.workspace } : {}) };
  return { tags, diagnostics: sortDiagnostics(runRules(context, loaded.config.rules), pkg) };
}

/** A package's tags from the workspace's snapshot, as tagsFromFiles gives them: when no tag is newer than its version (only git knows which newer ones HEAD reaches). */
function fromSnapshot(snapshot: TagSnapshot | undefined, pkg: Package): TagInfo | undefined {
  if (!snapshot?.onHead || !/^[\x20-\x7e]*$/.test(pkg.tagReader.prefix)) return undefined;
  const { version, tagReader } = pkg;
  if (version !== undefined && tagReader.scheme.valid(version) && snapshot.names.some((n) => tagReader.isNewer(n, version))) return undefined;
  return { newestReachable: [], onHead: snapshot.onHead.filter((n) => n.startsWith(tagReader.prefix)) };
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

/** A development version with a source that may name the newest release (server.json): the ref files name no tag older than
 *  the version, so git is asked for the newest one, however old. */
const namesOlderRelease = (pkg: Package): boolean =>
  pkg.version !== undefined && pkg.scheme.parse(pkg.version)?.dev !== undefined && pkg.sources.some((s) => s.namesRelease && s.hits.length > 0);
