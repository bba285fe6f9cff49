// What src/change/fault.ts becomes in the test build (scripts/test-build.mjs), and only there. HEIMDALL_VERSION_FAULT
// holds comma-separated items, taken in order at each point: trace:FILE appends the point's name to FILE;
// fail-at:POINT throws; crash-at:POINT kills the process (SIGKILL); fail-after:N / crash-after:N mean files:N;
// pause-at:POINT:FILE creates FILE.<pid>, then waits while FILE exists, so a test can hold a run at a point.
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';

export function injectFault(point: string): void {
  const spec = process.env.HEIMDALL_VERSION_FAULT;
  if (!spec) return;
  for (const item of spec.split(',')) {
    const trace = /^trace:(.+)$/.exec(item);
    if (trace) {
      appendFileSync(trace[1]!, `${point}\n`);
      continue;
    }
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
