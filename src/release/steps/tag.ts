// Tags the uploaded release (annotated); a tag already on HEAD is kept.
import { createTag } from '../../git/git.js';
import { tagShown } from '../context.js';
import { failed, passed, type Step } from '../step.js';
import { tagState } from './tag-free.js';

export const tag: Step = {
  name: 'tag',
  description: (ctx) => `git tag -a ${tagShown(ctx)} -m "${ctx.tagMessage}"`,
  when: (ctx) => ctx.command === 'release' && ctx.mode === 'upload',
  stage: 'uploaded',
  async run(ctx) {
    const tag = ctx.tag!;
    if ((await tagState(ctx.gitTop!, tag)).code === 'tag-at-head') return passed('tag-at-head', `${tag} already tags HEAD`);
    try {
      await createTag(ctx.gitTop!, tag, ctx.tagMessage);
    } catch (e) {
      return failed('tag-failed', `${ctx.version} was uploaded, but ${(e as Error).message}\ntag it by hand: git tag -a ${tag} -m "${ctx.tagMessage}"`);
    }
    return passed('tagged', `tagged ${tag}`);
  },
};
