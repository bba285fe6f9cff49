// Removes the previous build's output (release.clean), inside the project only, following no link.
import { cleanOutputs } from '../build-outputs.js';
import { passed, type Step } from '../step.js';

export const clean: Step = {
  name: 'clean',
  description: (ctx) => `remove ${ctx.release.clean.join(' ')} (inside the project only)`,
  stage: 'gate',
  run: async (ctx) => passed('cleaned', `removed ${cleanOutputs(ctx.root, ctx.release.clean).join(' ') || 'nothing'}`),
};
