// A step started beside the one before it (Step.early): the two wait on different processes, so on
// two cores they take little more than the longer of them. What the early step reports is held back
// until its own turn, so a run reports in plan order what it would report one step after another;
// when the run stops before that turn, the early step is stopped, waited for, and nothing of it shown.
import type { StepContext } from './context.js';
import type { Emit, StepEvent } from './events.js';
import { failed, isStepFailed, type Outcome, type Step } from './step.js';

export interface EarlyStep {
  /** How long it ran (the clock's milliseconds), from its own start beside the step before it to its end, not to its turn. */
  took(): number;
  /** Reports what it did so far, then the rest as it happens; its outcome. */
  take(emit: Emit): Promise<Outcome>;
  /** Stops its commands and waits until they are gone. */
  cancel(): Promise<void>;
}

export function startEarly(step: Step, name: string, ctx: StepContext): EarlyStep {
  const held: StepEvent[] = [];
  let shown: Emit | undefined;
  // Its own signal: the run's interruption stops it, and so does a run that ends before its turn.
  const controller = new AbortController();
  const interrupted = () => controller.abort(ctx.signal.reason);
  if (ctx.signal.aborted) interrupted();
  else ctx.signal.addEventListener('abort', interrupted, { once: true });
  const own: StepContext = {
    ...ctx,
    step: name,
    signal: controller.signal,
    processGroup: true,
    // Its commands' temporary files in a directory of the run's: removed with it, however they end.
    env: { ...ctx.env, TMPDIR: ctx.scratch.make('tmp') },
    emit: (event) => (shown ? shown(event) : void held.push(event)),
  };
  const started = ctx.clock.now();
  let ended: number | undefined;
  const outcome = step
    .run(own)
    .catch((e: unknown) => {
      if (!isStepFailed(e)) throw e;
      return failed(e.code, e.detail);
    })
    .finally(() => {
      ended = ctx.clock.now();
      ctx.signal.removeEventListener('abort', interrupted);
    });
  // Awaited by take or cancel; until then a failure must not count as unhandled.
  outcome.catch(() => undefined);
  return {
    took: () => (ended ?? ctx.clock.now()) - started,
    take(emit) {
      for (const event of held.splice(0)) emit(event);
      shown = emit;
      return outcome;
    },
    async cancel() {
      controller.abort('SIGINT');
      await outcome.catch(() => undefined);
    },
  };
}
