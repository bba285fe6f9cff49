// Builds the artifacts with the configured command; a failure says the reason its output shows.
import { spawnSync } from 'node:child_process';
import { buildCommand, type StepContext } from '../context.js';
import { explainBuild, INSTALLED, missingDependencies } from '../diagnose.js';
import { commandStep } from '../run-command.js';
import type { Step } from '../step.js';

export const build: Step = {
  name: 'build',
  description: (ctx) => buildCommand(ctx).join(' '),
  stage: 'gate',
  run: (ctx) =>
    commandStep(ctx, buildCommand(ctx), { explain: (output) => explainBuild(output, buildCommand(ctx), installed(ctx, missingDependencies(output))) }),
};

/** Which of the requirements build called missing the build interpreter does have (requirement → version). */
function installed(ctx: StepContext, requirements: string[]): Map<string, string | undefined> | undefined {
  const python = buildCommand(ctx)[0]!;
  if (requirements.length === 0) return undefined;
  // As the build sees it (user site, PYTHONPATH), from an empty directory with PYTHONSAFEPATH: nothing of the project imported.
  const res = spawnSync(python, ['-c', INSTALLED, ...requirements], { encoding: 'utf8', env: ctx.env, cwd: ctx.scratch.make('installed'), timeout: 30_000 });
  try {
    return new Map(Object.entries(JSON.parse(res.stdout) as Record<string, string | null>).map(([r, v]) => [r, v ?? undefined]));
  } catch {
    return undefined;
  }
}
