// Whether an index can be reached at all: a refused connection or an unknown host will not heal
// by waiting, so the index step stops at once instead of retrying for minutes. Decided by error
// codes (ECONNREFUSED, ENOTFOUND), never by the words pip prints.
import { lookup } from 'node:dns/promises';
import net from 'node:net';

export type Unreachable = 'connection-refused' | 'unknown-host';

const PROXY = ['http_proxy', 'https_proxy', 'all_proxy', 'HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'PIP_PROXY'];
const CONNECT_TIMEOUT_MS = 10_000;

/** Why `url` cannot be reached, when that is certain; undefined when it can be, or when a proxy stands between (pip's way is then not ours). */
export async function whyUnreachable(url: string, env: NodeJS.ProcessEnv): Promise<Unreachable | undefined> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (!/^https?:$/.test(parsed.protocol) || PROXY.some((p) => env[p])) return undefined;
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  let address: string;
  try {
    address = (await lookup(host)).address;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOTFOUND' ? 'unknown-host' : undefined;
  }
  const port = Number(parsed.port || (parsed.protocol === 'https:' ? 443 : 80));
  return new Promise((resolve) => {
    const socket = net.connect({ host: address, port });
    const end = (why: Unreachable | undefined) => {
      socket.destroy();
      resolve(why);
    };
    socket.setTimeout(CONNECT_TIMEOUT_MS, () => end(undefined));
    socket.once('connect', () => end(undefined));
    socket.once('error', (e: NodeJS.ErrnoException) => end(e.code === 'ECONNREFUSED' ? 'connection-refused' : undefined));
  });
}
