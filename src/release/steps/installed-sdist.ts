// The same for the sdist: a wheel built from it offline, installed into another fresh environment.
import path from 'node:path';
import { createEnvironment, installWheelOffline, wheelFromSdist } from '../environment.js';
import { ask, verdict } from '../installed-package.js';
import { skipped, type Step } from '../step.js';

export const installedSdist: Step = {
  name: 'installed version (sdist)',
  description: (ctx) =>
    `when an sdist was built: a wheel built from it by its build backend's build_wheel hook (${ctx.release.python}, offline, without isolation), checked the same way in another fresh environment`,
  when: (ctx) => ctx.dist !== undefined,
  stage: 'built',
  // Its wheel, environment and install need nothing of the wheel's: they run beside that step.
  early: true,
  async run(ctx) {
    const sdist = ctx.state.files.find((f) => f.endsWith('.tar.gz'));
    if (!sdist) return skipped('no-sdist', 'no sdist was built; nothing to check');
    const wheel = await wheelFromSdist(ctx, sdist);
    const env = await createEnvironment(ctx, 'sdist-wheel');
    await installWheelOffline(ctx, env, wheel);
    return verdict(await ask(ctx, env, wheel), `the wheel built from ${path.basename(sdist)}`);
  },
};
