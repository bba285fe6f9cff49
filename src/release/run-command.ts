// Running one command of a step: argv without a shell, output masked and reported as events, an
// abort (Ctrl-C) passed on to the child. The caller judges the exit code.
import { spawn } from 'node:child_process';
import type { StepContext } from './context.js';
import { maskedStream, maskText } from './mask.js';
import { failed, passed, StepFailed, type Outcome } from './outcome.js';
import { GRACE_MS, signalGroup, stopGroup } from './process-group.js';

export interface Ran {
  code: number;
  /** Could not be started at all (not found, not executable). */
  spawnError?: string;
  /** The tail of what it printed (masked), for diagnoses. */
  output: string;
}

export interface ExecuteOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** What to show instead of the argv (a long program text). */
  shown?: string;
  /** A part of a larger step (venv, pip install): shown indented. */
  part?: boolean;
}

const KEPT = 65536;

/** Process groups started and not yet ended: killed if this process exits first (an uncaught error, process.exit). */
const startedGroups = new Set<number>();
let killOnExit = false;
function remember(pid: number): void {
  startedGroups.add(pid);
  if (killOnExit) return;
  killOnExit = true;
  process.on('exit', () => {
    for (const pgid of startedGroups) signalGroup(pgid, 'SIGKILL');
  });
}

/** Runs one command with its output reported (masked); an abort stops it and the step (StepFailed 'interrupted'). */
export function execute(ctx: StepContext, name: string, argv: string[], options: ExecuteOptions = {}): Promise<Ran> {
  const { emit, secrets, signal } = ctx;
  const step = ctx.step;
  emit({ type: 'command', step, name, shown: maskText(options.shown ?? argv.join(' '), secrets), part: options.part === true });
  let output = '';
  const stream = (name: 'out' | 'err') =>
    maskedStream((text) => {
      output = (output + text).slice(-KEPT);
      emit({ type: 'output', stream: name, text });
    }, secrets);
  const out = stream('out');
  const err = stream('err');
  return new Promise((resolve, reject) => {
    // Windows has no process groups to signal (and a detached command there gets a console of its own).
    const group = ctx.processGroup === true && process.platform !== 'win32';
    const child = spawn(argv[0]!, argv.slice(1), {
      cwd: options.cwd ?? ctx.root,
      env: options.env ?? ctx.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: group,
    });
    const pid = child.pid;
    if (group && pid !== undefined) remember(pid);
    // SIGINT lets Python clean up (pip removes its temporary directories), as Ctrl-C does; SIGTERM on
    // request. A group of its own is stopped whole, SIGKILL after a grace period if it will not go.
    const onAbort = () => {
      const sig = signal.reason === 'SIGTERM' ? 'SIGTERM' : 'SIGINT';
      if (group && pid !== undefined) void stopGroup(pid, GRACE_MS, sig);
      else child.kill(sig);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    // Whatever of its group is left when it ends (a build backend's children) would hold its output open: killed.
    if (group && pid !== undefined)
      child.on('exit', () => {
        signalGroup(pid, 'SIGKILL');
        startedGroups.delete(pid);
      });
    child.stdout.setEncoding('utf8').on('data', out.push);
    child.stderr.setEncoding('utf8').on('data', err.push);
    let spawnError: string | undefined;
    child.on('error', (e) => (spawnError = maskText(`${(e as NodeJS.ErrnoException).code ?? ''} ${e.message}`.trim(), secrets)));
    child.on('close', (code, killed) => {
      signal.removeEventListener('abort', onAbort);
      out.end();
      err.end();
      emit({ type: 'command-ended', step, name });
      if (signal.aborted || killed === 'SIGINT') return reject(new StepFailed('interrupted', `interrupted during ${step}`));
      resolve({ code: code ?? (killed ? 128 : 1), output, ...(spawnError ? { spawnError } : {}) });
    });
  });
}

/** A step that is one command: its outcome, with the reason found in its output when `explain` finds one. */
export async function commandStep(
  ctx: StepContext,
  argv: string[],
  options: ExecuteOptions & { explain?: (output: string) => Promise<string | undefined> | string | undefined } = {},
): Promise<Outcome> {
  const res = await execute(ctx, ctx.step, argv, options);
  if (res.spawnError) return failed('not-started', res.spawnError);
  if (res.code === 0) return passed('exit-0');
  const why = await options.explain?.(res.output);
  return why ? failed('explained', `exit code ${res.code}: ${why}`, res.code) : failed('exit-code', `exit code ${res.code} (its output is above)`, res.code);
}
