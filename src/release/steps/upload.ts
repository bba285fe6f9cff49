// Uploads the artifacts with twine; the only command that gets the credentials.
import { uploadCommand } from '../context.js';
import { commandStep } from '../run-command.js';
import type { Step } from '../step.js';

export const upload: Step = {
  name: (ctx) => `upload (${ctx.mode === 'upload' ? 'PyPI' : 'TestPyPI'})`,
  description: (ctx) => `${uploadCommand(ctx)!.join(' ')} dist/*`,
  when: (ctx) => ctx.command === 'release' && ctx.mode !== 'no-upload',
  stage: 'built',
  // From an empty directory, the artifacts by absolute path: nothing in the project is importable by the upload, which holds the credentials.
  run: (ctx) => commandStep(ctx, [...uploadCommand(ctx)!, ...ctx.state.files], { env: ctx.uploadEnv, cwd: ctx.scratch.make('upload') }),
};
