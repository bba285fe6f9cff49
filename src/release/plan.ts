// A release is one list of named steps: `--dry-run` prints it, the real run executes it, so the
// two can never disagree. Steps share one plain state object (bumpp style); see release-plan.ts.
import { UserError } from '../core/errors.js';

/** How far the release has come when a step runs: decides what a failure message promises. */
export type Stage = 'gate' | 'built' | 'uploaded' | 'verify';

export interface Step {
  name: string;
  /** What the step does, in words and commands: the dry run prints exactly this. */
  description: string;
  stage: Stage;
  /** Returns a detail to print after ✔ (gates), or nothing when the step printed its own lines. */
  // biome-ignore lint/suspicious/noConfusingVoidType: a step's run may return nothing at all
  run(): Promise<string | void>;
}

/** A step found a problem (not a crash): printed after ✖, then the release stops. */
export class StepFailed extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = 'StepFailed';
  }
}

/** The dry run's text: every step, numbered, in the order a real run takes them. */
export function planText(steps: Step[]): string {
  const width = String(steps.length).length;
  return steps.map((s, i) => `  ${String(i + 1).padStart(width)}. ${s.name}: ${s.description}\n`).join('');
}

const CONSEQUENCE: Record<Stage, (name: string) => string> = {
  gate: (name) => `release stopped at the gate "${name}"; nothing was built or uploaded`,
  built: (name) => `release stopped at "${name}"; nothing was uploaded or tagged`,
  uploaded: (name) => `release stopped at "${name}" after the upload; nothing was tagged`,
  verify: (name) => `verify failed at "${name}"`,
};

/**
 * Runs the steps in order; the first failure stops the chain. Ctrl-C (SIGINT) and SIGTERM are
 * caught for the whole run, so `cleanup` (temporary environments) always runs before exit.
 */
export async function runPlan(steps: Step[], say: (s: string) => void, cleanup: () => void = () => {}): Promise<void> {
  let interrupted: string | undefined;
  const onSignal = (signal: NodeJS.Signals) => (interrupted ??= signal);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('exit', cleanup);
  try {
    for (const step of steps) {
      if (interrupted) throw new UserError(`interrupted before ${step.name}; the release stopped and no tag was created`, 1);
      // biome-ignore lint/suspicious/noConfusingVoidType: what a step's run returns
      let detail: string | void;
      try {
        detail = await step.run();
      } catch (e) {
        if (!isStepFailed(e)) throw e;
        say(`✖ ${step.name}: ${e.detail}\n`);
        throw new UserError(CONSEQUENCE[step.stage](step.name), 1);
      }
      if (detail) say(`✔ ${step.name}: ${detail}\n`);
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('exit', cleanup);
    cleanup();
  }
}

/** By name, not instanceof: lazily loaded command bundles may each carry a copy of the class. */
function isStepFailed(e: unknown): e is StepFailed {
  return e instanceof Error && e.name === 'StepFailed';
}
