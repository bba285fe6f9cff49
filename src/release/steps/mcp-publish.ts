// The MCP Registry, after the release is on PyPI and tagged: wait (through the clock, with a
// countdown) until the index serves the version, whose README the registry reads for `mcp-name:`,
// then run release.mcp.publish. Only when configured; its failure says what is published and what not.
import path from 'node:path';
import { tagged, throwawayEnv } from '../context.js';
import { execute } from '../run-command.js';
import { failed, passed, type Step } from '../step.js';
import type { StepContext } from '../context.js';
import { RETRY_SECONDS } from './install-from-index.js';

const waitShown = () => `checked for up to ${RETRY_SECONDS.reduce((a, b) => a + b)}s`;

export const mcpPublish: Step = {
  name: 'MCP Registry',
  description: (ctx) =>
    `once ${ctx.release.indexes.pypi} serves ${ctx.distribution ?? '<distribution>'}==${ctx.pep440 ?? '<version>'} (${waitShown()}), run ${ctx.mcp!.publish!.join(' ')} in the project`,
  when: (ctx) => ctx.command === 'release' && ctx.mode === 'upload' && ctx.mcp?.publish !== undefined,
  stage: 'tagged',
  async run(ctx) {
    const publish = ctx.mcp!.publish!;
    const requirement = `${ctx.distribution}==${ctx.pep440}`;
    const index = ctx.release.indexes.pypi;
    for (let attempt = 0; !(await served(ctx, requirement, index)); attempt++) {
      const wait = RETRY_SECONDS[attempt];
      if (wait === undefined)
        return failed('not-served', `${published(ctx)}; ${index} did not serve ${requirement} after ${attempt + 1} attempts, so ${notRun(publish)}`);
      ctx.emit({
        type: 'wait',
        step: ctx.step,
        seconds: wait,
        reason: `${index} does not serve ${requirement} yet; attempt ${attempt + 2} of ${RETRY_SECONDS.length + 1}`,
      });
      await ctx.clock.sleep(wait * 1000, ctx.signal);
      if (ctx.signal.aborted) return failed('interrupted', `interrupted while waiting for ${index}; ${published(ctx)}; ${notRun(publish)}`);
    }
    // In the project (the publisher reads server.json there), without the upload's credentials.
    const res = await execute(ctx, 'publish', publish, { cwd: ctx.root, env: ctx.projectEnv });
    if (res.spawnError) return failed('publish-not-started', `${published(ctx)}; ${publish[0]} could not start (${res.spawnError}), so ${notRun(publish)}`);
    if (res.code !== 0)
      return failed(
        'publish-failed',
        `${published(ctx)}; the MCP Registry was not updated: ${publish.join(' ')} exited with ${res.code} (its output is above). Once fixed, run it again in the project; the PyPI release stands as it is`,
      );
    return passed('published', `${publish.join(' ')} exited with 0`);
  },
};

/** What is published for good, in one clause. */
function published(ctx: StepContext): string {
  const files = ctx.state.files.map((f) => path.basename(f)).join(', ');
  return `${ctx.distribution} ${ctx.pep440} is on PyPI (${files})${tagged(ctx) ? ` and tagged ${ctx.tag}${ctx.push ? ` (pushed to ${ctx.release.remote})` : ''}` : ''}`;
}

const notRun = (publish: string[]) =>
  `the MCP Registry was not updated (${publish.join(' ')} did not run); run it in the project once the index serves the release`;

/** Whether the index serves the release: pip finds and downloads it, alone, through the user's pip configuration (proxy, certificates). */
async function served(ctx: StepContext, requirement: string, index: string): Promise<boolean> {
  const dir = ctx.scratch.make('served');
  const argv = [ctx.release.python, '-I', '-m', 'pip', 'download', '--disable-pip-version-check', '--no-input', '--quiet', '--no-deps', '--no-cache-dir'];
  const res = await execute(ctx, 'pip download', [...argv, '--retries', '1', '--index-url', index, '--dest', dir, requirement], {
    cwd: dir,
    env: throwawayEnv(ctx),
    part: true,
  });
  return res.code === 0 && !res.spawnError;
}
