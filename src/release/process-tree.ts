// Every process a started server left, read from Linux's /proc: its process group and session, their
// descendants by parent pid, and any process whose environment carries the tag it was started with
// (a double fork into a new session orphans a grandchild: only the inherited tag still names it).
import { readdirSync, readFileSync } from 'node:fs';

/** The environment variable a started process is tagged with; its descendants inherit it. */
export const TAG_VARIABLE = 'HEIMDALL_VERSION_STARTED';

interface Proc {
  pid: number;
  ppid: number;
  pgrp: number;
  session: number;
}

/** The running processes (zombies, already dead, left out), or undefined without /proc. */
export function runningProcesses(): Proc[] | undefined {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return undefined;
  }
  const procs: Proc[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    // pid (comm) state ppid pgrp session …: comm may hold spaces and parentheses, so read after the last ')'.
    const [state, ppid, pgrp, session] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (state === 'Z' || state === 'X') continue;
    procs.push({ pid: Number(entry), ppid: Number(ppid), pgrp: Number(pgrp), session: Number(session) });
  }
  return procs;
}

function carriesTag(pid: number, needle: Buffer): boolean {
  try {
    // Each variable ends with a NUL; the first one has none before it.
    const environ = readFileSync(`/proc/${pid}/environ`);
    return environ.indexOf(needle) !== -1 || environ.subarray(0, needle.length - 1).equals(needle.subarray(1));
  } catch {
    return false; // gone, or another user's
  }
}

export interface Seeds {
  /** Look for processes carrying this tag too (a read of each process's environment: done when it matters, not in every poll). */
  tag?: string;
  /** Processes found before, still counted while they run. */
  also?: ReadonlySet<number>;
}

/**
 * The running processes `leader` (started in a session and group of its own) left: its group, its
 * session, the seeds, and all their descendants. Never this process or init. Undefined without /proc.
 */
export function leftBy(leader: number, seeds: Seeds = {}): number[] | undefined {
  const procs = runningProcesses();
  if (!procs) return undefined;
  const needle = seeds.tag === undefined ? undefined : Buffer.from(`\0${TAG_VARIABLE}=${seeds.tag}\0`);
  const found = new Set<number>();
  for (const p of procs) {
    if (p.pid === leader || p.pgrp === leader || p.session === leader || seeds.also?.has(p.pid) || (needle && carriesTag(p.pid, needle))) found.add(p.pid);
  }
  // Descendants of what was found, however deep (a child that left the session is still a child).
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of procs) {
      if (!found.has(p.pid) && found.has(p.ppid)) {
        found.add(p.pid);
        grew = true;
      }
    }
  }
  found.delete(process.pid);
  found.delete(1);
  return [...found];
}
