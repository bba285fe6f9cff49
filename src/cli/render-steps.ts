// Renders release and verify events: one line per step outcome and command, the children's output
// as it comes; in a terminal also a status line with the elapsed time, and a countdown while waiting.
import type { StepEvent } from '../release/events.js';
import type { PlannedStep } from '../release/runner.js';
import { printableLines } from '../report/printable.js';
import { formatStylish } from '../report/stylish.js';
import type { Io } from './command.js';

export interface Renderer {
  (event: StepEvent): void;
  /** Stops any status line or countdown (the run ended). */
  close(): void;
}

/** `live`: a terminal (not CI), where a status line is redrawn every second. */
export function renderSteps(io: Io, live: boolean): Renderer {
  let status = '';
  let timer: NodeJS.Timeout | undefined;
  const clear = () => {
    if (status) io.err(`\r${' '.repeat(status.length)}\r`);
    status = '';
  };
  const stop = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
    clear();
  };
  const every = (line: () => string) => {
    stop();
    status = line();
    io.err(status);
    timer = setInterval(() => {
      clear();
      status = line();
      io.err(status);
    }, 1000);
  };
  const render = (event: StepEvent) => {
    switch (event.type) {
      case 'step':
        if (event.status === 'started') return;
        stop();
        // A step's detail quotes the project (versions, file names, what a built artifact says): printed inert.
        if (event.status === 'passed')
          io.out(event.detail ? `✔ ${event.step}: ${printableLines(event.detail)}\n` : `✔ ${event.step} (${event.seconds.toFixed(1)}s)\n`);
        else if (event.status === 'failed') io.out(`✖ ${event.step}: ${printableLines(event.detail)}\n`);
        else io.out(`${event.warn ? '⚠' : '–'} ${event.step}: skipped: ${printableLines(event.detail)}\n`);
        return;
      case 'command': {
        stop();
        io.out(`${event.part ? '  · ' : '→ '}${event.name}: ${event.shown}\n`);
        if (live) {
          const started = Date.now();
          every(() => `… ${event.name} ${Math.round((Date.now() - started) / 1000)}s`);
        }
        return;
      }
      case 'command-ended':
        return stop();
      case 'output':
        // The status line is redrawn by its timer after the output.
        clear();
        return event.stream === 'out' ? io.out(event.text) : io.err(event.text);
      case 'wait': {
        stop();
        if (!live) return io.out(`… ${event.reason}: retrying in ${event.seconds}s\n`);
        const until = Date.now() + event.seconds * 1000;
        return every(() => `… ${event.reason}: retrying in ${Math.max(0, Math.ceil((until - Date.now()) / 1000))}s `);
      }
      case 'package':
        stop();
        return io.out(`${event.phase}: ${event.name} (${event.path || '.'})\n`);
      case 'check-report':
        stop();
        return io.out(formatStylish(event.result, { color: io.color }));
    }
  };
  return Object.assign(render, { close: stop });
}

/** The dry run's text: every step, numbered, in the order a real run takes them. */
export function planText(plan: PlannedStep[]): string {
  const width = String(plan.length).length;
  return plan.map((s, i) => `  ${String(i + 1).padStart(width)}. ${s.name}: ${s.description}\n`).join('');
}

/** Signals that end a run: Ctrl-C, SIGTERM, and SIGHUP (a closed terminal, a dropped ssh session). */
const INTERRUPTIONS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Each interruption aborts the run (the running command is stopped, temporary environments removed) instead of killing the process. */
export function interruptions(): { signal: AbortSignal; release(): void } {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => controller.abort(signal);
  for (const s of INTERRUPTIONS) process.on(s, onSignal);
  return {
    signal: controller.signal,
    release() {
      for (const s of INTERRUPTIONS) process.off(s, onSignal);
    },
  };
}
