// Help text: the command list, and per command every flag with what it does and an example.
import { GLOBAL_FLAGS, type Command, type Flag, type Flags } from './command.js';
import { VERSION } from '../core/tool-version.js';

const EXIT_CODES = 'Exit codes: 0 no errors, 1 problems found or a step failed, 2 usage or configuration error.';

export function generalHelp(commands: { name: string; summary: string }[]): string {
  return `heimdall-version ${VERSION}: keeps a Python package's version honest

Usage: heimdall-version [command] [options]
       heimdall-version help <command>     every option of a command, with examples

Commands:
${commands.map((c) => `  ${c.name.padEnd(9)}${c.summary}`).join('\n')}

Options for every command:
${flagLines(GLOBAL_FLAGS)}
  -V, --version
      print heimdall-version's own version

${EXIT_CODES}
`;
}

export function commandHelp(command: Command): string {
  const args = command.args.map((a) => ` <${a.name}>`).join('');
  const sections = [
    `Usage: heimdall-version ${command.name}${args} [options]\n\n${command.summary}\n`,
    command.args.length ? `Arguments:\n${command.args.map((a) => `  <${a.name}>\n      ${a.help}`).join('\n')}\n` : '',
    Object.keys(command.options).length ? `Options:\n${flagLines(command.options)}\n` : '',
    `Options for every command:\n${flagLines(GLOBAL_FLAGS)}\n`,
    command.examples.length ? `Examples:\n${command.examples.map((e) => `  heimdall-version ${e}`).join('\n')}\n` : '',
    `${EXIT_CODES}\n`,
  ];
  return sections.filter(Boolean).join('\n');
}

const flagLines = (flags: Flags): string =>
  Object.entries(flags)
    .map(([name, f]) => `  ${flagName(name, f)}\n      ${f.help}\n      e.g. heimdall-version ${f.example}`)
    .join('\n');

const flagName = (name: string, f: Flag): string =>
  `${f.short ? `-${f.short}, ` : ''}--${name}${f.type === 'string' ? ` ${f.arg}` : ''}${f.type === 'string' && f.multiple ? ' (repeatable)' : ''}`;
