// Runs a plan: the steps of a registry whose `when` holds, in order; the first failure stops it.
// The dry run describes the same list, so the two never disagree. Failure words live here.
import type { StepContext } from './context.js';
import { tagged } from './context.js';
import { startEarly, type EarlyStep } from './early.js';
import { failed, isStepFailed, stepName, type Outcome, type Stage, type Status, type Step } from './step.js';

export interface PlannedStep {
  name: string;
  description: string;
  stage: Stage;
}

export interface StepRecord {
  step: string;
  status: Status;
  code: string;
  detail: string;
  seconds: number;
}

export interface RunResult {
  ok: boolean;
  steps: StepRecord[];
  /** The step that stopped the run, its outcome, and what that means, in one sentence. */
  stopped?: { step: string; stage: Stage; code: string; detail: string; message: string };
}

/** The steps of `registry` that this run takes, in order. */
export const planOf = (registry: readonly Step[], ctx: StepContext): Step[] => registry.filter((s) => s.when?.(ctx) ?? true);

export const describePlan = (plan: Step[], ctx: StepContext): PlannedStep[] =>
  plan.map((s) => ({ name: stepName(s, ctx), description: s.description(ctx), stage: s.stage }));

export async function runSteps(plan: Step[], ctx: StepContext): Promise<RunResult> {
  const steps: StepRecord[] = [];
  const early = new Map<Step, EarlyStep>();
  try {
    for (const [i, step] of plan.entries()) {
      const name = stepName(step, ctx);
      const stage = step.stage;
      if (ctx.signal.aborted) return stop(steps, ctx, name, stage, failed('interrupted-before', `interrupted before ${name}`));
      ctx.step = name;
      ctx.emit({ type: 'step', step: name, status: 'started', description: step.description(ctx) });
      const next = plan[i + 1];
      if (next?.early) early.set(next, startEarly(next, stepName(next, ctx), ctx));
      const ahead = early.get(step);
      early.delete(step);
      const started = ctx.clock.now();
      let outcome: Outcome;
      try {
        outcome = ahead ? await ahead.take(ctx.emit) : await step.run(ctx);
      } catch (e) {
        if (!isStepFailed(e)) throw e;
        outcome = failed(e.code, e.detail);
      }
      const seconds = (ahead ? ahead.took() : ctx.clock.now() - started) / 1000;
      const { status, code, detail } = outcome;
      ctx.emit({ type: 'step', step: name, status, code, detail, seconds, ...(outcome.warn ? { warn: true } : {}) });
      steps.push({ step: name, status, code, detail, seconds });
      if (status === 'failed') return stop(steps, ctx, name, stage, outcome);
    }
    return { ok: true, steps };
  } finally {
    // A step started early whose turn never came: stopped, and its commands gone before the run returns.
    await Promise.all([...early.values()].map((e) => e.cancel()));
  }
}

function stop(steps: StepRecord[], ctx: StepContext, step: string, stage: Stage, outcome: Outcome): RunResult {
  return { ok: false, steps, stopped: { step, stage, code: outcome.code, detail: outcome.detail, message: stopMessage(ctx, step, stage, outcome) } };
}

const CONSEQUENCE: Record<Stage, (name: string) => string> = {
  gate: (name) => `release stopped at the gate "${name}"; nothing was built or uploaded`,
  built: (name) => `release stopped at "${name}"; nothing was uploaded or tagged`,
  uploaded: (name) => `release stopped at "${name}" after the upload; nothing was tagged`,
  tagged: (name) => `release stopped at "${name}" after the upload and the tag`,
};

/** What a failure means for the run, in one sentence (the CLI prints it last). */
export function stopMessage(ctx: StepContext, step: string, stage: Stage, outcome: Outcome): string {
  const release = ctx.command === 'release';
  const noTag = release ? ' and no tag was created' : '';
  const stopped = release ? 'the release stopped' : 'verify stopped';
  switch (outcome.code) {
    case 'interrupted':
      return `interrupted during ${step}; ${stopped}${noTag}`;
    case 'interrupted-before':
      return `interrupted before ${step}; ${stopped}${noTag}`;
    case 'not-started':
      return `step ${step} could not start: ${outcome.detail}`;
    case 'exit-code':
      return `step ${step} failed with exit code ${outcome.exitCode}; ${stopped}${tagged(ctx) ? ' and no tag was created' : ''}`;
    default:
      return release ? CONSEQUENCE[stage](step) : `verify failed at "${step}"`;
  }
}
