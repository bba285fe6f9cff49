// What a step's run returns: a status and a code (callers decide by the code, never by words),
// and the way a part of a step reports a finding. No imports: everything may depend on this.

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

export const passed = (code: string, detail = ''): Outcome => ({ status: 'passed', code, detail });
export const skipped = (code: string, detail: string, warn = false): Outcome => ({ status: 'skipped', code, detail, ...(warn ? { warn } : {}) });
export const failed = (code: string, detail: string, exitCode?: number): Outcome => ({
  status: 'failed',
  code,
  detail,
  ...(exitCode !== undefined ? { exitCode } : {}),
});

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
