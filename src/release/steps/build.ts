// Builds the artifacts with the configured command; a failure says the reason its output shows.
import { buildCommand } from '../context.js';
import { explainBuild } from '../diagnose.js';
import { commandStep } from '../run-command.js';
import type { Step } from '../step.js';

export const build: Step = {
  name: 'build',
  description: (ctx) => buildCommand(ctx).join(' '),
  stage: 'gate',
  run: (ctx) => commandStep(ctx, buildCommand(ctx), { explain: (output) => explainBuild(output, buildCommand(ctx)) }),
};
