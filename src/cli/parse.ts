// argv → values for one command's flags. Every mistake becomes a UserError (exit 2) in our words,
// with the nearest flag suggested. argv is split as node:util's parseArgs splits it (argv-tokens.ts).
import { argvTokens } from './argv-tokens.js';
import { UserError } from '../core/errors.js';
import type { Command, Flags } from './command.js';
import { didYouMean } from '../core/suggest.js';

export interface Parsed {
  values: Record<string, unknown>;
  positionals: string[];
}

export function parseCommandLine(command: Command, flags: Flags, args: string[]): Parsed {
  const options = Object.fromEntries(Object.entries(flags).map(([name, f]) => [name, { type: f.type, ...(f.short ? { short: f.short } : {}) }]));
  const tokens = argvTokens(args, options);
  const values: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(flags)) values[name] = f.type === 'boolean' ? false : f.multiple ? [] : undefined;
  const positionals: string[] = [];
  const hint = `run heimdall-version ${command.name} --help`;
  for (const token of tokens) {
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option') continue;
    const flag = flags[token.name];
    if (!flag) {
      const names = Object.keys(flags).map((n) => `--${n}`);
      throw new UserError(`${command.name} has no option ${token.rawName}${didYouMean(`--${token.name}`, names)} (${hint})`);
    }
    if (flag.type === 'boolean') {
      if (token.value !== undefined) throw new UserError(`${token.rawName} takes no value (got "${token.value}"); ${hint}`);
      values[token.name] = true;
      continue;
    }
    const value = token.value;
    if (value === undefined || (!token.inlineValue && value.startsWith('-')))
      throw new UserError(`${token.rawName} needs a value (${flag.arg}), e.g. heimdall-version ${flag.example}`);
    if (flag.multiple) (values[token.name] as string[]).push(value);
    else values[token.name] = value;
  }
  if (positionals.length > command.args.length) {
    const extra = positionals[command.args.length]!;
    const what = command.args.length === 0 ? 'takes no arguments' : `takes ${command.args.map((a) => a.name).join(' ')} only`;
    throw new UserError(`${command.name} ${what}, but got "${extra}"; ${hint}`);
  }
  return { values, positionals };
}
