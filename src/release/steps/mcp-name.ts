// The MCP Registry's PyPI ownership check reads `mcp-name: <server.json name>` from the release's
// description on PyPI, and a published release cannot be edited: the built wheel must carry it.
import path from 'node:path';
import { failed, passed, type Step } from '../step.js';

export const mcpName: Step = {
  name: 'mcp-name',
  description: (ctx) =>
    `the wheel's description (the README it is built from) holds "mcp-name: ${ctx.mcp!.registryName}", which the MCP Registry checks on PyPI`,
  when: (ctx) => ctx.dist !== undefined && ctx.mcp?.registryName !== undefined,
  stage: 'built',
  async run(ctx) {
    const line = `mcp-name: ${ctx.mcp!.registryName}`;
    const wheel = ctx.state.files.find((f) => f.endsWith('.whl'));
    if (!wheel) return failed('no-wheel', 'no wheel was built, so its description cannot be read');
    const description = ctx.state.metadata.get(wheel)?.description ?? '';
    if (description.includes(line)) return passed('mcp-name-present', `${path.basename(wheel)} carries "${line}"`);
    return failed(
      'mcp-name-missing',
      `${path.basename(wheel)}: its description lacks "${line}", so the MCP Registry will refuse to list this release (it checks the description on PyPI, and a published release cannot be edited); add it to the README the description is built from, e.g. as <!-- ${line} -->`,
    );
  },
};
