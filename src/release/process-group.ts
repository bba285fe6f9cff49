// A process started in its own process group, and the way to end the whole group: SIGTERM, a
// grace period, then SIGKILL, so that nothing it started (a worker, a child server) is left behind.
import { readdirSync, readFileSync } from 'node:fs';

/** How long the group gets after SIGTERM (and again after SIGKILL) before we stop waiting for it. */
export const GRACE_MS = 2000;
const POLL_MS = 25;

/** Whether any process of the group `pgid` is still running (a zombie, already dead and waiting to be reaped, does not count). */
export function groupAlive(pgid: number): boolean {
  if (process.platform === 'linux') {
    let entries: string[];
    try {
      entries = readdirSync('/proc');
    } catch {
      return signalReaches(pgid);
    }
    for (const entry of entries) {
      if (!/^\d+$/.test(entry)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      } catch {
        continue; // gone meanwhile
      }
      // pid (comm) state ppid pgrp …: comm may hold spaces and parentheses, so read after the last ')'.
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pgrp) === pgid && state !== 'Z' && state !== 'X') return true;
    }
    return false;
  }
  return signalReaches(pgid);
}

function signalReaches(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group is gone already.
  }
}

async function gone(pgid: number, ms: number): Promise<boolean> {
  for (let waited = 0; waited < ms; waited += POLL_MS) {
    if (!groupAlive(pgid)) return true;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  return !groupAlive(pgid);
}

/**
 * Ends every process of the group: SIGTERM, up to `grace` ms for it to go, then SIGKILL and as long
 * again. Resolves with whether the group is gone (false only for a process the kernel cannot end at once).
 */
export async function stopGroup(pgid: number, grace = GRACE_MS): Promise<boolean> {
  signalGroup(pgid, 'SIGTERM');
  if (await gone(pgid, grace)) return true;
  signalGroup(pgid, 'SIGKILL');
  return gone(pgid, grace);
}
