// The version an installed MCP server announces to its clients, judged against the release: the
// server started from a throwaway environment (mcp-probe.ts), its answer compared by PEP 440 meaning.
import { printableLine, printableLines } from '../report/printable.js';
import { throwawayEnv, type Environment, type StepContext } from './context.js';
import { activated } from './environment.js';
import { probeMcpServer, versionField } from './mcp-probe.js';
import { samePep440 } from './probe.js';
import { failed, passed, type Outcome } from './step.js';

/** The command in words for the plan: what starts the server, and where that came from. */
export function serverShown(ctx: StepContext): string {
  const command = ctx.mcp?.command;
  if (!command) return '<the server>';
  return 'problem' in command ? '<the server: not configured>' : `${command.argv.join(' ')} (${command.from})`;
}

/** Starts the server installed in `env`, asks it, stops everything it started, and judges the announced version. */
export async function askAnnounced(ctx: StepContext, env: Environment, what: string): Promise<Outcome> {
  const command = ctx.mcp!.command!;
  if ('problem' in command) return failed('mcp-command-unknown', `the MCP server's command is not known: ${command.problem}`);
  const { argv } = command;
  const shown = argv.join(' ');
  ctx.emit({ type: 'command', step: ctx.step, name: 'ask the MCP server', shown: `${shown} (stdio: server/discover, else initialize)`, part: true });
  const res = await probeMcpServer({
    argv,
    cwd: env.home,
    env: throwawayEnv(ctx, activated(env, ctx.env)),
    timeoutMs: ctx.mcp!.timeoutMs,
    secrets: ctx.secrets,
    signal: ctx.signal,
  });
  ctx.emit({ type: 'command-ended', step: ctx.step, name: 'ask the MCP server' });
  const left = res.left ? '; a process of its group could not be stopped' : '';
  if (!res.ok) {
    if (res.code === 'interrupted') return failed('interrupted', `interrupted during ${ctx.step}`);
    const stderr = res.stderr.trim() ? `\n    its stderr:\n${indent(res.stderr)}` : '';
    return failed('mcp-not-probed', `could not probe ${what} with ${shown}: ${res.reason}${left}${stderr}`);
  }
  const field = versionField(res.via);
  const expected = ctx.pep440 ?? '<version>';
  const fix = `; build the server with version=importlib.metadata.version("${ctx.distribution ?? '<distribution>'}")`;
  if (res.version === undefined) return failed('mcp-version-missing', `${what}: ${shown} announces no version (${field})${fix}${left}`);
  const announced = printableLine(res.version);
  if (res.version === '')
    return failed(
      'mcp-version-wrong',
      `${what}: ${shown} announces an empty version (${field}), the MCP SDK 2.x default of a server built without one${fix}${left}`,
    );
  if (!samePep440(res.version, expected))
    return failed('mcp-version-wrong', `${what}: ${shown} announces ${announced} (${field}), expected ${expected}${fix}${left}`);
  return passed('mcp-version-right', `${what}: ${shown} announces ${announced} (${field})${left}`);
}

/** The server's stderr, its last lines, indented under the failure. */
function indent(text: string): string {
  const lines = printableLines(text.trimEnd()).split('\n').slice(-20);
  return lines.map((l) => `      ${l}`).join('\n');
}
