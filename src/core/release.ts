// release(options): the release as a library use case. It reads the project, builds the plan from
// the step registry, and either describes it (dry run) or runs it, reporting progress as events.
import path from 'node:path';
import { refuseUnfinished } from '../change/state.js';
import { refuseTagLayout } from '../config/layout.js';
import type { Mode } from '../release/context.js';
import { prepare, type Prepared, type RunOptions } from '../release/prepare.js';
import { RELEASE_STEPS } from '../release/registry.js';
import { describePlan, planOf, runSteps, type PlannedStep, type RunResult } from '../release/runner.js';
import { versionsVerdict } from '../release/steps/versions-consistent.js';
import type { CheckResult } from './result.js';

export type { Mode } from '../release/context.js';

export interface ReleaseOptions extends RunOptions {
  /** 'no-upload' (the default), 'test-upload' (TestPyPI, not tagged) or 'upload' (PyPI, then tag). */
  mode?: Mode;
  /** Describe the plan; run nothing. */
  dryRun?: boolean;
  allowDirty?: boolean;
  /** After tagging, push the tag to release.remote. */
  push?: boolean;
  /** false: python -m build --no-isolation (as release.isolation: false). */
  isolation?: boolean;
  /** Asks before an upload to PyPI; absent (or with `yes`), nobody is asked. */
  confirm?: (question: string) => Promise<boolean>;
  yes?: boolean;
}

export interface ReleaseResult extends RunResult {
  dryRun: boolean;
  mode: Mode;
  version?: string;
  tag?: string;
  /** Every step the run takes (took, for a real run that went to the end), in order. */
  plan: PlannedStep[];
  /** The check of the work tree: the first gate. */
  check: CheckResult;
}

export async function release(options: ReleaseOptions = {}): Promise<ReleaseResult> {
  const mode = options.mode ?? 'no-upload';
  const prepared = await prepare('release', mode, options);
  const { check, ctx } = prepared;
  await readyToRelease(prepared, mode, options);
  const plan = planOf(RELEASE_STEPS, ctx);
  const base = {
    mode,
    plan: describePlan(plan, ctx),
    check,
    ...(ctx.version !== undefined ? { version: ctx.version } : {}),
    ...(ctx.tag ? { tag: ctx.tag } : {}),
  };
  if (options.dryRun) {
    // Only the check is known without running anything: when it fails, so would the real run's first step.
    const verdict = versionsVerdict(ctx);
    const stopped = { step: 'versions consistent', stage: 'gate' as const, code: verdict.code, detail: verdict.detail, message: 'a real run stops at step 1' };
    return { ...base, dryRun: true, ok: verdict.status !== 'failed', steps: [], ...(verdict.status === 'failed' ? { stopped } : {}) };
  }
  const cleanup = () => ctx.scratch.removeAll();
  process.on('exit', cleanup);
  try {
    return { ...base, dryRun: false, ...(await runSteps(plan, ctx)) };
  } finally {
    process.off('exit', cleanup);
    cleanup();
  }
}

/** A prepared package's context made ready for this run; refused while a change is unfinished or when tags alone give the version. */
export async function readyToRelease({ loaded, ctx }: Prepared, mode: Mode, options: ReleaseOptions): Promise<void> {
  await refuseUnfinished(loaded);
  refuseTagLayout(loaded.layout, 'release');
  Object.assign(ctx, {
    release: options.isolation === false ? { ...ctx.release, isolation: false } : ctx.release,
    dist: path.join(loaded.root, 'dist'),
    ...(mode === 'test-upload' ? { index: { label: 'TestPyPI', url: ctx.release.indexes.testpypi, extra: ctx.release.indexes.pypi } } : {}),
    allowDirty: options.allowDirty === true,
    push: options.push === true,
    askFirst: options.yes !== true,
    ...(options.confirm ? { confirm: options.confirm } : {}),
  });
}
