// What a release or verify step is: a module with a name, a description for the plan, a condition
// and a run that returns an outcome with a code (registry.ts lists the steps in order).
import type { StepContext } from './context.js';
import type { Outcome } from './outcome.js';

export { failed, isStepFailed, passed, skipped, StepFailed, type Outcome, type Status } from './outcome.js';

/** How far a release has come when a step runs: decides what a failure promises (nothing uploaded, no tag). */
export type Stage = 'gate' | 'built' | 'uploaded' | 'tagged';

export interface Step {
  /** Unique in its registry; a step whose name depends on the run (install from <index>) gives a function. */
  name: string | ((ctx: StepContext) => string);
  /** What the step does, in words and commands: the dry run prints exactly this. */
  description(ctx: StepContext): string;
  /** Whether the step belongs to this run's plan (absent: always). */
  when?(ctx: StepContext): boolean;
  stage: Stage;
  /**
   * Started when the step before it starts, beside it (early.ts): for a step that needs nothing the
   * step before it does and waits on processes of its own. What it reports waits for its turn.
   */
  early?: boolean;
  run(ctx: StepContext): Promise<Outcome>;
}

export const stepName = (step: Step, ctx: StepContext) => (typeof step.name === 'string' ? step.name : step.name(ctx));
