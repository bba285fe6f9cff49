// Running one release step: argv without a shell, output streamed through the mask,
// elapsed time on a status line in a terminal, Ctrl-C passed to the step.
import { spawn } from 'node:child_process';
import { UserError } from '../core/errors.js';
import { maskedStream, maskText } from './mask.js';
import { StepFailed } from './plan.js';

export interface StepIo {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Redraw an elapsed-time status line (a terminal, not CI). */
  progress: boolean;
}

export interface StepResult {
  code: number;
  /** The step was stopped by Ctrl-C (SIGINT) or SIGTERM. */
  interrupted: boolean;
  /** Could not be started at all (not found, not executable). */
  spawnError?: string;
}

export function runStep(label: string, argv: string[], options: { cwd: string; env: NodeJS.ProcessEnv; secrets: string[]; io: StepIo }): Promise<StepResult> {
  const { io, secrets } = options;
  const started = Date.now();
  let status = '';
  const clear = () => {
    if (status) io.err(`\r${' '.repeat(status.length)}\r`);
  };
  const draw = () => {
    status = `… ${label} ${Math.round((Date.now() - started) / 1000)}s`;
    io.err(status);
  };
  const through = (write: (s: string) => void) => (s: string) => {
    clear();
    write(s);
    if (io.progress) draw();
  };
  const out = maskedStream(through(io.out), secrets);
  const err = maskedStream(through(io.err), secrets);
  return new Promise((resolve) => {
    let interrupted = false;
    const child = spawn(argv[0]!, argv.slice(1), { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const onSignal = (signal: NodeJS.Signals) => {
      interrupted = true;
      child.kill(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    const timer = io.progress ? setInterval(() => (clear(), draw()), 1000) : undefined;
    child.stdout.setEncoding('utf8').on('data', out.push);
    child.stderr.setEncoding('utf8').on('data', err.push);
    let spawnError: string | undefined;
    child.on('error', (e) => (spawnError = maskText(`${(e as NodeJS.ErrnoException).code ?? ''} ${e.message}`.trim(), secrets)));
    child.on('close', (code, signal) => {
      if (timer) clearInterval(timer);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      out.end();
      err.end();
      clear();
      status = '';
      resolve({ code: code ?? (signal ? 128 : 1), interrupted: interrupted || signal === 'SIGINT', spawnError });
    });
  });
}

/** Where and how the chain runs its commands. */
export interface CommandContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  secrets: string[];
  io: StepIo;
  say: (s: string) => void;
  /** An upload to PyPI is tagged afterwards: failures say that no tag was created. */
  tagged?: boolean;
}

export interface ExecuteOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** What to print instead of the argv (a long program text). */
  shown?: string;
  /** A part of a larger step: printed indented, no ✔ line of its own. */
  part?: boolean;
  /** On failure, the reason found in the command's output (then the step ends with it rather than an exit code). */
  explain?: (output: string) => string | undefined;
}

/** Runs one command with its output streamed and masked; Ctrl-C stops the chain. The caller judges the exit code. */
export async function execute(ctx: CommandContext, name: string, argv: string[], options: ExecuteOptions = {}): Promise<StepResult> {
  ctx.say(`${options.part ? '  · ' : '→ '}${name}: ${options.shown ?? argv.join(' ')}\n`);
  const res = await runStep(name, argv, { cwd: options.cwd ?? ctx.cwd, env: options.env ?? ctx.env, secrets: ctx.secrets, io: ctx.io });
  if (res.interrupted) throw new UserError(`interrupted during ${name}; the release stopped and no tag was created`, 1);
  return res;
}

/** One command of the chain: a failure to start or a non-zero exit stops the chain. */
export async function runCommand(ctx: CommandContext, name: string, argv: string[], options: ExecuteOptions = {}): Promise<void> {
  const started = Date.now();
  let output = '';
  const keep = (write: (s: string) => void) => (s: string) => {
    output = (output + s).slice(-65536);
    write(s);
  };
  const watched = options.explain ? { ...ctx, io: { ...ctx.io, out: keep(ctx.io.out), err: keep(ctx.io.err) } } : ctx;
  const res = await execute(watched, name, argv, options);
  if (res.spawnError) throw new UserError(`step ${name} could not start: ${res.spawnError}`, 1);
  const why = res.code !== 0 ? options.explain?.(output) : undefined;
  if (why) throw new StepFailed(`exit code ${res.code}: ${why}`);
  if (res.code !== 0) throw new UserError(`step ${name} failed with exit code ${res.code}; the release stopped${ctx.tagged ? ' and no tag was created' : ''}`, 1);
  if (!options.part) ctx.say(`✔ ${name} (${((Date.now() - started) / 1000).toFixed(1)}s)\n`);
}
