// bump as a library use case (bumpp's versionBump): one plan, announced, then its actions run in order;
// a dry run stops after announcing it, so it shows exactly what a run does.
import type { Applied } from '../change/apply.js';
import { lookAhead, type AttributesAhead } from '../change/attributes.js';
import { injectFault } from '../change/fault.js';
import type { JournalGit } from '../change/journal.js';
import { refuseUnfinished } from '../change/state.js';
import { loadConfig } from '../config/load.js';
import type { LoadedConfig } from '../config/types.js';
import { commitFiles, createTag, headCommit, pushRefs } from '../git/git.js';
import { readIndexEntries, writeIndexEntries } from '../git/index-entries.js';
import { didYouMean } from './suggest.js';
import { BUMP_LEVELS } from '../version/schemes.js';
import { planVersionBump, type PlannedBump } from './bump-plan.js';
import { applyChecked, refuseForeignTree, underLock } from './change.js';
import type { BumpEvent, BumpOptions, BumpResult } from './change-types.js';
import { UserError } from './errors.js';
import { notAWorkspace } from './one-package.js';

export async function bump(options: BumpOptions): Promise<BumpResult> {
  const { spec } = options;
  // A level with a typo is a usage error before anything is read: no version is spelt without a digit.
  if (!BUMP_LEVELS.includes(spec) && !/\d/.test(spec))
    throw new UserError(`"${spec}" is neither a bump level (${BUMP_LEVELS.join(', ')}) nor a version${didYouMean(spec, BUMP_LEVELS)}`);
  const emit = options.onEvent ?? (() => {});
  const loaded = await loadConfig({ cwd: options.cwd, configFile: options.configFile });
  if (options.dryRun) {
    await refuseUnfinished(loaded);
    const { plan } = await planFor(loaded, options, emit);
    emit({ type: 'planned', plan, dryRun: true });
    return { plan, applied: false };
  }
  const files = workspaceSources(loaded) ?? loaded.config.sources.map((s) => s.file).filter((f) => f !== '');
  await refuseForeignTree(loaded, options.allowForeignOwner, files);
  // getfattr runs while the plan is made; not when a question to the user may come between its answer and the writes.
  const ahead = options.confirmPush ? undefined : lookAhead(loaded.root, files);
  return underLock(loaded, emit, async () => {
    const planned = await planFor(loaded, options, emit);
    const { plan } = planned;
    emit({ type: 'planned', plan, dryRun: false });
    if (options.confirmPush && plan.actions.some((a) => a.kind === 'push') && !(await options.confirmPush(plan)))
      throw new UserError('not confirmed; nothing was changed', 1);
    await runActions(loaded, planned, emit, options.allowForeignOwner, ahead);
    return { plan, applied: true };
  });
}

/** A workspace's bump plans over its packages; one package's, as it always did. */
async function planFor(loaded: LoadedConfig, options: BumpOptions, emit: (e: BumpEvent) => void): Promise<PlannedBump> {
  if (loaded.workspace) return (await import('./bump-workspace.js')).planWorkspaceBump(loaded, options, emit);
  if (options.package !== undefined || options.group !== undefined) throw notAWorkspace(loaded, options.package !== undefined ? '--package' : '--group');
  return planVersionBump(loaded, options, emit);
}

/** Every package's source files, relative to the workspace root (undefined for one package). */
const workspaceSources = (loaded: LoadedConfig) =>
  loaded.workspace?.packages.flatMap((p) => p.sources.filter((s) => s.file !== '').map((s) => (p.path === '' ? s.file : `${p.path}/${s.file}`)));

/**
 * The journal stays until the commit and tag are made, so recover can undo (no commit yet) or finish
 * (commit made) a change a crash interrupted; a push comes after it is gone.
 */
async function runActions(
  loaded: LoadedConfig,
  { plan, gitFiles, wrongAfter }: PlannedBump,
  emit: (e: BumpEvent) => void,
  allowForeignOwner = false,
  ahead?: AttributesAhead,
): Promise<void> {
  const gitTop = loaded.gitTop!;
  const commit = plan.actions.find((a) => a.kind === 'commit');
  const tags = plan.actions.filter((a) => a.kind === 'tag');
  const [tag, ...more] = tags;
  const journalGit: JournalGit | undefined = commit
    ? {
        head: (await headCommit(gitTop)) ?? null,
        ...(tag ? { tag: tag.name, tagMessage: tag.message } : {}),
        ...(more.length ? { tags: more.map((t) => ({ name: t.name, message: t.message })) } : {}),
        index: await readIndexEntries(gitTop, gitFiles),
      }
    : undefined;
  const tagged: string[] = [];
  let applied: Applied | undefined;
  let finished = false;
  const finish = () => {
    if (finished) return;
    injectFault('finish');
    applied?.finish();
    finished = true;
  };
  for (const action of plan.actions) {
    switch (action.kind) {
      case 'write':
        applied = await applyChecked(loaded, plan.changes, wrongAfter, plan.to, journalGit, allowForeignOwner, ahead);
        break;
      case 'commit':
        try {
          injectFault('commit');
          await commitFiles(gitTop, action.files, action.message);
        } catch (e) {
          applied?.rollback();
          await writeIndexEntries(gitTop, journalGit!.index);
          throw new UserError(`${(e as Error).message}\nthe version files were restored to ${plan.from}`, 1);
        }
        break;
      case 'tag':
        injectFault('tag');
        await createTag(gitTop, action.name, action.message).catch((e: Error) => {
          finish();
          const left = tags.slice(tagged.length).map((t) => t.name);
          const made = tagged.length ? ` (tagged ${tagged.join(', ')})` : '';
          throw new UserError(`bumped and committed ${plan.to}${made}, but ${e.message}${left.length > 1 ? `; not tagged: ${left.join(', ')}` : ''}`, 1);
        });
        tagged.push(action.name);
        break;
      case 'push':
        finish();
        injectFault('push');
        // The action names the remote for showing; git is given it as configured, credentials and all.
        await pushRefs(gitTop, loaded.config.release.remote, action.refs);
        break;
    }
    emit({ type: 'done', action });
  }
  finish();
}
