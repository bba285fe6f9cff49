// Asking what was installed into a throwaway environment: the version it reports (probe.ts), and
// the smoke commands run inside it. Shared by the installed-version, smoke and index steps.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { unconditionalRequirements } from './artifact-metadata.js';
import { throwawayEnv, type StepContext } from './context.js';
import { activated, probe, type Environment } from './environment.js';
import { execute } from './run-command.js';
import { siblingInstall } from './siblings.js';
import { failed, passed, StepFailed, type Outcome } from './step.js';

/** Runs the probe in `env`: the distribution's metadata and every python source's variable. */
export async function ask(ctx: StepContext, env: Environment, installed: string) {
  const distribution = ctx.distribution ?? path.basename(installed).split('-')[0]!;
  const belongsToPackage = (file: string) => existsSync(path.join(ctx.root, path.dirname(file), '__init__.py'));
  return probe(ctx, env, { distribution, version: ctx.pep440 ?? '', belongsToPackage }, ctx.pythonSources);
}

/** The findings as an outcome: passed with what was confirmed, or a failure listing every problem. */
export function verdict(findings: { problems: string[]; passed: string[] }, what: string, extra = ''): Outcome {
  if (findings.problems.length) return failed('installed-version-wrong', `${what}, installed in a fresh environment:\n    ${findings.problems.join('\n    ')}`);
  return passed('installed-version-right', `${what}: ${findings.passed.join('; ')}${extra}`);
}

/** Runs every smoke command inside `env` (its bin/ first on PATH, a scratch directory as working directory). */
export async function runSmoke(ctx: StepContext, env: Environment): Promise<string> {
  for (const argv of ctx.release.smoke ?? []) {
    const res = await execute(ctx, 'smoke', argv, { cwd: env.home, env: throwawayEnv(ctx, activated(env, ctx.env)), part: true });
    if (res.spawnError) throw new StepFailed('smoke-not-started', `${argv.join(' ')} could not start in the environment: ${res.spawnError}`);
    if (res.code !== 0) throw new StepFailed('smoke-failed', `${argv.join(' ')} exited with ${res.code} (its output is above)`);
  }
  return `${(ctx.release.smoke ?? []).map((a) => a.join(' ')).join('; ')} exited with 0`;
}

/** What `importlib.metadata` and each python source are asked, in words for the plan. */
export function asked(ctx: StepContext): string {
  const lookup = `importlib.metadata.version("${ctx.distribution ?? '<distribution>'}")`;
  return [lookup, ...ctx.pythonSources.map((s) => `${s.variable} in the installed ${s.file}`)].join(' and ');
}

/**
 * Installs the wheel's dependencies into the wheel's environment once (pip install <the wheel>: it
 * needs an index); true, or why pip could not. Smoke and the MCP gate share it.
 */
export async function installDependencies(ctx: StepContext): Promise<true | string> {
  if (ctx.state.wheelDependencies !== undefined) return ctx.state.wheelDependencies;
  const env = ctx.state.wheelEnv!;
  const wheel = ctx.state.files.find((f) => f.endsWith('.whl'))!;
  const needs = unconditionalRequirements(ctx.state.metadata.get(wheel));
  // In a group release, the siblings come from their fresh wheels: named as files, pip takes no other candidate for them.
  const siblings = siblingInstall(ctx, wheel)?.siblings.map((s) => s.wheel) ?? [];
  ctx.state.wheelDependencies = true;
  if (needs.length) {
    const argv = [...env.pip, '--retries', '1', wheel, ...siblings];
    const res = await execute(ctx, 'pip install', argv, { cwd: env.home, env: throwawayEnv(ctx), part: true });
    if (res.code !== 0 || res.spawnError)
      ctx.state.wheelDependencies = `pip could not install the dependencies (${needs.join(', ')}): offline, or no index reachable`;
  }
  return ctx.state.wheelDependencies;
}
