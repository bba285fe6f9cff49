// bump on the command line: flags in, the bump use case's events rendered (the plan, then each step as it is done).
import { defineCommand, type CommandValues, type Flags, type Io } from '../command.js';
import { UserError } from '../../core/errors.js';
import { BUMP_LEVELS } from '../../version/schemes.js';
import { bump } from '../../core/bump.js';
import type { BumpAction, BumpEvent, BumpPlan } from '../../core/change-types.js';
import { formatStylish } from '../../report/stylish.js';
import { showDiff } from './change.js';

const BUMP_FLAGS = {
  package: {
    type: 'string',
    arg: 'NAME',
    help: 'in a workspace: bump this package (its name or path), and the exact pins on it in its siblings',
    example: 'bump patch --package acme-core',
  },
  group: {
    type: 'string',
    arg: 'NAME',
    help: 'in a workspace: bump every member of this fixed group, and every exact pin among them',
    example: 'bump minor --group sdk',
  },
  preid: {
    type: 'string',
    arg: 'ID',
    help: 'the pre-release phase premajor, preminor, prepatch and prerelease use: a, b or rc (alpha and beta also do; default a)',
    example: 'bump prerelease --preid rc',
  },
  'dry-run': { type: 'boolean', help: 'print the diff and every step a run takes (write, commit, tag, push); change nothing', example: 'bump minor --dry-run' },
  commit: { type: 'boolean', help: 'commit the version files (only those) with bump.message', example: 'bump patch --commit' },
  tag: { type: 'boolean', help: 'commit and create the annotated tag <prefix><version>', example: 'bump patch --tag' },
  push: { type: 'boolean', help: 'commit, then push HEAD (and the tag) to release.remote; asks first on a terminal', example: 'bump patch --tag --push' },
  yes: { type: 'boolean', short: 'y', help: 'do not ask for confirmation before pushing', example: 'bump patch --tag --push --yes' },
  'allow-dirty': {
    type: 'boolean',
    help: 'commit even though other tracked files have changes (only the version files are committed)',
    example: 'bump patch --commit --allow-dirty',
  },
  force: { type: 'boolean', help: 'set an explicit VERSION even when it is not newer than the current one', example: 'bump 0.1.0 --force' },
  'allow-foreign-owner': {
    type: 'boolean',
    help: 'write even where a directory on the way belongs to another user or others may write it (they could redirect the writes)',
    example: 'bump patch --allow-foreign-owner',
  },
} as const satisfies Flags;
type BumpValues = CommandValues<typeof BUMP_FLAGS>;

export const bumpCommand = defineCommand({
  name: 'bump',
  summary: 'set the next version in every source at once (all or nothing)',
  args: [{ name: 'LEVEL|VERSION', help: `${BUMP_LEVELS.join(', ')}, or an explicit version such as 1.4.0 (either spelling: 1.4.0rc1 or 1.4.0-rc.1)` }],
  options: BUMP_FLAGS,
  examples: ['bump patch', 'bump minor --dry-run', 'bump 1.0.0 --commit --tag', 'bump prerelease --preid rc --tag --push', 'bump minor --group sdk --tag'],
  run: runBump,
});

async function runBump(v: BumpValues, positionals: string[], io: Io): Promise<number> {
  if (positionals.length !== 1) throw new UserError(`bump takes one argument: ${BUMP_LEVELS.join(', ')} or a version`);
  let asked = false;
  const ask = v.push && !v.yes ? io.confirm : undefined;
  const confirmPush =
    ask &&
    (async (p: BumpPlan) => {
      asked = true;
      io.err(showDiff(p.changes, io.color));
      return ask(pushQuestion(p));
    });
  let plan: BumpPlan | undefined;
  const render = (e: BumpEvent) => {
    switch (e.type) {
      case 'notice':
        return io.err(`heimdall-version: ${e.message}\n`);
      case 'check-failed':
        return io.out(formatStylish(e.result, { color: io.color }));
      case 'planned':
        plan = e.plan;
        if (e.dryRun) io.out(`${showDiff(plan.changes, io.color)}dry run: would ${plan.actions.map(planned).join(', ')}; nothing was written\n`);
        return;
      case 'done':
        // When the push was asked about, the diff went with the question.
        if (e.action.kind === 'write' && !asked) io.out(showDiff(plan!.changes, io.color));
        return io.out(`${done(e.action)}\n`);
    }
  };
  await bump({
    cwd: v.cwd,
    configFile: v.config,
    spec: positionals[0]!,
    package: v.package,
    group: v.group,
    preid: v.preid,
    force: v.force,
    dryRun: v['dry-run'],
    commit: v.commit,
    tag: v.tag,
    push: v.push,
    allowDirty: v['allow-dirty'],
    allowForeignOwner: v['allow-foreign-owner'],
    confirmPush,
    onEvent: render,
  });
  return 0;
}

/** The versions a write sets: one, or in a workspace each package's. */
const versions = (a: Extract<BumpAction, { kind: 'write' }>) =>
  a.packages ? a.packages.map((p) => `${p.name} ${p.from} → ${p.to}`).join(', ') : `${a.from} → ${a.to}`;

/** A step as the dry run lists it. */
function planned(a: BumpAction): string {
  if (a.kind === 'write') return `bump ${versions(a)} in ${a.files.join(', ')}`;
  if (a.kind === 'commit') return `commit "${a.message}"`;
  if (a.kind === 'tag') return `tag ${a.name}`;
  return `push ${a.refs.map((r) => r.replace(/^refs\/tags\//, 'tag ')).join(' and ')} to ${target(a)}`;
}

/** A step as a run reports it once done. */
function done(a: BumpAction): string {
  if (a.kind === 'write') return `bumped ${versions(a)}: ${a.files.join(', ')}`;
  if (a.kind === 'commit') return `committed "${a.message}"`;
  if (a.kind === 'tag') return `tagged ${a.name}`;
  return `pushed to ${a.remote}`;
}

const target = (a: Extract<BumpAction, { kind: 'push' }>) => (a.url === a.remote ? a.remote : `${a.remote} (${a.url})`);

function pushQuestion(plan: BumpPlan): string {
  const commit = plan.actions.find((a) => a.kind === 'commit');
  const push = plan.actions.find((a) => a.kind === 'push')!;
  const tags = plan.actions.filter((a) => a.kind === 'tag').map((a) => a.name);
  const write = plan.actions.find((a) => a.kind === 'write')!;
  return `bump ${versions(write)}, then push the commit "${commit?.message}"${tags.length ? ` and tag ${tags.join(', ')}` : ''} to ${target(push)}?`;
}
