// twine check on the artifacts; when twine cannot read their Metadata-Version, says exactly what to do.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { StepContext } from '../context.js';
import { explainTwine } from '../diagnose.js';
import { commandStep } from '../run-command.js';
import type { Step } from '../step.js';

export const twineCheck: Step = {
  name: 'twine check',
  description: (ctx) => `${ctx.release.check.join(' ')} dist/*`,
  stage: 'built',
  run: (ctx) =>
    commandStep(ctx, [...ctx.release.check, ...ctx.state.files], {
      cwd: ctx.scratch.make('twine'),
      explain: (output) => {
        const metadata = ctx.state.files.map((f) => ({ name: path.basename(f), metadataVersion: ctx.state.metadata.get(f)?.metadataVersion }));
        return explainTwine(output, metadata, twineVersion(ctx), ctx.release.check, ctx.release.isolation);
      },
    }),
};

/** The version of the twine that `check` runs (`python -m twine …`), or undefined when it cannot be told. */
function twineVersion(ctx: StepContext): string | undefined {
  const check = ctx.release.check;
  if (check[1] !== '-m' || check[2] !== 'twine') return undefined;
  const res = spawnSync(check[0]!, ['-m', 'twine', '--version'], { encoding: 'utf8', env: ctx.env, cwd: ctx.scratch.make('twine'), timeout: 30_000 });
  return /twine version (\S+)/.exec(res.stdout ?? '')?.[1];
}
