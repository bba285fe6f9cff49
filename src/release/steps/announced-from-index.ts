// The same question after an install from an index (after --test-upload, or verify --index-url):
// the MCP server as users install it announces the release's version.
import { askAnnounced, serverShown } from '../announced.js';
import type { Step } from '../step.js';

export const announcedFromIndex: Step = {
  name: (ctx) => `announced version (${ctx.index!.label})`,
  description: (ctx) =>
    `in the environment installed from ${ctx.index!.label}, start ${serverShown(ctx)} over stdio (at most ${ctx.mcp!.timeoutMs / 1000} s) and compare the version it announces with ${ctx.pep440 ?? '<version>'}; then stop everything it started`,
  when: (ctx) => ctx.index !== undefined && ctx.mcp?.command !== undefined,
  stage: 'uploaded',
  run: (ctx) => askAnnounced(ctx, ctx.state.indexEnv!, `${ctx.distribution}==${ctx.pep440} from ${ctx.index!.label}`),
};
