// Asking an MCP server over stdio which version it announces, as a client meets it: `server/discover`
// (protocol 2026-07-28: result._meta["io.modelcontextprotocol/serverInfo"].version), and on a JSON-RPC
// error the older `initialize` (result.serverInfo.version). The server runs in its own session and
// process group; afterwards everything it started is stopped, however the exchange ended.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { VERSION } from '../core/tool-version.js';
import { printableLine } from '../report/printable.js';
import { maskText } from './mask.js';
import { stopStarted } from './process-group.js';
import { TAG_VARIABLE } from './process-tree.js';

export const DISCOVER_PROTOCOL = '2026-07-28';
export const INITIALIZE_PROTOCOL = '2025-11-25';
export const SERVER_INFO_META_KEY = 'io.modelcontextprotocol/serverInfo';
/** The default bound of one probe, from start to answer. */
export const PROBE_TIMEOUT_SECONDS = 20;

export interface McpProbeOptions {
  /** The server's command, run without a shell. */
  argv: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** Masked in everything the result quotes (stderr, stdout lines). */
  secrets: string[];
  signal?: AbortSignal;
}

export type Via = 'server/discover' | 'initialize';

export type McpProbeResult =
  /** `version` is undefined when the answer names none (no serverInfo, or no version in it). */
  | { ok: true; via: Via; version: string | undefined; name: string | undefined; stderr: string; left: boolean }
  | { ok: false; code: McpProbeFailure; reason: string; stderr: string; left: boolean };

export type McpProbeFailure = 'not-started' | 'exited' | 'timeout' | 'not-json' | 'rpc-error' | 'interrupted';

const CLIENT_INFO = { name: 'heimdall-version', version: VERSION };
const KEPT = 16384;

const discover = (id: number) => ({
  jsonrpc: '2.0',
  id,
  method: 'server/discover',
  params: {
    _meta: {
      'io.modelcontextprotocol/protocolVersion': DISCOVER_PROTOCOL,
      'io.modelcontextprotocol/clientInfo': CLIENT_INFO,
      'io.modelcontextprotocol/clientCapabilities': {},
    },
  },
});

const initialize = (id: number) => ({
  jsonrpc: '2.0',
  id,
  method: 'initialize',
  params: { protocolVersion: INITIALIZE_PROTOCOL, capabilities: {}, clientInfo: CLIENT_INFO },
});

type Answer = { via: Via; version: string | undefined; name: string | undefined };
type Ended = { answer: Answer } | { code: McpProbeFailure; reason: string };

/** Starts the server, asks it, stops everything it started; never throws for what the server does. */
export async function probeMcpServer(options: McpProbeOptions): Promise<McpProbeResult> {
  const { argv, secrets } = options;
  const seconds = options.timeoutMs / 1000;
  let stderr = '';
  // The tag names what the server starts even once it leaves the session (its descendants inherit it).
  const tag = randomBytes(12).toString('hex');
  const env = { ...options.env, [TAG_VARIABLE]: tag };
  const child = spawn(argv[0]!, argv.slice(1), { cwd: options.cwd, env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  const ended = await new Promise<Ended>((resolve) => {
    let settled = false;
    const finish = (e: Ended) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve(e);
    };
    const timer = setTimeout(() => finish({ code: 'timeout', reason: `it did not answer within ${seconds} s (release.mcp.timeout)` }), options.timeoutMs);
    const onAbort = () => finish({ code: 'interrupted', reason: 'interrupted' });
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (e) => finish({ code: 'not-started', reason: `it could not start: ${(e as NodeJS.ErrnoException).code ?? e.message}` }));
    // What it printed before exiting is read first: the exit is the finding only once its stdout ended.
    let exited: string | undefined;
    let stdoutEnded = false;
    const onExited = () => exited && stdoutEnded && finish({ code: 'exited', reason: `it exited ${exited} before answering` });
    child.on('exit', (code, signal) => {
      exited = signal ? `on ${signal}` : `with ${code}`;
      onExited();
    });
    child.stdout.on('end', () => {
      stdoutEnded = true;
      onExited();
    });
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr = (stderr + c).slice(-KEPT)));
    child.stdin.on('error', () => {}); // a server that exits at once closes the pipe: its exit is the finding
    const send = (message: object) => child.stdin.write(`${JSON.stringify(message)}\n`);
    let buffered = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      for (let nl = buffered.indexOf('\n'); nl !== -1 && !settled; nl = buffered.indexOf('\n')) {
        const line = buffered.slice(0, nl).trim();
        buffered = buffered.slice(nl + 1);
        if (line) onLine(line);
      }
      if (buffered.length > 4 * 1024 * 1024) finish({ code: 'not-json', reason: 'it printed more than 4 MB on stdout without a line break' });
    });
    const onLine = (line: string) => {
      let message: unknown;
      try {
        message = JSON.parse(line);
      } catch {
        return finish({ code: 'not-json', reason: `it printed something that is not JSON-RPC on stdout (clients fail on it too): ${quote(line, secrets)}` });
      }
      if (!isObject(message) || !('result' in message || 'error' in message)) return; // a notification or a request of the server's
      if (message.id === 1) {
        if ('error' in message) return void send(initialize(2)); // no server/discover: the older handshake
        return finish({ answer: fromDiscover(message.result) });
      }
      if (message.id === 2) {
        if ('error' in message)
          return finish({ code: 'rpc-error', reason: `it answered both server/discover and initialize with an error: ${rpcError(message.error, secrets)}` });
        return finish({ answer: fromInitialize(message.result) });
      }
    };
    send(discover(1));
  });
  const pid = child.pid;
  child.stdin.destroy();
  const left = pid !== undefined && !(await stopStarted(pid, tag));
  child.stdout.destroy();
  child.stderr.destroy();
  const shownErr = maskText(stderr, secrets);
  if ('answer' in ended) return { ok: true, ...ended.answer, stderr: shownErr, left };
  return { ok: false, ...ended, stderr: shownErr, left };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function info(v: unknown): Pick<Answer, 'version' | 'name'> {
  if (!isObject(v)) return { version: undefined, name: undefined };
  return { version: typeof v.version === 'string' ? v.version : undefined, name: typeof v.name === 'string' ? v.name : undefined };
}

const fromDiscover = (result: unknown): Answer => ({
  via: 'server/discover',
  ...info(isObject(result) && isObject(result._meta) ? result._meta[SERVER_INFO_META_KEY] : undefined),
});

const fromInitialize = (result: unknown): Answer => ({ via: 'initialize', ...info(isObject(result) ? result.serverInfo : undefined) });

function rpcError(error: unknown, secrets: string[]): string {
  if (!isObject(error)) return quote(JSON.stringify(error), secrets);
  return quote(`${String(error.code)} ${typeof error.message === 'string' ? error.message : ''}`.trim(), secrets);
}

/** A line from the server, masked, escaped and cut: it may hold anything. */
function quote(line: string, secrets: string[]): string {
  const masked = printableLine(maskText(line, secrets));
  return masked.length > 120 ? `${masked.slice(0, 120)}…` : masked;
}

/** Where the announced version is read from, in words. */
export const versionField = (via: Via) =>
  via === 'server/discover' ? `server/discover → result._meta["${SERVER_INFO_META_KEY}"].version` : 'initialize → result.serverInfo.version';
