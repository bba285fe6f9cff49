// Test hook: HEIMDALL_VERSION_FAULT=fail-at:POINT | crash-at:POINT (comma-separated), crashing (SIGKILL)
// or failing at a named point; fail-after:N / crash-after:N are files:N. pause-at:POINT:FILE waits
// while FILE exists, after creating FILE.<pid>, so a test can hold a run at a point.
import { existsSync, writeFileSync } from 'node:fs';

export function injectFault(point: string): void {
  const spec = process.env.HEIMDALL_VERSION_FAULT;
  if (!spec) return;
  for (const item of spec.split(',')) {
    const pause = /^pause-at:([^:]+):(.+)$/.exec(item);
    if (pause && pause[1] === point) {
      writeFileSync(`${pause[2]}.${process.pid}`, '');
      while (existsSync(pause[2]!)) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
      continue;
    }
    const m = /^(fail|crash)-(?:at:(.+)|after:(\d+))$/.exec(item);
    if (!m || (m[2] ?? `files:${m[3]}`) !== point) continue;
    if (m[1] === 'crash') process.kill(process.pid, 'SIGKILL');
    throw new Error(`injected failure at ${point}`);
  }
}
