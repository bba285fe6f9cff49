// [tool.heimdall-version] in pyproject.toml: the same configuration as .heimdallrc.json, written in
// TOML (sources as [[tool.heimdall-version.sources]]), validated the same way, problems located.
import { readRegular } from '../git/workspace.js';
import { UserError } from '../core/errors.js';
import { decodeLenient, lineIndex } from '../core/text.js';
import { locateTomlVersion, readTomlTree } from '../sources/toml.js';
import { validateConfig } from './schema.js';
import type { Config } from './types.js';

export const PYPROJECT = 'pyproject.toml';
export const TABLE = 'tool.heimdall-version';
const KEY = String.raw`\s*(?:tool|"tool")\s*\.\s*(?:heimdall-version|"heimdall-version")`;

/** The table as data, or undefined when the file has none (or is no regular file); a file that mentions it but does not parse is an error. */
export function readPyprojectTable(file: string, shown: string): { table: unknown; text: string } | undefined {
  let text: string;
  try {
    // Never blocks on a FIFO: a pyproject.toml that is no regular file holds no configuration.
    const read = readRegular(file);
    if (!('bytes' in read)) return undefined;
    text = decodeLenient(read.bytes);
  } catch {
    return undefined;
  }
  return pyprojectTable(text, shown);
}

/** The [tool.heimdall-version] table of pyproject.toml's text, or undefined when it has none. */
export function pyprojectTable(text: string, shown: string): { table: unknown; text: string } | undefined {
  // Most pyproject.toml files never mention the tool: no TOML parse for them.
  if (!text.includes('heimdall-version')) return undefined;
  const tree = readTomlTree(text);
  if (!tree) {
    if (!new RegExp(String.raw`^\s*\[\[?${KEY}`, 'm').test(text)) return undefined;
    const problem = locateTomlVersion(text, {}).problems[0];
    const at = problem?.offset !== undefined ? lineIndex(text)(problem.offset) : undefined;
    throw new UserError(`${shown}${at ? `:${at.line}:${at.column}` : ''}: ${problem?.message ?? 'invalid TOML'} (it holds the [${TABLE}] configuration)`);
  }
  const tool = tree.tool as Record<string, unknown> | undefined;
  const table = tool && Object.hasOwn(tool, 'heimdall-version') ? tool['heimdall-version'] : undefined;
  return table === undefined ? undefined : { table, text };
}

/** Validates the table; every problem names its key path and the line of the table it is in. */
export function validatePyprojectTable(table: unknown, text: string, shown: string): Config {
  const result = validateConfig(table);
  if ('config' in result) return result.config;
  throw pyprojectProblems(text, shown, result.problems);
}

/** The error for problems of the table ("groups[0].packages[1]: …"), each with the line of the table it is in. */
export function pyprojectProblems(text: string, shown: string, problems: string[]): UserError {
  const lines = problems.map((p) => {
    const line = lineOfProblem(text, p);
    return `  ${line ? `line ${line}: ` : ''}${TABLE}.${p}`;
  });
  return new UserError(`${shown}: invalid configuration in [${TABLE}]\n${lines.join('\n')}`);
}

/** The line of the table header a problem ("sources[1].type: …") is under: [[…sources]] number 2, [… .release], else [tool.heimdall-version]. */
function lineOfProblem(text: string, problem: string): number | undefined {
  const m = /^([A-Za-z$]+)(?:\[(\d+)\])?/.exec(problem);
  const at = lineIndex(text);
  const header = (pattern: string, nth = 0) => {
    const found = [...text.matchAll(new RegExp(pattern, 'gm'))][nth];
    return found ? at(found.index!).line : undefined;
  };
  if (m?.[2] !== undefined) {
    const line = header(String.raw`^[ \t]*\[\[${KEY}\s*\.\s*${m[1]}\s*\]\]`, Number(m[2]));
    if (line) return line;
  }
  // [ \t]*, not \s*: a header after a blank line is on its own line, not the blank one.
  return (m && header(String.raw`^[ \t]*\[${KEY}\s*\.\s*${m[1]}\s*\]`)) ?? header(String.raw`^[ \t]*\[${KEY}\s*\]`);
}
