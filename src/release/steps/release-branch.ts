// Gate: HEAD is on release.branch, when one is configured.
import { currentBranch } from '../../git/git.js';
import { failed, passed, type Step } from '../step.js';

export const releaseBranch: Step = {
  name: 'release branch',
  description: (ctx) => `HEAD is on ${ctx.release.branch}`,
  when: (ctx) => ctx.gitTop !== undefined && ctx.release.branch !== undefined,
  stage: 'gate',
  async run(ctx) {
    const wanted = ctx.release.branch!;
    const branch = await currentBranch(ctx.gitTop!);
    if (branch === wanted) return passed('on-branch', `on ${wanted}`);
    return failed(branch ? 'other-branch' : 'detached', `releases are made from ${wanted}, but ${branch ? `this is ${branch}` : 'HEAD is detached'}`);
  },
};
