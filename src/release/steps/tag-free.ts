// Gate: the release's tag does not tag another commit (the tag step asks the same question).
import { headCommit, tagCommit } from '../../git/git.js';
import { tagShown } from '../context.js';
import { failed, passed, type Outcome, type Step } from '../step.js';

/** Where the tag stands: 'tag-free', 'tag-at-head', 'tag-elsewhere' (a failure), or 'no-commits' (a failure). */
export async function tagState(gitTop: string, tag: string): Promise<Outcome> {
  const [tagged, head] = await Promise.all([tagCommit(gitTop, tag), headCommit(gitTop)]);
  if (!head) return failed('no-commits', 'the repository has no commits to release');
  if (!tagged) return passed('tag-free', `${tag} is free`);
  if (tagged === head) return passed('tag-at-head', `${tag} already tags HEAD`);
  return failed('tag-elsewhere', `${tag} already tags another commit (${tagged.slice(0, 12)}); bump the version first`);
}

export const tagFree: Step = {
  name: 'tag free',
  description: (ctx) => `${tagShown(ctx)} does not tag another commit`,
  when: (ctx) => ctx.gitTop !== undefined,
  stage: 'gate',
  run: async (ctx) => (ctx.tag ? tagState(ctx.gitTop!, ctx.tag) : failed('no-version', `${ctx.primaryFile} states no version to tag`)),
};
