// Every wheel and sdist in the artifacts directory carries the version, in its name and metadata.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { artifactProblems, readArtifactMetadata } from '../artifact-metadata.js';
import { distFiles } from '../build-outputs.js';
import { failed, passed, type Step } from '../step.js';

export const artifacts: Step = {
  name: 'artifacts',
  description: (ctx) => `every wheel and sdist in ${ctx.distShown} carries ${ctx.pep440 ?? '<version>'} (file name and metadata)`,
  when: (ctx) => ctx.dist !== undefined,
  stage: 'built',
  async run(ctx) {
    const dir = ctx.dist!;
    const version = ctx.pep440 ?? '';
    if (!existsSync(dir)) return failed('dist-missing', `${ctx.distShown} does not exist`);
    const names = distFiles(dir);
    ctx.state.files = names.map((f) => path.join(dir, f));
    const read = readArtifactMetadata(ctx.release.python, ctx.state.files, ctx.env, ctx.scratch.make('metadata'));
    ctx.state.metadata = new Map(read.map((m, i) => [ctx.state.files[i]!, m]));
    const problems = artifactProblems(read, version, ctx.distShown);
    if (problems.length) return failed('artifacts-wrong', `the artifacts do not carry ${version}:\n  ${problems.join('\n  ')}`);
    return passed('artifacts-right', `${version} in ${names.join(', ')}`);
  },
};
