// The smoke commands, in the wheel's environment once its dependencies are installed (they need an index).
import { unconditionalRequirements } from '../artifact-metadata.js';
import { throwawayEnv } from '../context.js';
import { execute } from '../run-command.js';
import { runSmoke } from '../installed-package.js';
import { failed, passed, skipped, type Step } from '../step.js';

export const smoke: Step = {
  name: 'smoke',
  description: (ctx) =>
    `in that environment, install the wheel's dependencies (pip install <the wheel>: needs an index${ctx.requireSmoke ? '' : '; offline: skipped with a warning'}), then run ${(ctx.release.smoke ?? []).map((a) => a.join(' ')).join('; ')}`,
  when: (ctx) => ctx.dist !== undefined && (ctx.release.smoke ?? []).length > 0,
  stage: 'built',
  async run(ctx) {
    const env = ctx.state.wheelEnv!;
    const wheel = ctx.state.files.find((f) => f.endsWith('.whl'))!;
    const needs = unconditionalRequirements(ctx.state.metadata.get(wheel));
    if (needs.length) {
      const res = await execute(ctx, 'pip install', [...env.pip, '--retries', '1', wheel], { cwd: env.home, env: throwawayEnv(ctx), part: true });
      if (res.code !== 0 || res.spawnError) {
        const why = `pip could not install the dependencies (${needs.join(', ')}): offline, or no index reachable`;
        if (ctx.requireSmoke) return failed('dependencies-unavailable', `${why}; --require-smoke makes that a failure`);
        return skipped('dependencies-unavailable', `${why} (pass --require-smoke to fail instead)`, true);
      }
    }
    return passed('smoke-passed', await runSmoke(ctx, env));
  },
};
