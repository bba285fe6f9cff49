// The runtime truth, as steps: install what was built into a fresh environment and ask it its
// version; the same for a wheel built from the sdist; smoke commands; install from an index.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { wheelMetadata } from './artifacts.js';
import { activated, createEnvironment, installFromIndex, installWheelOffline, probe, wheelFromSdist, type Environment, type EnvironmentContext } from './environment.js';
import { StepFailed, type Stage, type Step } from './plan.js';
import { execute } from './steps.js';
import { UserError } from '../core/errors.js';

export interface InstalledContext extends EnvironmentContext {
  /** The project root: a source whose directory holds an __init__.py there belongs to the package. */
  root: string;
  /** [project] name; else taken from the wheel's file name. */
  distribution?: string;
  /** The version in PEP 440 form. */
  version: string;
  pythonSources: { file: string; variable: string }[];
  smoke: string[][];
  requireSmoke: boolean;
  stage: Stage;
}

/** What the steps hand on: the artifacts (absolute paths) and the wheel's environment, for smoke. */
export interface InstalledState {
  files: string[];
  wheelEnv?: Environment;
}

const RETRY_SECONDS = [5, 10, 20, 40, 60];

export function installedSteps(ctx: InstalledContext, state: InstalledState): Step[] {
  const lookup = `importlib.metadata.version("${ctx.distribution ?? '<distribution>'}")`;
  const asked = [lookup, ...ctx.pythonSources.map((s) => `${s.variable} in the installed ${s.file}`)].join(' and ');
  const steps: Step[] = [
    {
      name: 'installed version',
      description: `a fresh environment (${ctx.python} -m venv --without-pip, removed afterwards), pip install --no-deps --no-index <the wheel>; ${asked} must be ${ctx.version}`,
      stage: ctx.stage,
      run: async () => {
        const wheel = state.files.find((f) => f.endsWith('.whl'));
        if (!wheel) throw new StepFailed('no wheel was built, so nothing can be installed; build one (python -m build builds both)');
        state.wheelEnv = await createEnvironment(ctx, 'wheel');
        await installWheelOffline(ctx, state.wheelEnv, wheel);
        return verdict(await ask(ctx, state.wheelEnv, wheel), path.basename(wheel));
      },
    },
    {
      name: 'installed version (sdist)',
      description: `when an sdist was built: a wheel built from it (${ctx.python} -m build --wheel --no-isolation, offline), checked the same way in another fresh environment`,
      stage: ctx.stage,
      run: async () => {
        const sdist = state.files.find((f) => f.endsWith('.tar.gz'));
        if (!sdist) return 'no sdist was built; nothing to check';
        const wheel = await wheelFromSdist(ctx, sdist);
        const env = await createEnvironment(ctx, 'sdist-wheel');
        await installWheelOffline(ctx, env, wheel);
        return verdict(await ask(ctx, env, wheel), `the wheel built from ${path.basename(sdist)}`);
      },
    },
  ];
  if (ctx.smoke.length)
    steps.push({
      name: 'smoke',
      description: `in that environment, install the wheel's dependencies (pip install <the wheel>: needs an index${ctx.requireSmoke ? '' : '; offline: skipped with a warning'}), then run ${ctx.smoke.map((a) => a.join(' ')).join('; ')}`,
      stage: ctx.stage,
      run: async () => {
        const env = state.wheelEnv!;
        const wheel = state.files.find((f) => f.endsWith('.whl'))!;
        const needs = dependencies(wheel);
        if (needs.length) {
          const argv = [...env.pip, '--retries', '1', wheel];
          const res = await execute(ctx, 'pip install', argv, { cwd: env.home, part: true });
          if (res.code !== 0 || res.spawnError) {
            const why = `pip could not install the dependencies (${needs.join(', ')}): offline, or no index reachable`;
            if (ctx.requireSmoke) throw new StepFailed(`${why}; --require-smoke makes that a failure`);
            ctx.say(`⚠ smoke: skipped: ${why} (pass --require-smoke to fail instead)\n`);
            return;
          }
        }
        return runSmoke(ctx, env);
      },
    });
  return steps;
}

/** Installs `<distribution>==<version>` from an index into a fresh environment, retrying while the index catches up, then checks it. */
export function indexStep(ctx: InstalledContext, label: string, index: string, extra: string): Step {
  const requirement = `${ctx.distribution}==${ctx.version}`;
  return {
    name: `install from ${label}`,
    description: `a fresh environment, pip install --index-url ${index} --extra-index-url ${extra} ${requirement} (retried for up to ${RETRY_SECONDS.reduce((a, b) => a + b)}s while the index catches up); the same checks${ctx.smoke.length ? ' and smoke commands' : ''}`,
    stage: ctx.stage,
    run: async () => {
      if (!ctx.distribution) throw new StepFailed('pyproject.toml names no distribution ([project] name), so there is nothing to ask the index for');
      const env = await createEnvironment(ctx, 'index');
      for (let attempt = 0; !(await installFromIndex(ctx, env, requirement, index, extra)); attempt++) {
        const wait = RETRY_SECONDS[attempt];
        if (wait === undefined) throw new StepFailed(`${label} did not serve ${requirement} after ${attempt + 1} attempts`);
        if (await countdown(ctx, wait, `${label} does not serve ${requirement} yet; attempt ${attempt + 2} of ${RETRY_SECONDS.length + 1}`))
          throw new UserError(`interrupted while waiting for ${label}; stopped`, 1);
      }
      const found = verdict(await ask(ctx, env, label), `${requirement} from ${label}`);
      const smoked = ctx.smoke.length ? `; ${await runSmoke(ctx, env)}` : '';
      return found + smoked;
    },
  };
}

async function ask(ctx: InstalledContext, env: Environment, wheel: string) {
  const distribution = ctx.distribution ?? path.basename(wheel).split('-')[0]!;
  const belongsToPackage = (file: string) => existsSync(path.join(ctx.root, path.dirname(file), '__init__.py'));
  return probe(ctx, env, { distribution, version: ctx.version, belongsToPackage }, ctx.pythonSources);
}

function verdict(findings: { problems: string[]; passed: string[] }, what: string): string {
  if (findings.problems.length) throw new StepFailed(`${what}, installed in a fresh environment:\n    ${findings.problems.join('\n    ')}`);
  return `${what}: ${findings.passed.join('; ')}`;
}

async function runSmoke(ctx: InstalledContext, env: Environment): Promise<string> {
  for (const argv of ctx.smoke) {
    const res = await execute(ctx, 'smoke', argv, { cwd: env.home, env: activated(env, ctx.env), part: true });
    if (res.spawnError) throw new StepFailed(`${argv.join(' ')} could not start in the environment: ${res.spawnError}`);
    if (res.code !== 0) throw new StepFailed(`${argv.join(' ')} exited with ${res.code} (its output is above)`);
  }
  return `${ctx.smoke.map((a) => a.join(' ')).join('; ')} exited with 0`;
}

/** The wheel's unconditional Requires-Dist entries (extras aside): what `pip install` needs an index for. */
function dependencies(wheel: string): string[] {
  const metadata = wheelMetadata(readFileSync(wheel)) ?? '';
  return [...metadata.matchAll(/^Requires-Dist:[ \t]*(.+)$/gm)].map((m) => m[1]!.trim()).filter((r) => !/extra\s*==/.test(r));
}

/** Waits, showing the seconds left (redrawn in a terminal, one line in CI); Ctrl-C ends the wait and answers true. */
function countdown(ctx: InstalledContext, seconds: number, why: string): Promise<boolean> {
  return new Promise((resolve) => {
    let left = seconds;
    const line = () => `… ${why}: retrying in ${left}s`;
    if (ctx.io.progress) ctx.io.err(line());
    else ctx.say(`${line()}\n`);
    const done = (signal?: unknown) => {
      clearInterval(timer);
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      if (ctx.io.progress) ctx.io.err('\n');
      resolve(typeof signal === 'string');
    };
    const timer = setInterval(() => {
      left--;
      if (left <= 0) return done();
      if (ctx.io.progress) ctx.io.err(`\r${line()} `);
    }, 1000);
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
  });
}
