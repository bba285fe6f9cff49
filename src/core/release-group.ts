// release --group NAME: every Python package of a fixed group, siblings before dependents, each
// prepared and gated in its own directory as `release --package` does. The run goes phase by
// phase: the group's check, every package's gates, every package's build and checks (each wheel
// installed with its siblings' fresh wheels), one question, the uploads in order, then what follows
// them (the tags) for every package. PyPI has no transaction: a failed upload stops the run and
// says exactly what was published.
import path from 'node:path';
import { loadConfig } from '../config/load.js';
import { rootFileReader } from '../config/root-files.js';
import type { FreshWheel, Mode, StepContext } from '../release/context.js';
import { prepare } from '../release/prepare.js';
import { RELEASE_STEPS } from '../release/registry.js';
import { describePlan, planOf, runSteps, type PlannedStep, type RunResult, type StepRecord } from '../release/runner.js';
import type { Stage, Step } from '../release/step.js';
import { clean } from '../release/steps/clean.js';
import { confirm } from '../release/steps/confirm.js';
import { push } from '../release/steps/push.js';
import { tag } from '../release/steps/tag.js';
import { upload } from '../release/steps/upload.js';
import { versionsVerdict } from '../release/steps/versions-consistent.js';
import { bumpTarget } from './bump-select.js';
import { UserError } from './errors.js';
import { inspect } from './inspect.js';
import { normalizeDistribution } from './names.js';
import { notAWorkspace } from './one-package.js';
import type { Package } from './package.js';
import { packageJsonPins, pyprojectPins } from './pins.js';
import { readyToRelease, type ReleaseOptions } from './release.js';
import { releaseOrder } from './release-order.js';
import type { CheckResult } from './result.js';

export interface GroupReleaseOptions extends Omit<ReleaseOptions, 'package'> {
  /** The fixed group to release. */
  group: string;
}

/** The phases of a group release, in order; each but the first is every package's share of the plan. */
export type Phase = 'group' | 'gates' | 'build' | 'upload' | 'after';

export const PHASE_TITLES: Record<Phase, string> = {
  group: 'the group',
  gates: 'gates',
  build: 'build and check',
  upload: 'upload',
  after: 'after every upload',
};

export interface GroupPlanPart {
  phase: Phase;
  /** The package these steps are of (absent: the group's own check). */
  package?: string;
  path?: string;
  steps: PlannedStep[];
}

export interface ReleasedPackage {
  name: string;
  path: string;
  version?: string;
  tag?: string;
  /** Its artifacts' file names, once built. */
  files: string[];
  uploaded: boolean;
  tagged: boolean;
}

export interface GroupReleaseResult {
  group: string;
  mode: Mode;
  dryRun: boolean;
  ok: boolean;
  /** The version the group's packages share (the first package's when they disagree: the check says so). */
  version?: string;
  /** In release order. */
  packages: ReleasedPackage[];
  /** Members this command does not release, and why (an npm package). */
  left: { name: string; path: string; reason: string }[];
  plan: GroupPlanPart[];
  /** The group's check at the workspace root: each package, group-mismatch and pin-mismatch among them. */
  check: CheckResult;
  steps: (StepRecord & { package?: string })[];
  stopped?: { package?: string; step: string; stage: Stage; code: string; detail: string; message: string };
}

interface Member {
  report: ReleasedPackage;
  ctx: StepContext;
  steps: Map<Phase, Step[]>;
}

const GROUP_CHECK = 'group consistent';
const at = (step: Step) => RELEASE_STEPS.indexOf(step);

/** Where a step of the release registry falls in a group release. */
function phaseOf(step: Step): Phase {
  if (at(step) < at(clean)) return 'gates';
  if (at(step) < at(upload)) return 'build';
  return step === upload ? 'upload' : 'after';
}

/** The steps after the upload, in the registry's order. */
const AFTER = RELEASE_STEPS.filter((s) => phaseOf(s) === 'after');

export async function releaseGroup(options: GroupReleaseOptions): Promise<GroupReleaseResult> {
  const mode = options.mode ?? 'no-upload';
  const loaded = await loadConfig({ ...(options.cwd ? { cwd: options.cwd } : {}), ...(options.configFile ? { configFile: options.configFile } : {}) });
  if (!loaded.workspace) throw notAWorkspace(loaded, '--group');
  const group = bumpTarget(loaded.workspace, undefined, options.group).group!;
  const { project, result: check } = await inspect(loaded, false, true, group.packages);
  const inGroup = project.packages.filter((p) => group.packages.includes(p.name));
  const left = inGroup
    .filter((p) => p.kind !== 'python')
    .map((p) => ({ name: p.name, path: p.path, reason: 'an npm package: heimdall-version releases Python packages (publish it with npm)' }));
  const order = releaseOrder(
    group.name,
    inGroup.filter((p) => p.kind === 'python').map((p) => ({ name: p.name, path: p.path, ...withDistribution(p), pins: pinsOf(p) })),
  );
  if (order.length === 0)
    throw new UserError(`--group ${group.name}: the group has no Python package to release (${left.map((l) => l.name).join(', ')}: npm packages)`);
  const fresh = new Map<string, FreshWheel>();
  const members: Member[] = [];
  const tags = new Set<string>();
  const { group: _group, ...rest } = options;
  for (const m of order) {
    const prepared = await prepare('release', mode, { ...rest, package: m.name });
    await readyToRelease(prepared, mode, options);
    const ctx = Object.assign(prepared.ctx, { askFirst: false, fresh });
    const steps = new Map<Phase, Step[]>();
    for (const step of planOf(RELEASE_STEPS, ctx)) {
      // The group asks once before its uploads; a tag its packages share is made (and pushed) once.
      if (step === confirm || ((step === tag || step === push) && tags.has(ctx.tag!) && !steps.get('after')?.includes(tag))) continue;
      const phase = phaseOf(step);
      steps.set(phase, [...(steps.get(phase) ?? []), step]);
    }
    if (ctx.tag && steps.get('after')?.includes(tag)) tags.add(ctx.tag);
    members.push({ ctx, steps, report: { name: m.name, path: m.path, ...withVersion(ctx), files: [], uploaded: false, tagged: false } });
  }
  const plan = planParts(group.name, members);
  const base = { group: group.name, mode, plan, check, left, ...withVersion(members[0]?.ctx) };
  const reports = () => members.map((m) => m.report);
  if (options.dryRun) {
    const failing = members.find((m) => versionsVerdict(m.ctx).status === 'failed');
    const stopped = !check.ok
      ? {
          step: GROUP_CHECK,
          stage: 'gate' as const,
          code: 'check-errors',
          detail: 'heimdall-version check found errors in the group',
          message: 'a real run stops at step 1',
        }
      : failing && {
          package: failing.report.name,
          step: 'versions consistent',
          stage: 'gate' as const,
          code: versionsVerdict(failing.ctx).code,
          detail: versionsVerdict(failing.ctx).detail,
          message: `a real run stops at the gates of ${failing.report.name}`,
        };
    return { ...base, dryRun: true, ok: !stopped, packages: reports(), steps: [], ...(stopped ? { stopped } : {}) };
  }
  const cleanup = () => {
    for (const m of members) m.ctx.scratch.removeAll();
  };
  process.on('exit', cleanup);
  try {
    const run = await runGroup(group.name, mode, members, check, fresh, options);
    return { ...base, dryRun: false, packages: reports(), ...run };
  } finally {
    process.off('exit', cleanup);
    cleanup();
  }
}

const withDistribution = (p: Package) => (p.distribution ? { distribution: p.distribution } : {});
const withVersion = (ctx: StepContext | undefined) => ({
  ...(ctx?.version !== undefined ? { version: ctx.version } : {}),
  ...(ctx?.tag !== undefined ? { tag: ctx.tag } : {}),
});

/** The dependencies a package's manifest declares (read as the release reads it: from its directory). */
function pinsOf(pkg: Package) {
  const read = rootFileReader(pkg.root);
  const pyproject = read('pyproject.toml');
  const json = pkg.kind === 'npm' ? read('package.json') : undefined;
  return [...(pyproject ? pyprojectPins(pyproject) : []), ...(json ? packageJsonPins(json) : [])];
}

function planParts(group: string, members: Member[]): GroupPlanPart[] {
  const parts: GroupPlanPart[] = [
    {
      phase: 'group',
      steps: [
        {
          name: GROUP_CHECK,
          description: `heimdall-version check --group ${group} finds no errors (every package of the group, group-mismatch and pin-mismatch among them)`,
          stage: 'gate',
        },
      ],
    },
  ];
  const part = (phase: Phase, m: Member, steps: Step[]) => {
    if (steps.length) parts.push({ phase, package: m.report.name, path: m.report.path, steps: describePlan(steps, m.ctx) });
  };
  for (const phase of ['gates', 'build', 'upload'] as const) for (const m of members) part(phase, m, m.steps.get(phase) ?? []);
  // After the uploads, as the run takes them: each step for every package in turn.
  for (const step of AFTER) for (const m of members) part('after', m, m.steps.get('after')?.includes(step) ? [step] : []);
  return parts;
}

type Run = Pick<GroupReleaseResult, 'ok' | 'steps' | 'stopped'>;

async function runGroup(
  group: string,
  mode: Mode,
  members: Member[],
  check: CheckResult,
  fresh: Map<string, FreshWheel>,
  options: GroupReleaseOptions,
): Promise<Run> {
  const emit = members[0]?.ctx.emit ?? options.onEvent ?? (() => {});
  const records: Run['steps'] = [];
  emit({ type: 'step', step: GROUP_CHECK, status: 'started', description: `heimdall-version check --group ${group}` });
  if (!check.ok) {
    emit({ type: 'check-report', result: check });
    const detail = 'heimdall-version check found errors in the group (above)';
    emit({ type: 'step', step: GROUP_CHECK, status: 'failed', code: 'check-errors', detail, seconds: 0 });
    const message = `release --group ${group} stopped at the gate "${GROUP_CHECK}"; nothing was built or uploaded`;
    return { ok: false, steps: [], stopped: { step: GROUP_CHECK, stage: 'gate', code: 'check-errors', detail, message } };
  }
  const versions = [...new Set(members.map((m) => m.ctx.version))].join(', ');
  emit({
    type: 'step',
    step: GROUP_CHECK,
    status: 'passed',
    code: 'consistent',
    detail: `${members.map((m) => m.report.name).join(', ')} at ${versions}`,
    seconds: 0,
  });

  const runPart = async (m: Member, phase: Phase, steps: Step[], heading = true): Promise<RunResult> => {
    if (heading) emit({ type: 'package', phase: PHASE_TITLES[phase], name: m.report.name, path: m.report.path });
    const result = await runSteps(steps, m.ctx);
    records.push(...result.steps.map((s) => ({ ...s, package: m.report.name })));
    return result;
  };
  const stop = (m: Member, stopped: NonNullable<RunResult['stopped']>, message: string): Run => ({
    ok: false,
    steps: records,
    stopped: { ...stopped, package: m.report.name, message },
  });

  for (const phase of ['gates', 'build'] as const)
    for (const m of members) {
      const steps = m.steps.get(phase) ?? [];
      if (steps.length === 0) continue;
      const result = await runPart(m, phase, steps);
      m.report.files = m.ctx.state.files.map((f) => path.basename(f));
      if (phase === 'build') remember(fresh, m.ctx);
      if (result.stopped) {
        const s = result.stopped;
        const message = s.code.startsWith('interrupted')
          ? s.message
          : `release --group ${group} stopped at ${phase === 'gates' ? 'the gate ' : ''}"${s.step}" of ${m.report.name}; nothing was ${phase === 'gates' ? 'built or ' : ''}uploaded`;
        return stop(m, s, message);
      }
    }
  if (mode === 'no-upload') return { ok: true, steps: records };

  if (mode === 'upload' && options.yes !== true && options.confirm) {
    const first = members[0]!.ctx;
    const question = `upload ${members.map((m) => `${m.report.name} ${m.report.version} (${m.report.files.join(', ')})`).join('; ')} to ${first.release.repositories.pypi}, one after the other, then tag ${[...new Set(members.map((m) => m.report.tag))].join(', ')}${first.push ? ` and push the tags to ${first.release.remote}` : ''}? An upload cannot be undone, and one that fails leaves those before it published.`;
    emit({ type: 'step', step: 'confirm', status: 'started', description: question });
    const yes = await options.confirm(question);
    const outcome = yes
      ? { status: 'passed' as const, code: 'confirmed', detail: 'confirmed' }
      : { status: 'failed' as const, code: 'not-confirmed', detail: 'not confirmed' };
    emit({ type: 'step', step: 'confirm', ...outcome, seconds: 0 });
    records.push({ step: 'confirm', ...outcome, seconds: 0 });
    if (!yes)
      return { ok: false, steps: records, stopped: { step: 'confirm', stage: 'built', ...outcome, message: 'not confirmed: nothing was uploaded or tagged' } };
  }
  for (const m of members) {
    const result = await runPart(m, 'upload', m.steps.get('upload') ?? []);
    if (result.stopped) return stop(m, result.stopped, uploadFailed(group, mode, members, m, result.stopped.detail));
    m.report.uploaded = true;
  }
  // After every upload, each step for every package in turn: no package is tagged before all are uploaded.
  for (const step of AFTER)
    for (const m of members) {
      if (!m.steps.get('after')?.includes(step)) continue;
      const result = await runPart(m, 'after', [step], false);
      if (result.stopped) return stop(m, result.stopped, afterFailed(members, m, result.stopped.step));
      if (step === tag) for (const o of members) if (o.report.tag === m.report.tag) o.report.tagged = true;
    }
  return { ok: true, steps: records };
}

/** A member's wheel, for the siblings built after it. */
function remember(fresh: Map<string, FreshWheel>, ctx: StepContext): void {
  const wheel = ctx.state.files.find((f) => f.endsWith('.whl'));
  if (!wheel || !ctx.distribution || !ctx.pep440) return;
  const requires = ctx.state.metadata.get(wheel)?.requiresDist ?? [];
  fresh.set(normalizeDistribution(ctx.distribution), { distribution: ctx.distribution, version: ctx.pep440, wheel, requires });
}

const listed = (members: Member[]) => members.map((m) => `${m.report.name} ${m.report.version}`).join(', ');

function uploadFailed(group: string, mode: Mode, members: Member[], failed: Member, detail: string): string {
  const done = members.filter((m) => m.report.uploaded);
  const rest = members.filter((m) => !m.report.uploaded && m !== failed);
  const index = mode === 'upload' ? 'PyPI' : 'TestPyPI';
  return [
    `release --group ${group}: uploading ${failed.report.name} ${failed.report.version} to ${index} failed: ${detail.split('\n')[0]}`,
    `published: ${done.length ? listed(done) : 'nothing'}`,
    `not published, or in part (the upload's output above says which of its files the index took): ${listed([failed])}`,
    ...(rest.length ? [`not published: ${listed(rest)}`] : []),
    `${mode === 'upload' ? 'nothing was tagged; ' : ''}an upload cannot be taken back. Fix the cause, then release the rest one by one, in this order: ${[failed, ...rest].map((m) => `release --package ${m.report.name}`).join(', ')}`,
  ].join('\n  ');
}

function afterFailed(members: Member[], failed: Member, step: string): string {
  const tagged = members.filter((m) => m.report.tagged);
  const untagged = members.filter((m) => !m.report.tagged);
  return [
    `every package was uploaded (${listed(members)}); then "${step}" of ${failed.report.name} failed`,
    ...(untagged.length < members.length || step === 'tag'
      ? [
          `tagged: ${tagged.length ? [...new Set(tagged.map((m) => m.report.tag))].join(', ') : 'nothing'}`,
          `not tagged: ${untagged.map((m) => m.report.tag).join(', ')}`,
        ]
      : []),
  ].join('\n  ');
}
