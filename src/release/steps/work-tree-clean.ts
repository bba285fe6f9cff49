// Gate: no uncommitted changes to tracked files (--allow-dirty skips it).
import { changedTrackedFiles } from '../../git/git.js';
import { failed, passed, type Step } from '../step.js';

export const workTreeClean: Step = {
  name: 'work tree clean',
  description: () => 'no uncommitted changes to tracked files',
  when: (ctx) => ctx.gitTop !== undefined && !ctx.allowDirty,
  stage: 'gate',
  async run(ctx) {
    const dirty = await changedTrackedFiles(ctx.gitTop!);
    if (dirty.length === 0) return passed('clean', 'no uncommitted changes');
    return failed(
      'dirty',
      `uncommitted changes in ${dirty.slice(0, 5).join(', ')}${dirty.length > 5 ? ', …' : ''}; commit or stash them (or pass --allow-dirty)`,
    );
  },
};
