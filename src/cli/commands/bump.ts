// bump: the next version into every source at once, then optionally commit, tag and push.
import path from 'node:path';
import { defineCommand, type CommandValues, type Flags, type Io } from '../command.js';
import { refuseTagLayout } from '../../config/layout.js';
import { loadConfig } from '../../config/load.js';
import type { LoadedConfig } from '../../config/types.js';
import { changesFor, planBump, spellingsFor } from '../../change/plan.js';
import { UserError } from '../../core/errors.js';
import { changedTrackedFiles, commitFiles, createTag, headCommit, pushRefs, remotePushUrl, tagCommit } from '../../git/git.js';
import { readIndexEntries, writeIndexEntries } from '../../git/index-entries.js';
import { injectFault } from '../../change/fault.js';
import { formatStylish } from '../../report/stylish.js';
import { changelogRelease } from '../../change/changelog-release.js';
import { LEVELS, type Level } from '../../version/bump.js';
import { nextVersion } from '../../version/next-version.js';
import { loadScheme } from '../../version/scheme.js';
import { didYouMean } from '../suggest.js';
import { inspect } from '../../core/inspect.js';
import { applyVerified, showDiff, underLock } from './change.js';
import { refuseUnfinished } from '../../change/state.js';
import { howToRepair } from '../../report/advice.js';

const BUMP_FLAGS = {
  preid: { type: 'string', arg: 'ID', help: 'the pre-release phase premajor, preminor, prepatch and prerelease use: a, b or rc (alpha and beta also do; default a)', example: 'bump prerelease --preid rc' },
  'dry-run': { type: 'boolean', help: 'print the diff and what would be committed and tagged; write nothing', example: 'bump minor --dry-run' },
  commit: { type: 'boolean', help: 'commit the version files (only those) with bump.message', example: 'bump patch --commit' },
  tag: { type: 'boolean', help: 'commit and create the annotated tag <prefix><version>', example: 'bump patch --tag' },
  push: { type: 'boolean', help: 'commit, then push HEAD (and the tag) to release.remote; asks first on a terminal', example: 'bump patch --tag --push' },
  yes: { type: 'boolean', short: 'y', help: 'do not ask for confirmation before pushing', example: 'bump patch --tag --push --yes' },
  'allow-dirty': { type: 'boolean', help: 'commit even though other tracked files have changes (only the version files are committed)', example: 'bump patch --commit --allow-dirty' },
  force: { type: 'boolean', help: 'set an explicit VERSION even when it is not newer than the current one', example: 'bump 0.1.0 --force' },
} as const satisfies Flags;
type BumpValues = CommandValues<typeof BUMP_FLAGS>;

export const bumpCommand = defineCommand({
  name: 'bump',
  summary: 'set the next version in every source at once (all or nothing)',
  args: [{ name: 'LEVEL|VERSION', help: 'major, minor, patch, premajor, preminor, prepatch, prerelease, post, dev, release, or an explicit version such as 1.4.0 (either spelling: 1.4.0rc1 or 1.4.0-rc.1)' }],
  options: BUMP_FLAGS,
  examples: ['bump patch', 'bump minor --dry-run', 'bump 1.0.0 --commit --tag', 'bump prerelease --preid rc --tag --push'],
  run: runBump,
});

async function runBump(v: BumpValues, positionals: string[], io: Io): Promise<number> {
  if (positionals.length !== 1) throw new UserError('bump takes one argument: major, minor, patch, premajor, preminor, prepatch, prerelease, post, dev, release or a version');
  const spec = positionals[0]!;
  // A level with a typo is a usage error before anything is read: no version is spelt without a digit.
  if (!LEVELS.includes(spec as Level) && !/\d/.test(spec))
    throw new UserError(`"${spec}" is neither a bump level (${LEVELS.join(', ')}) nor a version${didYouMean(spec, LEVELS)}`);
  const loaded = await loadConfig({ cwd: v.cwd, configFile: v.config });
  const dryRun = v['dry-run'];
  const body = () => bump(loaded, spec, v, io, dryRun);
  if (dryRun) return (await refuseUnfinished(loaded), body());
  return underLock(loaded, io, body);
}

async function bump(loaded: LoadedConfig, spec: string, v: BumpValues, io: Io, dryRun: boolean): Promise<number> {
  refuseTagLayout(loaded.layout, 'bump');
  const { project, result } = await inspect(loaded, false);
  if (!result.ok) {
    io.out(formatStylish(result, { color: io.color }));
    throw new UserError(`the check found errors (above), so nothing was bumped; ${howToRepair(result.diagnostics)}`, 1);
  }
  const current = project.version;
  if (current === undefined) throw new UserError(`${project.primary.file} states no version literal to bump (${project.primary.label})`, 1);
  // An explicit version may be spelled either way: the other scheme reads what the project's does not.
  const other = await loadScheme(project.scheme.name === 'pep440' ? 'semver' : 'pep440');
  const next = nextVersion(project.scheme, current, spec, { preid: v.preid, force: v.force, versioning: loaded.config.versioning, other });
  if ('error' in next) throw new UserError(next.error, next.exitCode);
  const version = next.version;
  const { spellings, problems } = spellingsFor(project, next.meaning);
  if (problems.length) throw new UserError(`cannot bump to ${version}: ${problems.join('; ')}`, 2);
  const tag = v.tag ? `${loaded.config.tags.prefix}${version}` : undefined;
  const commit = v.commit || tag !== undefined || v.push;
  const changes = [...changesFor(project, planBump(project, spellings)), ...changelogRelease(project, version)];
  const files = changes.map((c) => c.file);
  const gitFiles = loaded.gitTop ? files.map((f) => path.relative(loaded.gitTop!, path.join(loaded.root, f))) : [];
  if (commit) await refuseUnsafeGit(loaded, tag, v['allow-dirty']);
  const pushUrl = v.push ? await pushTarget(loaded) : undefined;
  const fill = (template: string) => template.replaceAll('{old}', current).replaceAll('{new}', version).replaceAll('{tag}', tag ?? '');

  if (dryRun) {
    io.out(showDiff(changes, io.color));
    io.out(`dry run: would bump ${current} → ${version} in ${files.join(', ')}`);
    if (commit) io.out(`, commit "${fill(loaded.config.bump.message)}"`);
    if (tag) io.out(`, tag ${tag}`);
    io.out('; nothing was written\n');
    return 0;
  }
  const asking = v.push && !v.yes && io.confirm !== undefined;
  if (asking) {
    const what = `the commit "${fill(loaded.config.bump.message)}"${tag ? ` and tag ${tag}` : ''}`;
    io.err(showDiff(changes, io.color));
    if (!(await io.confirm!(`bump ${current} → ${version}, then push ${what} to ${loaded.config.release.remote} (${pushUrl})?`)))
      throw new UserError('not confirmed; nothing was changed', 1);
  }
  // The journal records where git stood, so recover can undo (no commit yet) or finish (commit made) the change.
  const journalGit = commit
    ? { head: (await headCommit(loaded.gitTop!)) ?? null, ...(tag ? { tag, tagMessage: fill(loaded.config.bump.tagMessage) } : {}), index: await readIndexEntries(loaded.gitTop!, gitFiles) }
    : undefined;
  const applied = await applyVerified(loaded, changes, { scheme: project.scheme, value: version }, journalGit);
  if (commit) {
    try {
      injectFault('commit');
      await commitFiles(loaded.gitTop!, gitFiles, fill(loaded.config.bump.message));
    } catch (e) {
      applied.rollback();
      await writeIndexEntries(loaded.gitTop!, journalGit!.index);
      throw new UserError(`${(e as Error).message}\nthe version files were restored to ${current}`, 1);
    }
    injectFault('tag');
    if (tag)
      await createTag(loaded.gitTop!, tag, fill(loaded.config.bump.tagMessage)).catch((e: Error) => {
        applied.finish();
        throw new UserError(`bumped and committed ${version}, but ${e.message}`, 1);
      });
    injectFault('finish');
  }
  applied.finish();
  if (!asking) io.out(showDiff(changes, io.color));
  io.out(`bumped ${current} → ${version}: ${files.join(', ')}\n`);
  if (commit) io.out(`committed "${fill(loaded.config.bump.message)}"\n`);
  if (tag) io.out(`tagged ${tag}\n`);
  if (v.push) {
    await pushRefs(loaded.gitTop!, loaded.config.release.remote, ['HEAD', ...(tag ? [`refs/tags/${tag}`] : [])]);
    io.out(`pushed to ${loaded.config.release.remote}\n`);
  }
  return 0;
}

/** --push needs a remote to push to: checked before anything is written. */
async function pushTarget(loaded: LoadedConfig): Promise<string> {
  const remote = loaded.config.release.remote;
  if (/[:/]/.test(remote)) return remote; // a URL or path, not a remote's name
  const url = await remotePushUrl(loaded.gitTop!, remote);
  if (url === undefined) throw new UserError(`--push: this repository has no remote "${remote}" (git remote add ${remote} URL, or set release.remote); nothing was changed`, 2);
  return url;
}

/** Everything that would make --commit/--tag go wrong is refused before a byte is written. */
async function refuseUnsafeGit(loaded: LoadedConfig, tag: string | undefined, allowDirty: boolean): Promise<void> {
  if (!loaded.gitTop) throw new UserError('--commit, --tag and --push need a git repository', 2);
  if (!allowDirty) {
    const dirty = await changedTrackedFiles(loaded.gitTop);
    if (dirty.length > 0)
      throw new UserError(`uncommitted changes in ${dirty.slice(0, 5).join(', ')}${dirty.length > 5 ? ', …' : ''}; commit or stash them, or pass --allow-dirty (only the version files are committed)`, 1);
  }
  if (tag && (await tagCommit(loaded.gitTop, tag))) throw new UserError(`tag ${tag} already exists; nothing was changed`, 1);
}
