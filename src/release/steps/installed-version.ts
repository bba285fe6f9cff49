// The runtime truth: the built wheel, installed offline into a fresh environment, reports the version.
// In a group release it is installed with the fresh wheels of the siblings it requires, never from an index.
import path from 'node:path';
import { createEnvironment, installWheelOffline, installWithSiblings } from '../environment.js';
import { ask, asked, verdict } from '../installed-package.js';
import { siblingInstall } from '../siblings.js';
import { failed, type Step } from '../step.js';

export const installedVersion: Step = {
  name: 'installed version',
  description: (ctx) =>
    `a fresh environment (${ctx.release.python} -m venv --without-pip, removed afterwards), ${
      ctx.fresh
        ? "pip install --no-index <the wheel> <the fresh wheels of the group's packages it requires> (with their dependencies when they are all siblings; else --no-deps)"
        : 'pip install --no-deps --no-index <the wheel>'
    }; ${asked(ctx)} must be ${ctx.pep440 ?? '<version>'}`,
  when: (ctx) => ctx.dist !== undefined,
  stage: 'built',
  async run(ctx) {
    const wheel = ctx.state.files.find((f) => f.endsWith('.whl'));
    if (!wheel) return failed('no-wheel', 'no wheel was built, so nothing can be installed; build one (python -m build builds both)');
    const group = siblingInstall(ctx, wheel);
    if (group?.excluded.length) return failed('sibling-excluded', `a pin excludes a sibling's fresh wheel:\n    ${group.excluded.join('\n    ')}`);
    ctx.state.wheelEnv = await createEnvironment(ctx, 'wheel');
    if (!group) await installWheelOffline(ctx, ctx.state.wheelEnv, wheel);
    else {
      await installWithSiblings(
        ctx,
        ctx.state.wheelEnv,
        wheel,
        group.siblings.map((s) => s.wheel),
        group.offline,
      );
      if (group.offline) ctx.state.wheelDependencies = true;
    }
    const extra = group
      ? `; installed with the fresh ${group.siblings.map((s) => path.basename(s.wheel)).join(', ')}${group.offline ? ' (every dependency a sibling, resolved by pip)' : ''}`
      : '';
    return verdict(await ask(ctx, ctx.state.wheelEnv, wheel), path.basename(wheel), extra);
  },
};
