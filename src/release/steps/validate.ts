// Gate: the configured validate command (release.validate), run from the project as configured.
import { commandStep } from '../run-command.js';
import type { Step } from '../step.js';

export const validate: Step = {
  name: 'validate',
  description: (ctx) => ctx.release.validate!.join(' '),
  when: (ctx) => ctx.release.validate !== undefined,
  stage: 'gate',
  // The one command meant to run the project's own code: it keeps the project on sys.path (no PYTHONSAFEPATH forced).
  run: (ctx) => commandStep(ctx, ctx.release.validate!, { env: ctx.projectEnv }),
};
