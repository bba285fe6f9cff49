// What a command is: its options, declared once, give its run function typed values.
export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  color: boolean;
  /** Asks a yes/no question on the terminal; absent when stdin is not a terminal (nobody to ask). */
  confirm?: (question: string) => Promise<boolean>;
}

interface FlagBase {
  /** One line: what the flag does. */
  help: string;
  /** A whole command line showing it (without the leading heimdall-version). */
  example: string;
  short?: string;
}
export interface BooleanFlag extends FlagBase {
  type: 'boolean';
}
export interface StringFlag extends FlagBase {
  type: 'string';
  /** The value's name in help, e.g. FILE. */
  arg: string;
  multiple?: boolean;
}
export type Flag = BooleanFlag | StringFlag;
export type Flags = Record<string, Flag>;

/** The value a flag yields: booleans default to false, repeatable strings to []. */
type ValueOf<F extends Flag> = F extends StringFlag ? (F extends { multiple: true } ? string[] : string | undefined) : boolean;
export type ValuesOf<O extends Flags> = { -readonly [K in keyof O]: ValueOf<O[K]> };

export const GLOBAL_FLAGS = {
  cwd: { type: 'string', arg: 'DIR', help: 'run on the project that contains DIR (default: the current directory)', example: 'check --cwd packages/api' },
  config: { type: 'string', arg: 'FILE', help: 'use this configuration file; the project root is its directory', example: 'check --config ci/heimdallrc.json' },
  debug: { type: 'boolean', help: 'show stack traces of unexpected errors', example: 'bump patch --debug' },
  help: { type: 'boolean', short: 'h', help: 'show this help', example: 'bump --help' },
} as const satisfies Flags;
export type GlobalValues = ValuesOf<typeof GLOBAL_FLAGS>;
/** What a command's run receives for options declared `as const satisfies Flags`. */
export type CommandValues<O extends Flags> = ValuesOf<O> & GlobalValues;

/** Where the configuration is looked for, from the global flags. */
export const configPlace = (v: GlobalValues) => ({ cwd: v.cwd, configFile: v.config });

export interface Argument {
  name: string;
  help: string;
}

export interface CommandSpec<O extends Flags> {
  name: string;
  summary: string;
  /** Positional arguments; a command without them refuses any. */
  args?: Argument[];
  options: O;
  /** Whole command lines (without the leading heimdall-version), shown under Examples. */
  examples: string[];
  run(values: ValuesOf<O> & GlobalValues, positionals: string[], io: Io): Promise<number>;
}

/** A command with its option types erased, as the table holds it. */
export interface Command {
  name: string;
  summary: string;
  args: Argument[];
  options: Flags;
  examples: string[];
  run(values: Record<string, unknown>, positionals: string[], io: Io): Promise<number>;
}

/** Declares a command; `run` sees its values typed from `options`. */
export function defineCommand<const O extends Flags>(spec: CommandSpec<O>): Command {
  // The parser builds values from these very options (parse.ts), so the shapes agree by construction.
  return { ...spec, args: spec.args ?? [], run: (values, positionals, io) => spec.run(values as ValuesOf<O> & GlobalValues, positionals, io) };
}
