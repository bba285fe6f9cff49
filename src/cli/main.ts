// argv → command. The only place that prints and decides the exit code.
// check and show are what hooks run on every commit: loaded up front; other commands lazily.
import { checkCommand, showCommand } from './commands/check.js';
import { GLOBAL_FLAGS, type Command, type Io } from './command.js';
import { UserError } from '../core/errors.js';
import { commandHelp, generalHelp } from './help.js';
import { parseCommandLine } from './parse.js';
import { didYouMean } from '../core/suggest.js';
import { isTerminal, write } from './output.js';
import { printableLines } from '../report/printable.js';
import { VERSION } from '../core/tool-version.js';

export { drained } from './output.js';
export type { Io } from './command.js';

interface Entry {
  summary: string;
  load(): Promise<Command>;
}

/** Every command: its one-line summary for the list, and its module, loaded when it runs. */
const COMMANDS: Record<string, Entry> = {
  check: { summary: checkCommand.summary, load: async () => checkCommand },
  show: { summary: showCommand.summary, load: async () => showCommand },
  bump: { summary: 'set the next version in every source at once (all or nothing)', load: async () => (await import('./commands/bump.js')).bumpCommand },
  release: { summary: 'gate, build, check, upload and tag a release', load: async () => (await import('./commands/release.js')).releaseCommand },
  verify: {
    summary: 'install the built wheel (or the release from an index) into a fresh environment and ask it its version',
    load: async () => (await import('./commands/verify.js')).verifyCommand,
  },
  hook: { summary: 'install (or uninstall) the pre-commit check in this git repository', load: async () => (await import('./commands/hook.js')).hookCommand },
  recover: { summary: 'finish or undo a change that a crash interrupted', load: async () => (await import('./commands/recover.js')).recoverCommand },
  audit: {
    summary: 'the version history, release by release, read from git without checking anything out',
    load: async () => (await import('./commands/audit.js')).auditCommand,
  },
  init: { summary: 'detect the version sources and write .heimdallrc.json', load: async () => (await import('./commands/init.js')).initCommand },
};

const NAMES = Object.keys(COMMANDS);
const HELP = () => generalHelp(NAMES.map((name) => ({ name, summary: COMMANDS[name]!.summary })));

export async function main(argv: string[], given?: Io): Promise<number> {
  const io = given ?? (await defaultIo());
  let debug = argv.includes('--debug');
  try {
    if (argv[0] === '--version' || argv[0] === '-V') return (io.out(`${VERSION}\n`), 0);
    if (argv[0] === 'help') return (io.out(argv[1] === undefined ? HELP() : commandHelp(await find(argv[1]))), 0);
    const named = argv[0] !== undefined && !argv[0].startsWith('-');
    if (!named && (argv.includes('--help') || argv.includes('-h'))) return (io.out(HELP()), 0);
    const command = await find(named ? argv[0]! : 'check');
    const { values, positionals } = parseCommandLine(command, { ...GLOBAL_FLAGS, ...command.options }, named ? argv.slice(1) : argv);
    debug = values.debug === true;
    if (values.help) return (io.out(commandHelp(command)), 0);
    return await command.run(values, positionals, io);
  } catch (e) {
    if (isUserError(e)) {
      io.err(`heimdall-version: ${printableLines(e.message)}\n`);
      if (debug) io.err(`${e.stack}\n`);
      return e.exitCode;
    }
    io.err(`heimdall-version: unexpected error: ${printableLines((e as Error)?.message ?? String(e))}\n`);
    io.err(debug ? `${(e as Error)?.stack}\n` : 'Run again with --debug for details, and please report it.\n');
    return 1;
  }
}

async function find(name: string): Promise<Command> {
  // Own entries only: "constructor" is no command.
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!entry) throw new UserError(`unknown command "${name}"${didYouMean(name, NAMES, (n) => `"${n}"`)} (run heimdall-version --help for the list)`);
  return entry.load();
}

/** By name, not instanceof: each lazily loaded command bundle carries its own copy of the class. */
function isUserError(e: unknown): e is UserError {
  return e instanceof Error && e.name === 'UserError' && typeof (e as UserError).exitCode === 'number';
}

async function defaultIo(): Promise<Io> {
  const color = colorWanted(process.env, await isTerminal(1));
  const io: Io = { out: (s) => write(1, s), err: (s) => write(2, s), color };
  if (await isTerminal(0)) io.confirm = async (question) => (await import('./confirm.js')).askYesNo(question);
  return io;
}

/** NO_COLOR (any non-empty value) wins; FORCE_COLOR=1 (or any value but 0) colours a pipe too; else only a terminal. */
export function colorWanted(env: NodeJS.ProcessEnv, terminal: boolean): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return terminal;
}
