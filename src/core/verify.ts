// verify(options): the installed-version checks on artifacts built elsewhere (dist/ or a given
// directory), or on the release installed from an index, as a library use case with events.
import path from 'node:path';
import { prepare, type RunOptions } from '../release/prepare.js';
import { VERIFY_STEPS } from '../release/registry.js';
import { describePlan, planOf, runSteps, type PlannedStep, type RunResult } from '../release/runner.js';

export interface VerifyOptions extends RunOptions {
  /** Where the wheel and sdist are (default: dist/ in the project); relative to the current directory. */
  dist?: string;
  /** Install <distribution>==<version> from this index (simple API) and check that instead. */
  indexUrl?: string;
}

export interface VerifyResult extends RunResult {
  version?: string;
  plan: PlannedStep[];
}

export async function verify(options: VerifyOptions = {}): Promise<VerifyResult> {
  const { loaded, ctx } = await prepare('verify', 'no-upload', options);
  const shown = options.dist === undefined ? 'dist/' : options.dist.endsWith('/') ? options.dist : `${options.dist}/`;
  Object.assign(
    ctx,
    options.indexUrl
      ? { index: { label: options.indexUrl, url: options.indexUrl, extra: ctx.release.indexes.pypi } }
      : { dist: options.dist === undefined ? path.join(loaded.root, 'dist') : path.resolve(options.dist), distShown: shown },
  );
  const plan = planOf(VERIFY_STEPS, ctx);
  const cleanup = () => ctx.scratch.removeAll();
  process.on('exit', cleanup);
  try {
    return { plan: describePlan(plan, ctx), ...(ctx.version !== undefined ? { version: ctx.version } : {}), ...(await runSteps(plan, ctx)) };
  } finally {
    process.off('exit', cleanup);
    cleanup();
  }
}
