// argv split into tokens exactly as node:util's parseArgs splits it ({ strict: false, tokens: true }),
// in our own code: loading and first running parseArgs costs a hook about half a millisecond, more
// than the rest of reading its command line. A test holds it to parseArgs' own tokens.

export type ArgvToken =
  | { kind: 'option'; name: string; rawName: string; index: number; value: string | undefined; inlineValue: boolean | undefined }
  | { kind: 'positional'; index: number; value: string }
  | { kind: 'option-terminator'; index: number };

export interface TokenOptions {
  [name: string]: { type: 'string' | 'boolean'; short?: string };
}

export function argvTokens(args: readonly string[], options: TokenOptions): ArgvToken[] {
  const long = (short: string) => Object.keys(options).find((name) => Object.hasOwn(options, name) && options[name]!.short === short) ?? short;
  const isString = (name: string) => Object.hasOwn(options, name) && options[name]!.type === 'string';
  const tokens: ArgvToken[] = [];
  const remaining = [...args];
  let index = -1;
  let grouped = 0;
  while (remaining.length > 0) {
    const arg = remaining.shift()!;
    const next = remaining[0];
    if (grouped > 0) grouped--;
    else index++;
    if (arg === '--') {
      tokens.push({ kind: 'option-terminator', index });
      for (const rest of remaining) tokens.push({ kind: 'positional', index: ++index, value: rest });
      break;
    }
    const short = arg.length >= 2 && arg[0] === '-' && arg[1] !== '-';
    if (short && arg.length === 2) {
      // -f, taking the next argument as its value when it is a string option (whatever that argument looks like).
      const name = long(arg[1]!);
      const value = isString(name) && next !== undefined ? remaining.shift() : undefined;
      tokens.push({ kind: 'option', name, rawName: arg, index, value, inlineValue: value === undefined ? undefined : false });
      if (value !== undefined) index++;
      continue;
    }
    if (short && !isString(long(arg[1]!))) {
      // -abc is -a -b -c; a string option inside takes the rest as its value: -abfFILE is -a -b -fFILE.
      const expanded: string[] = [];
      for (let i = 1; i < arg.length; i++) {
        if (!isString(long(arg[i]!)) || i === arg.length - 1) expanded.push(`-${arg[i]}`);
        else {
          expanded.push(`-${arg.slice(i)}`);
          break;
        }
      }
      remaining.unshift(...expanded);
      grouped = expanded.length;
      continue;
    }
    if (short) {
      // -fFILE
      tokens.push({ kind: 'option', name: long(arg[1]!), rawName: `-${arg[1]}`, index, value: arg.slice(2), inlineValue: true });
      continue;
    }
    if (arg.length > 2 && arg.startsWith('--')) {
      // An '=' after the name makes it --name=value; the name then ends at the first '=' (as parseArgs
      // has it: --==x is the option "" with the value "=x", while --=x is the option "=x").
      if (arg.indexOf('=', 3) === -1) {
        const name = arg.slice(2);
        const value = isString(name) && next !== undefined ? remaining.shift() : undefined;
        tokens.push({ kind: 'option', name, rawName: arg, index, value, inlineValue: value === undefined ? undefined : false });
        if (value !== undefined) index++;
      } else {
        const equals = arg.indexOf('=');
        const name = arg.slice(2, equals);
        tokens.push({ kind: 'option', name, rawName: `--${name}`, index, value: arg.slice(equals + 1), inlineValue: true });
      }
      continue;
    }
    tokens.push({ kind: 'positional', index, value: arg });
  }
  return tokens;
}
