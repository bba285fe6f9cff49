// verify: the installed-version checks on artifacts that already exist (built by another job), or
// on the version installed from an index, without building or uploading anything.
import path from 'node:path';
import { toolsGate, toolsNeeded } from './gates.js';
import { indexStep, installedSteps, type InstalledContext, type InstalledState } from './installed-steps.js';
import { StepFailed, type Step } from './plan.js';
import { artifactsStep } from './release-plan.js';

export interface VerifyContext extends InstalledContext {
  /** Where the wheel and sdist are (the default: dist/ in the project). */
  dist: string;
  /** Install `<distribution>==<version>` from this index instead of checking files. */
  indexUrl?: string;
  /** The index for dependencies (release.indexes.pypi). */
  extraIndex: string;
}

export function verifyPlan(ctx: VerifyContext): Step[] {
  const tools: [string, string[]][] = [[ctx.python, ['venv', ...(ctx.indexUrl ? [] : ['build'])]]];
  const steps: Step[] = [
    {
      name: 'version usable by Python',
      description: 'the version has a PEP 440 form',
      stage: 'verify',
      run: async () => {
        if (!ctx.version) throw new StepFailed('the project states no version with a PEP 440 form');
        return `expecting ${ctx.version}`;
      },
    },
    {
      name: 'tools present',
      description: toolsNeeded([], tools).describe,
      stage: 'verify',
      run: async () => {
        const outcome = toolsGate([], tools);
        if (!outcome.ok) throw new StepFailed(outcome.detail);
        return outcome.detail;
      },
    },
  ];
  if (ctx.indexUrl) return [...steps, indexStep(ctx, ctx.indexUrl, ctx.indexUrl, ctx.extraIndex)];
  const state: InstalledState = { files: [] };
  return [...steps, artifactsStep(path.resolve(ctx.dist), ctx.version, state, 'verify'), ...installedSteps(ctx, state)];
}
