// Gate: in GitHub Actions on a tag push, the triggering tag is the one this release makes.
import { tagShown } from '../context.js';
import { failed, passed, type Step } from '../step.js';

export const githubTag: Step = {
  name: 'GitHub tag',
  description: (ctx) => `the workflow's tag is ${tagShown(ctx)}`,
  when: (ctx) => ctx.env.GITHUB_ACTIONS === 'true' && ctx.env.GITHUB_REF_TYPE === 'tag',
  stage: 'gate',
  async run(ctx) {
    const ref = ctx.env.GITHUB_REF_NAME ?? '';
    if (ctx.tag && ref === ctx.tag) return passed('tag-matches', `triggered by ${ctx.tag}`);
    return failed('tag-differs', `the workflow was triggered by tag ${ref || '(unknown)'}, but the version says ${tagShown(ctx)}`);
  },
};
