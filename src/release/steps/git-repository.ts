// Gate: an upload is tagged afterwards, so it needs a git repository.
import { failed, type Step } from '../step.js';

export const gitRepository: Step = {
  name: 'git repository',
  description: () => 'an upload is tagged afterwards, so it needs a git repository',
  when: (ctx) => !ctx.gitTop && ctx.mode !== 'no-upload',
  stage: 'gate',
  run: async () => failed('not-git', 'this is not a git repository'),
};
