// What release and verify report while they run, as data: the CLI renders these (terminal or plain
// lines); a library caller may render them its own way. Every text in them is already masked.
import type { CheckResult } from '../core/result.js';
import type { Status } from './outcome.js';

export type StepEvent =
  /** A step begins (`status: 'started'`) or ends with its outcome's code and words. */
  | { type: 'step'; step: string; status: 'started'; description: string }
  | { type: 'step'; step: string; status: Status; code: string; detail: string; seconds: number; warn?: boolean }
  /** A command starts: the whole step's (`part: false`) or one part of it (venv, pip install). */
  | { type: 'command'; step: string; name: string; shown: string; part: boolean }
  | { type: 'command-ended'; step: string; name: string }
  /** A command's output, masked, as it arrives. */
  | { type: 'output'; stream: 'out' | 'err'; text: string }
  /** The step waits `seconds` before trying again (an index that does not serve the release yet). */
  | { type: 'wait'; step: string; seconds: number; reason: string }
  /** A group release turns to one of its packages for a phase of the run (its gates, its build, …). */
  | { type: 'package'; phase: string; name: string; path: string }
  /** The check found errors: its full result, for the report. */
  | { type: 'check-report'; result: CheckResult };

export type Emit = (event: StepEvent) => void;
