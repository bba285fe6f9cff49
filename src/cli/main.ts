// argv → command. The only place that prints and decides the exit code.
import { parseArgs, type ParseArgsConfig } from 'node:util';
// check and show are what hooks run on every commit: loaded up front; other commands lazily.
import { runCheck, runShow } from './commands/check.js';
import { UserError } from '../core/errors.js';
import { cliOwnsProcess } from './jit.js';
import { isTerminal, write } from './output.js';
import { VERSION } from '../core/tool-version.js';

export { jitTuned } from './jit.js';
export { drained } from './output.js';

type Options = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;
export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  color: boolean;
}

const GLOBAL: Options = {
  cwd: { type: 'string' },
  config: { type: 'string' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

interface Command {
  summary: string;
  usage: string;
  options: Options;
  /** Takes positional arguments (only bump does). */
  positionals?: boolean;
  run(values: Values, positionals: string[], io: Io): Promise<number>;
}

const COMMANDS: Record<string, Command> = {
  check: {
    summary: 'check that every version source agrees (the default command)',
    usage: 'check [--staged] [--format stylish|json|github] [--fix [--dry-run]]',
    options: { staged: { type: 'boolean' }, format: { type: 'string' }, fix: { type: 'boolean' }, 'dry-run': { type: 'boolean' } },
    run: (v, _p, io) => runCheck(v, io),
  },
  show: {
    summary: 'print the current version (--json: every source)',
    usage: 'show [--json]',
    options: { json: { type: 'boolean' } },
    run: (v, _p, io) => runShow(v, io),
  },
  bump: {
    summary: 'set the next version in every source at once (all or nothing)',
    usage:
      'bump <major|minor|patch|premajor|preminor|prepatch|prerelease|VERSION> [--preid ID] [--dry-run] [--commit] [--tag] [--push] [--allow-dirty] [--force]',
    options: {
      preid: { type: 'string' },
      'dry-run': { type: 'boolean' },
      commit: { type: 'boolean' },
      tag: { type: 'boolean' },
      push: { type: 'boolean' },
      'allow-dirty': { type: 'boolean' },
      force: { type: 'boolean' },
    },
    positionals: true,
    run: async (v, p, io) => (await import('./commands/bump.js')).runBump(v, p, io),
  },
  release: {
    summary: 'gate, build, check, upload and tag a release',
    usage: 'release [--no-upload | --test-upload | --upload] [--dry-run] [--allow-dirty] [--push] [--python PATH]',
    options: {
      'no-upload': { type: 'boolean' },
      'test-upload': { type: 'boolean' },
      upload: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      'allow-dirty': { type: 'boolean' },
      push: { type: 'boolean' },
      python: { type: 'string' },
    },
    run: async (v, _p, io) => (await import('./commands/release.js')).runRelease(v, io),
  },
  hook: {
    summary: 'install (or uninstall) the pre-commit check in this git repository',
    usage: 'hook install|uninstall',
    options: {},
    positionals: true,
    run: async (v, p, io) => (await import('./commands/hook.js')).runHook(v, p, io),
  },
  init: {
    summary: 'detect the version sources and write .heimdallrc.json',
    usage: 'init [--include FILE]... [--force]',
    options: { include: { type: 'string', multiple: true }, force: { type: 'boolean' } },
    run: async (v, _p, io) => (await import('./commands/init.js')).runInit(v, io),
  },
};

const HELP = `heimdall-version ${VERSION}: keeps a Python package's version honest

Usage: heimdall-version [command] [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(9)}${c.summary}`)
  .join('\n')}

Options for every command:
  --cwd DIR       run on the project that contains DIR (default: the current directory)
  --config FILE   use this configuration file; the project root is its directory
  --debug         show stack traces of unexpected errors
  -h, --help      show help
  -V, --version   print heimdall-version's own version

Exit codes: 0 no errors, 1 problems found or a step failed, 2 usage or configuration error.
`;

export async function main(argv: string[], given?: Io): Promise<number> {
  const io = given ?? (await defaultIo());
  cliOwnsProcess();
  if (argv[0] === '--version' || argv[0] === '-V') {
    io.out(`${VERSION}\n`);
    return 0;
  }
  const name = argv[0] && !argv[0].startsWith('-') ? argv[0] : 'check';
  const rest = argv[0] === name ? argv.slice(1) : argv;
  const command = COMMANDS[name];
  let debug = argv.includes('--debug');
  try {
    if (!command) throw new UserError(`unknown command "${name}"; run heimdall-version --help`);
    if (argv.length === 0 || argv[0] !== name) {
      if (rest.includes('--help') || rest.includes('-h')) return (io.out(HELP), 0);
    }
    const { values, positionals } = parseArgs({ args: rest, options: { ...GLOBAL, ...command.options }, allowPositionals: true, strict: true });
    debug = values.debug === true;
    if (values.help) return (io.out(`Usage: heimdall-version ${command.usage} [--cwd DIR] [--config FILE]\n\n${command.summary}\n`), 0);
    if (!command.positionals && positionals.length > 0) throw new UserError(`${name} takes no argument "${positionals[0]}"; run heimdall-version ${name} --help`);
    return await command.run(values, positionals, io);
  } catch (e) {
    if (isUserError(e)) {
      io.err(`heimdall-version: ${e.message}\n`);
      if (debug) io.err(`${e.stack}\n`);
      return e.exitCode;
    }
    if (isUsageError(e)) {
      io.err(`heimdall-version: ${(e as Error).message}\nRun heimdall-version ${command ? `${name} ` : ''}--help for usage.\n`);
      return 2;
    }
    io.err(`heimdall-version: unexpected error: ${(e as Error)?.message ?? String(e)}\n`);
    io.err(debug ? `${(e as Error)?.stack}\n` : 'Run again with --debug for details, and please report it.\n');
    return 1;
  }
}

/** By name, not instanceof: each lazily loaded command bundle carries its own copy of the class. */
function isUserError(e: unknown): e is UserError {
  return e instanceof Error && e.name === 'UserError' && typeof (e as UserError).exitCode === 'number';
}

function isUsageError(e: unknown): boolean {
  const code = (e as { code?: string })?.code ?? '';
  return code.startsWith('ERR_PARSE_ARGS');
}

async function defaultIo(): Promise<Io> {
  const color = !process.env.NO_COLOR && process.env.FORCE_COLOR !== '0' && (await isTerminal(1));
  return { out: (s) => write(1, s), err: (s) => write(2, s), color };
}
