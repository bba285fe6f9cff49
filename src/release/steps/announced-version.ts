// The version the installed MCP server announces to clients, from the wheel's environment once its
// dependencies are installed (they need an index: offline, skipped with a warning unless --require-mcp).
import { askAnnounced, serverShown } from '../announced.js';
import { installDependencies } from '../installed-package.js';
import { failed, skipped, type Step } from '../step.js';

export const announcedVersion: Step = {
  name: 'announced version',
  description: (ctx) =>
    `in that environment, with the wheel's dependencies installed (pip install <the wheel>: needs an index${ctx.requireMcp ? '' : '; offline: skipped with a warning'}), start ${serverShown(ctx)} over stdio in its own process group (at most ${ctx.mcp!.timeoutMs / 1000} s), ask server/discover (else initialize) and compare the version it announces with ${ctx.pep440 ?? '<version>'}; then stop everything it started`,
  when: (ctx) => ctx.dist !== undefined && ctx.mcp?.command !== undefined,
  stage: 'built',
  async run(ctx) {
    const installed = await installDependencies(ctx);
    if (installed !== true) {
      if (ctx.requireMcp) return failed('dependencies-unavailable', `${installed}, so the MCP server cannot start; --require-mcp makes that a failure`);
      return skipped('dependencies-unavailable', `${installed}, so the MCP server cannot start (pass --require-mcp to fail instead)`, true);
    }
    return askAnnounced(ctx, ctx.state.wheelEnv!, 'the installed wheel');
  },
};
