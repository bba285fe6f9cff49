// bump's plan, built once (tbump): the files' new bytes and the ordered actions a dry run prints and a run executes.
// Everything that would make a step fail is refused here, before a byte is written.
import path from 'node:path';
import { refuseTagLayout } from '../config/layout.js';
import type { LoadedConfig } from '../config/types.js';
import { changesFor, planBump, spellingsFor } from '../change/plan.js';
import { changelogRelease } from '../change/changelog-release.js';
import { changedTrackedFiles, remotePushUrl, tagCommit } from '../git/git.js';
import { splitUrlCredentials } from '../release/credentials.js';
import { howToRepair } from '../report/advice.js';
import { nextVersion } from '../version/next-version.js';
import { readableSchemes, versioningOf } from '../version/schemes.js';
import type { BumpAction, BumpEvent, BumpOptions, BumpPlan } from './change-types.js';
import { UserError } from './errors.js';
import { inspect } from './inspect.js';
import { loadProject, type Project } from './project.js';
import { sourcesOnly, wrongSources } from './change.js';
import { workTreeReader } from '../git/workspace.js';

export interface PlannedBump {
  plan: BumpPlan;
  project: Project;
  /** The commit's files, relative to the git top level. */
  gitFiles: string[];
  /** After writing: what does not read the new version (then every file is rolled back). */
  wrongAfter: () => Promise<string[]>;
}

export async function planVersionBump(loaded: LoadedConfig, options: BumpOptions, emit: (e: BumpEvent) => void): Promise<PlannedBump> {
  refuseTagLayout(loaded.layout, 'bump');
  const { project, result } = await inspect(loaded, false);
  if (!result.ok) {
    emit({ type: 'check-failed', result });
    throw new UserError(`the check found errors (above), so nothing was bumped; ${howToRepair(result.diagnostics)}`, 1);
  }
  const from = project.version;
  if (from === undefined) throw new UserError(`${project.primary.file} states no version literal to bump (${project.primary.label})`, 1);
  // An explicit version may be spelled another way: any registered scheme that can read it reads what the project's does not.
  const versioning = versioningOf(loaded.config.versioning);
  const others = (await readableSchemes(versioning)).filter((s) => s.name !== project.scheme.name);
  const policy = versioning.declaration.policy(versioning.options);
  const next = nextVersion(project.scheme, from, options.spec, {
    preid: options.preid,
    force: options.force ?? false,
    policy,
    others,
    now: options.now ?? new Date(),
  });
  if ('error' in next) throw new UserError(next.error, next.exitCode);
  const to = next.version;
  const { spellings, problems } = spellingsFor(project, next.meaning);
  if (problems.length) throw new UserError(`cannot bump to ${to}: ${problems.join('; ')}`, 2);
  const changes = [...changesFor(project, planBump(project, spellings)), ...changelogRelease(project, to)];
  const files = changes.map((c) => c.file);
  const gitFiles = loaded.gitTop ? files.map((f) => path.relative(loaded.gitTop!, path.join(loaded.root, f))) : [];
  const tags = options.tag ? [{ name: `${loaded.config.tags.prefix}${to}`, from, to }] : [];
  const actions = await gitActions(loaded, options, { from, to, files, gitFiles, tags });
  const wrongAfter = async () =>
    wrongSources((await loadProject(sourcesOnly(loaded), workTreeReader(loaded.root))).sources, { scheme: project.scheme, value: to });
  return { plan: { from, to, changes, actions }, project, gitFiles, wrongAfter };
}

/** What the write, commit, tag and push steps need to know of a planned bump. */
export interface Written {
  from: string;
  to: string;
  /** Relative to the project root. */
  files: string[];
  /** Relative to the git top level. */
  gitFiles: string[];
  /** The tags to make: each with the versions its message names. */
  tags: { name: string; from: string; to: string }[];
  /** In a workspace: the package or group bumped ({name} in the messages), and each package's versions. */
  name?: string;
  packages?: { name: string; from: string; to: string }[];
}

/** The ordered actions of a bump: write, then (as asked) commit, tag and push, each refused now if it would fail. */
export async function gitActions(loaded: LoadedConfig, options: BumpOptions, w: Written): Promise<BumpAction[]> {
  const commit = options.commit || w.tags.length > 0 || options.push;
  const fill = (template: string, v: { from: string; to: string }, tag: string) =>
    template
      .replaceAll('{old}', v.from)
      .replaceAll('{new}', v.to)
      .replaceAll('{tag}', tag)
      .replaceAll('{name}', w.name ?? '{name}');
  const actions: BumpAction[] = [{ kind: 'write', from: w.from, to: w.to, files: w.files, ...(w.packages ? { packages: w.packages } : {}) }];
  if (commit) {
    await refuseUnsafeGit(
      loaded,
      w.tags.map((t) => t.name),
      options.allowDirty ?? false,
    );
    actions.push({ kind: 'commit', message: fill(loaded.config.bump.message, w, w.tags.map((t) => t.name).join(', ')), files: w.gitFiles });
  }
  for (const t of w.tags) actions.push({ kind: 'tag', name: t.name, message: fill(loaded.config.bump.tagMessage, t, t.name) });
  if (options.push) {
    const url = await pushTarget(loaded);
    const remote = loaded.config.release.remote;
    // A remote given as a URL is named by its URL, which is shown without credentials like any other.
    actions.push({
      kind: 'push',
      remote: remote === url.raw ? url.shown : remote,
      url: url.shown,
      refs: ['HEAD', ...w.tags.map((t) => `refs/tags/${t.name}`)],
    });
  }
  return actions;
}

/** --push needs a remote to push to (checked before anything is written); its URL may embed credentials. */
async function pushTarget(loaded: LoadedConfig): Promise<{ raw: string; shown: string }> {
  const remote = loaded.config.release.remote;
  // A URL or path, not a remote's name.
  const raw = /[:/]/.test(remote) ? remote : await remotePushUrl(loaded.gitTop!, remote);
  if (raw === undefined)
    throw new UserError(`--push: this repository has no remote "${remote}" (git remote add ${remote} URL, or set release.remote); nothing was changed`, 2);
  return { raw, shown: splitUrlCredentials(raw).url };
}

/** Everything that would make --commit/--tag go wrong is refused before a byte is written. */
async function refuseUnsafeGit(loaded: LoadedConfig, tags: string[], allowDirty: boolean): Promise<void> {
  if (!loaded.gitTop) throw new UserError('--commit, --tag and --push need a git repository', 2);
  if (!allowDirty) {
    const dirty = await changedTrackedFiles(loaded.gitTop);
    if (dirty.length > 0)
      throw new UserError(
        `uncommitted changes in ${dirty.slice(0, 5).join(', ')}${dirty.length > 5 ? ', …' : ''}; commit or stash them, or pass --allow-dirty (only the version files are committed)`,
        1,
      );
  }
  for (const tag of tags) if (await tagCommit(loaded.gitTop, tag)) throw new UserError(`tag ${tag} already exists; nothing was changed`, 1);
}
