// One change at a time per project: a lock file created with its content in one step (a hard link),
// stale locks (dead holder, or a holder elsewhere that stopped renewing) taken over with a notice.
import { readFileSync, readlinkSync, rmSync, statSync, utimesSync } from 'node:fs';
import os from 'node:os';
import { UserError } from '../core/errors.js';
import { createWithContent } from './exclusive.js';
import { ensureStateDir, type ChangeState } from './state.js';
import { randomHex } from './random.js';

/** A holder renews its lock this often; one from elsewhere unrenewed for STALE_MS is gone. */
const RENEW_MS = 2_000;
const STALE_MS = 30_000;

interface Holder {
  pid: number;
  host: string;
  /** The pid namespace: a pid means nothing from another container. */
  ns: string;
  token: string;
}

const here = (): Holder => ({ pid: process.pid, host: os.hostname(), ns: pidNamespace(), token: randomHex(8) });

/** Runs fn holding the lock; `notice` hears about a stale lock taken over. */
export async function withLock<T>(state: ChangeState, notice: (s: string) => void, fn: () => Promise<T>): Promise<T> {
  ensureStateDir(state);
  const me = here();
  for (let attempt = 0; ; attempt++) {
    try {
      createWithContent(state.lock, Buffer.from(JSON.stringify(me)), false);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 2) throw new UserError(`cannot take the lock ${state.lock}: ${(e as Error).message}`, 1);
      const held = readHolder(state.lock);
      if (held === undefined) continue; // released meanwhile
      const stale = staleness(held.holder, held.age);
      if (!stale)
        throw new UserError(
          `another heimdall-version (pid ${held.holder?.pid ?? '?'}${held.holder && held.holder.host !== me.host ? ` on ${held.holder.host}` : ''}) is changing this project; wait for it to finish`,
          1,
        );
      if (takeOver(state.lock, held.raw)) notice(`took over a stale lock (${stale}); ${state.lock}`);
    }
  }
  const renew = setInterval(() => touch(state.lock), RENEW_MS);
  renew.unref();
  try {
    return await fn();
  } finally {
    clearInterval(renew);
    if (readHolder(state.lock)?.holder?.token === me.token) rmSync(state.lock, { force: true });
  }
}

/** Why a lock is stale, or undefined while its holder may still be working. */
function staleness(holder: Holder | undefined, age: number): string | undefined {
  if (!holder) return age > STALE_MS ? 'an unreadable lock nobody renewed' : undefined;
  const local = holder.host === os.hostname() && holder.ns === pidNamespace();
  if (local) return isAlive(holder.pid) ? undefined : `its holder, pid ${holder.pid}, is gone`;
  return age > STALE_MS ? `its holder, pid ${holder.pid} on ${holder.host}, stopped renewing it ${Math.round(age / 1000)}s ago` : undefined;
}

/** Removes the lock only if it still is the stale one judged; a second lock file keeps two takers apart. */
function takeOver(lock: string, judged: string): boolean {
  const guard = `${lock}.takeover`;
  try {
    createWithContent(guard, Buffer.from(String(process.pid)));
  } catch {
    if (ageOf(guard) > STALE_MS) rmSync(guard, { force: true });
    return false;
  }
  try {
    if (readHolder(lock)?.raw !== judged) return false;
    rmSync(lock, { force: true });
    return true;
  } finally {
    rmSync(guard, { force: true });
  }
}

function readHolder(lock: string): { raw: string; holder?: Holder; age: number } | undefined {
  let raw: string;
  try {
    raw = readFileSync(lock, 'utf8');
  } catch {
    return undefined;
  }
  let holder: Holder | undefined;
  try {
    const h = JSON.parse(raw) as Holder;
    if (Number.isInteger(h.pid) && typeof h.host === 'string' && typeof h.ns === 'string' && typeof h.token === 'string') holder = h;
  } catch {
    holder = undefined;
  }
  return { raw, holder, age: ageOf(lock) };
}

function ageOf(file: string): number {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function touch(file: string): void {
  try {
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    // Gone or not ours any more: the next takeover decides.
  }
}

function pidNamespace(): string {
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return '';
  }
}

export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
