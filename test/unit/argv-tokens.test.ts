// The command line is split exactly as node:util's parseArgs splits it: parseArgs is the oracle.
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { argvTokens, type TokenOptions } from '../../src/cli/argv-tokens.js';

const OPTIONS: TokenOptions = {
  help: { type: 'boolean', short: 'h' },
  yes: { type: 'boolean', short: 'y' },
  format: { type: 'string' },
  cwd: { type: 'string', short: 'c' },
  staged: { type: 'boolean' },
  package: { type: 'string' },
};
/** Arguments of every shape parseArgs tells apart, with our flags and others. */
const arg = fc.oneof(
  fc.constantFrom(
    '--',
    '-',
    '---',
    '--=',
    '--=x',
    '--==',
    '--==x',
    '--=a=b',
    '---=',
    '-h',
    '-y',
    '-c',
    '-x',
    '-hy',
    '-yh',
    '-hc',
    '-hcdir',
    '-chy',
    '-xh',
    '-hx',
    '-cdir',
    '-h=1',
  ),
  fc.constantFrom(
    '--help',
    '--format',
    '--format=json',
    '--format=',
    '--staged',
    '--staged=1',
    '--cwd',
    '--cwd=a=b',
    '--nope',
    '--package',
    '--constructor',
    '--__proto__',
  ),
  fc.constantFrom('check', 'json', 'a=b', '', ' ', '-1', 'é'),
  fc.string({ unit: fc.constantFrom('-', '=', 'h', 'y', 'c', 'x', 'f', 'o'), maxLength: 6 }),
);

describe('argvTokens', () => {
  it('gives the tokens parseArgs gives, for any command line', () => {
    fc.assert(
      fc.property(fc.array(arg, { maxLength: 7 }), (args) => {
        const { tokens } = parseArgs({ args, options: OPTIONS, strict: false, allowPositionals: true, tokens: true });
        expect(argvTokens(args, OPTIONS)).toStrictEqual(tokens);
      }),
      { numRuns: 1000 },
    );
  }, 60_000);

  it('ends an option name at its first "=" once an "=" follows the name, as parseArgs does', () => {
    for (const args of [['--=='], ['--==x'], ['--=a=b'], ['---='], ['--=x'], ['--format=a=b']]) {
      const { tokens } = parseArgs({ args, options: OPTIONS, strict: false, allowPositionals: true, tokens: true });
      expect(argvTokens(args, OPTIONS)).toStrictEqual(tokens);
    }
  });
});
