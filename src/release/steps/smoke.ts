// The smoke commands, in the wheel's environment once its dependencies are installed (they need an index).
import { installDependencies, runSmoke } from '../installed-package.js';
import { failed, passed, skipped, type Step } from '../step.js';

export const smoke: Step = {
  name: 'smoke',
  description: (ctx) =>
    `in that environment, install the wheel's dependencies (pip install <the wheel>: needs an index${ctx.requireSmoke ? '' : '; offline: skipped with a warning'}), then run ${(ctx.release.smoke ?? []).map((a) => a.join(' ')).join('; ')}`,
  when: (ctx) => ctx.dist !== undefined && (ctx.release.smoke ?? []).length > 0,
  stage: 'built',
  async run(ctx) {
    const installed = await installDependencies(ctx);
    if (installed !== true) {
      if (ctx.requireSmoke) return failed('dependencies-unavailable', `${installed}; --require-smoke makes that a failure`);
      return skipped('dependencies-unavailable', `${installed} (pass --require-smoke to fail instead)`, true);
    }
    return passed('smoke-passed', await runSmoke(ctx, ctx.state.wheelEnv!));
  },
};
