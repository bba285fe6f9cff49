// On a terminal, asks before an upload to PyPI (--yes, or a stdin that is no terminal, skips it).
import path from 'node:path';
import { failed, passed, type Step } from '../step.js';

export const confirm: Step = {
  name: 'confirm',
  description: () => 'ask on the terminal before uploading to PyPI (--yes skips it; so does a stdin that is no terminal)',
  when: (ctx) => ctx.command === 'release' && ctx.mode === 'upload' && ctx.askFirst && ctx.confirm !== undefined,
  stage: 'built',
  async run(ctx) {
    const files = ctx.state.files.map((f) => path.basename(f)).join(', ');
    const question = `upload ${files} (${ctx.version}) to ${ctx.release.repositories.pypi}, then tag ${ctx.tag}${ctx.push ? ` and push it to ${ctx.release.remote}` : ''}? An upload cannot be undone.`;
    return (await ctx.confirm!(question)) ? passed('confirmed', 'confirmed') : failed('not-confirmed', 'not confirmed');
  },
};
