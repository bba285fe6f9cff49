// Gate: every interpreter imports what its commands need, every other program is on PATH.
import { buildCommand, uploadCommand, type StepContext } from '../context.js';
import { findTools, toolsNeeded } from '../tools.js';
import { failed, passed, type Step } from '../step.js';

/** The commands this run starts, and the modules the installed-version steps need (venv; build for the sdist's wheel). */
function tools(ctx: StepContext): [string[][], [string, string[]][]] {
  const { release } = ctx;
  const needsBuild = ctx.dist !== undefined;
  const extra: [string, string[]][] = [[release.python, ['venv', ...(needsBuild ? ['build'] : [])]]];
  if (ctx.command === 'verify') return [[], extra];
  const upload = uploadCommand(ctx);
  return [[...(release.validate ? [release.validate] : []), buildCommand(ctx), release.check, ...(upload ? [upload] : [])], extra];
}

export const toolsPresent: Step = {
  name: 'tools present',
  description: (ctx) => toolsNeeded(...tools(ctx)).describe,
  stage: 'gate',
  async run(ctx) {
    const found = findTools(...tools(ctx), { cwd: ctx.scratch.make('tools'), env: ctx.env });
    return found.ok ? passed(found.code, found.detail) : failed(found.code, found.detail);
  },
};
