// Gate: the version has a PEP 440 meaning, the spelling the artifacts must carry.
import { failed, passed, type Step } from '../step.js';

export const versionUsable: Step = {
  name: 'version usable by Python',
  description: () => 'the version has a PEP 440 meaning',
  stage: 'gate',
  async run(ctx) {
    if (ctx.pep440) return passed('pep440', ctx.command === 'release' ? `built as ${ctx.pep440}` : `expecting ${ctx.pep440}`);
    if (ctx.version === undefined) return failed('no-version', `${ctx.primaryFile} states no version`);
    return failed('not-pep440', `${ctx.version} has no PEP 440 meaning (a SemVer pre-release must be -alpha.N, -beta.N, -rc.N or -dev.N)`);
  },
};
