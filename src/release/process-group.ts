// A process started in its own process group, and the way to end the whole group: SIGTERM, a
// grace period, then SIGKILL, so that nothing it started (a worker, a child server) is left behind;
// on Linux also what left the group (setsid, a double fork), found through /proc (process-tree.ts).
import { leftBy, runningProcesses } from './process-tree.js';

/** How long the group gets after SIGTERM (and again after SIGKILL) before we stop waiting for it. */
export const GRACE_MS = 2000;
const POLL_MS = 25;

/** Whether any process of the group `pgid` is still running (a zombie, already dead and waiting to be reaped, does not count). */
export function groupAlive(pgid: number): boolean {
  const procs = process.platform === 'linux' ? runningProcesses() : undefined;
  return procs ? procs.some((p) => p.pgrp === pgid) : signalReaches(pgid);
}

function signalReaches(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  signal_(-pgid, signal);
}

function signal_(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // ESRCH: gone already.
  }
}

/** Waits (bounded) until `done` holds; whether it did. */
async function until(done: () => boolean, ms: number): Promise<boolean> {
  for (let waited = 0; waited < ms; waited += POLL_MS) {
    if (done()) return true;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  return done();
}

const gone = (pgid: number, ms: number) => until(() => !groupAlive(pgid), ms);

/**
 * Ends every process of the group: `first` (SIGTERM; SIGINT lets Python clean up as after Ctrl-C), up
 * to `grace` ms for it to go, then SIGKILL and as long again. Resolves with whether the group is gone
 * (false only for a process the kernel cannot end at once).
 */
export async function stopGroup(pgid: number, grace = GRACE_MS, first: NodeJS.Signals = 'SIGTERM'): Promise<boolean> {
  signalGroup(pgid, first);
  if (await gone(pgid, grace)) return true;
  signalGroup(pgid, 'SIGKILL');
  return gone(pgid, grace);
}

/**
 * Ends everything `leader` started with `tag` in its environment (leader: the first process of its
 * own session and group): SIGTERM to all of it and up to `grace` ms to go; then whatever remains is
 * stopped (SIGSTOP, round by round until no new process appears, so nothing forks meanwhile) and
 * killed. Without /proc, the group only. Resolves with whether nothing is left.
 */
export async function stopStarted(leader: number, tag: string, grace = GRACE_MS): Promise<boolean> {
  const first = leftBy(leader, { tag });
  if (first === undefined) return stopGroup(leader, grace);
  const known = new Set(first);
  const remaining = () => leftBy(leader, { also: known }) ?? [];
  signalGroup(leader, 'SIGTERM');
  for (const pid of first) signal_(pid, 'SIGTERM');
  if (await until(() => remaining().length === 0, grace)) return true;
  // A tree that keeps forking is frozen before it is killed: each round stops what the last one missed.
  const stopped = new Set<number>();
  for (let round = 0; round < 64; round++) {
    const fresh = (leftBy(leader, { tag, also: known }) ?? []).filter((pid) => !stopped.has(pid));
    for (const pid of fresh) {
      signal_(pid, 'SIGSTOP');
      stopped.add(pid);
      known.add(pid);
    }
    if (fresh.length === 0) break;
  }
  signalGroup(leader, 'SIGKILL');
  for (const pid of known) signal_(pid, 'SIGKILL');
  return until(() => remaining().length === 0, grace);
}
