// Gate: the check finds no errors and the primary source states a version; the dry run asks it too.
import { howToRepair } from '../../report/advice.js';
import type { StepContext } from '../context.js';
import { failed, passed, type Outcome, type Step } from '../step.js';

/** The verdict, without running anything: what the dry run reports for step 1. */
export function versionsVerdict(ctx: StepContext): Outcome {
  const check = ctx.check;
  if (check && !check.ok) return failed('check-errors', `heimdall-version check found errors (above); ${howToRepair(check.diagnostics)}`);
  if (ctx.version === undefined) return failed('no-version', `${ctx.primaryFile} states no version literal`);
  return passed('consistent', `${ctx.version} everywhere`);
}

export const versionsConsistent: Step = {
  name: 'versions consistent',
  description: () => 'heimdall-version check finds no errors',
  stage: 'gate',
  async run(ctx) {
    if (ctx.check && !ctx.check.ok) ctx.emit({ type: 'check-report', result: ctx.check });
    return versionsVerdict(ctx);
  },
};
