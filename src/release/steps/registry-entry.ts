// Gate, when the release publishes to the MCP Registry: `mcp-publisher publish` sends server.json as it
// is, so it must name the version being uploaded. Between releases server.json may name the last one
// (check allows it, bump leaves it): a development release uploaded with it would be listed as that.
import { isOwnPackage } from '../../mcp/server-json.js';
import { samePep440 } from '../probe.js';
import { failed, passed, type Step } from '../step.js';

export const registryEntry: Step = {
  name: 'registry entry',
  description: (ctx) =>
    `server.json names ${ctx.pep440 ?? '<version>'} (its version and this distribution's entries), which ${ctx.mcp!.publish!.join(' ')} will publish`,
  when: (ctx) => ctx.command === 'release' && ctx.mode === 'upload' && ctx.mcp?.publish !== undefined && ctx.mcp.serverJson !== undefined,
  stage: 'gate',
  async run(ctx) {
    const expected = ctx.pep440 ?? ctx.version ?? '';
    const server = ctx.mcp!.serverJson!;
    const own = server.packages.filter((p) => isOwnPackage(p, { pypi: ctx.distribution }));
    const stated = [
      ...(server.version ? [{ label: 'version', value: server.version.value }] : []),
      ...own.flatMap((p) => {
        const v = p.version ?? p.tag;
        return v ? [{ label: `packages[${p.index}]${p.version ? '.version' : "'s image tag"}`, value: v.value }] : [];
      }),
    ];
    const wrong = stated.filter((s) => !samePep440(s.value, expected));
    if (wrong.length === 0) return passed('registry-entry-names-release', `server.json names ${expected}`);
    return failed(
      'registry-entry-stale',
      `server.json's ${wrong.map((w) => `${w.label} is ${w.value}`).join(', ')}, not ${expected}: ${ctx.mcp!.publish!.join(' ')} would list this upload as that; set them to ${expected} (a development version too, when it is published) or leave release.mcp.publish out of this release`,
    );
  },
};
