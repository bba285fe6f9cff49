// What a release or verify step is: a module with a name, a description for the plan, a condition
// and a run that returns an outcome with a code (registry.ts lists the steps in order).
import type { StepContext } from './context.js';

/** How far a release has come when a step runs: decides what a failure promises (nothing uploaded, no tag). */
export type Stage = 'gate' | 'built' | 'uploaded';

export type Status = 'passed' | 'skipped' | 'failed';

export interface Outcome {
  status: Status;
  /** What happened, as data: callers decide by this, never by the words of `detail`. */
  code: string;
  /** In words, for people. */
  detail: string;
  /** A skipped step that deserves attention (a check that could not run). */
  warn?: boolean;
  /** The exit code of a command that failed. */
  exitCode?: number;
}

export interface Step {
  /** Unique in its registry; a step whose name depends on the run (install from <index>) gives a function. */
  name: string | ((ctx: StepContext) => string);
  /** What the step does, in words and commands: the dry run prints exactly this. */
  description(ctx: StepContext): string;
  /** Whether the step belongs to this run's plan (absent: always). */
  when?(ctx: StepContext): boolean;
  stage: Stage;
  run(ctx: StepContext): Promise<Outcome>;
}

export const passed = (code: string, detail = ''): Outcome => ({ status: 'passed', code, detail });
export const skipped = (code: string, detail: string, warn = false): Outcome => ({ status: 'skipped', code, detail, ...(warn ? { warn } : {}) });
export const failed = (code: string, detail: string, exitCode?: number): Outcome => ({ status: 'failed', code, detail, ...(exitCode !== undefined ? { exitCode } : {}) });

/** A part of a step found a problem (not a crash): the runner turns it into the step's failed outcome. */
export class StepFailed extends Error {
  constructor(
    readonly code: string,
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'StepFailed';
  }
}

/** By name, not instanceof: lazily loaded bundles may each carry a copy of the class. */
export function isStepFailed(e: unknown): e is StepFailed {
  return e instanceof Error && e.name === 'StepFailed';
}

export const stepName = (step: Step, ctx: StepContext) => (typeof step.name === 'string' ? step.name : step.name(ctx));
