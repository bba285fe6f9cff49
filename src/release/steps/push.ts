// Pushes the new tag to release.remote (--push).
import { pushRefs } from '../../git/git.js';
import { tagShown } from '../context.js';
import { failed, passed, type Step } from '../step.js';

export const push: Step = {
  name: 'push',
  description: (ctx) => `git push ${ctx.release.remote} refs/tags/${tagShown(ctx)}`,
  when: (ctx) => ctx.command === 'release' && ctx.mode === 'upload' && ctx.push,
  stage: 'tagged',
  async run(ctx) {
    try {
      await pushRefs(ctx.gitTop!, ctx.release.remote, [`refs/tags/${ctx.tag}`]);
    } catch (e) {
      return failed('push-failed', (e as Error).message);
    }
    return passed('pushed', `pushed ${ctx.tag} to ${ctx.release.remote}`);
  },
};
