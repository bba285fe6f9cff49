// The runtime truth: the built wheel, installed offline into a fresh environment, reports the version.
import path from 'node:path';
import { createEnvironment, installWheelOffline } from '../environment.js';
import { ask, asked, verdict } from '../installed-package.js';
import { failed, type Step } from '../step.js';

export const installedVersion: Step = {
  name: 'installed version',
  description: (ctx) =>
    `a fresh environment (${ctx.release.python} -m venv --without-pip, removed afterwards), pip install --no-deps --no-index <the wheel>; ${asked(ctx)} must be ${ctx.pep440 ?? '<version>'}`,
  when: (ctx) => ctx.dist !== undefined,
  stage: 'built',
  async run(ctx) {
    const wheel = ctx.state.files.find((f) => f.endsWith('.whl'));
    if (!wheel) return failed('no-wheel', 'no wheel was built, so nothing can be installed; build one (python -m build builds both)');
    ctx.state.wheelEnv = await createEnvironment(ctx, 'wheel');
    await installWheelOffline(ctx, ctx.state.wheelEnv, wheel);
    return verdict(await ask(ctx, ctx.state.wheelEnv, wheel), path.basename(wheel));
  },
};
