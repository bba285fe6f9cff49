// Uploads the artifacts with twine; the only command that gets the credentials.
import { uploadCommand } from '../context.js';
import { commandStep } from '../run-command.js';
import type { Step } from '../step.js';
import { distArguments } from './twine-check.js';

export const upload: Step = {
  name: (ctx) => `upload (${ctx.mode === 'upload' ? 'PyPI' : 'TestPyPI'})`,
  description: (ctx) => `${uploadCommand(ctx)!.join(' ')} dist/*`,
  when: (ctx) => ctx.command === 'release' && ctx.mode !== 'no-upload',
  stage: 'built',
  run: (ctx) => commandStep(ctx, [...uploadCommand(ctx)!, ...distArguments(ctx)], { env: ctx.uploadEnv }),
};
