// The python source: the module-level assignments of one variable, read as Python runs the module.
// Literals are checked, metadata lookups compared by distribution; any other binding that may leave
// another value at import makes the source not checkable, never silently passed.
import type { Located, Locator, SourceProblem } from '../types.js';
import { bindings, type Binding } from './bindings.js';
import { classify } from './classify.js';
import { statements, type Statement } from './statements.js';
import { identifier } from './tokens.js';
import { lineCounter, tokenize } from './tokenize.js';

const DEFAULT_VARIABLES = ['__version__', 'SYSTEM_VERSION', 'VERSION'];

/** What the module-level bindings of one name come to: literals, lookups, and what cannot be checked. */
export function resolveBindings(
  found: Binding[],
  name: string,
  text: string,
  lineOf: (offset: number) => number,
): Omit<Located, 'label'> & { rebound: SourceProblem[] } {
  const located: Omit<Located, 'label'> & { rebound: SourceProblem[] } = { hits: [], lookups: [], problems: [], rebound: [] };
  const own = found.filter((b) => b.name === name);
  // The last assignment that runs in order overrides whatever came before it.
  const lastPlain = own.reduce((last, b, i) => (b.rhs ? i : last), -1);
  own.forEach((b, i) => {
    if (b.rhs) {
      const c = classify(b.rhs, text);
      if ('hit' in c) located.hits.push(c.hit);
      else if ('lookup' in c) located.lookups.push(c.lookup);
      else
        located.problems.push(
          uncheckable(
            `${name} is assigned from ${c.what} at line ${lineOf(b.at)}, which cannot be checked; assign a string literal or use importlib.metadata.version("<dist>")`,
            b.at,
          ),
        );
    } else if (i > lastPlain || b.late) {
      const problem = uncheckable(
        `${name} is also bound by ${b.how} at line ${lineOf(b.at)}, so its value at import cannot be checked; assign the version as a string literal after it`,
        b.at,
      );
      located.problems.push(problem);
      located.rebound.push(problem);
    }
  });
  return located;
}

const uncheckable = (message: string, offset: number): SourceProblem => ({ kind: 'uncheckable', message, offset });

/** The variable to read: the configured one, or the default whose first assignment comes first (any binding if none is assigned). */
function chooseVariable(found: Binding[], configured: string | undefined): string | undefined {
  if (configured) return identifier(configured);
  const first = (plain: boolean) =>
    DEFAULT_VARIABLES.map((v) => ({ v, b: found.find((b) => b.name === v && (!plain || b.rhs)) }))
      .filter((x) => x.b)
      .sort((a, b) => a.b!.at - b.b!.at)[0]?.v;
  return first(true) ?? first(false);
}

type ReadPython = { statements: Statement[]; lineOf: (offset: number) => number; error?: SourceProblem };

/**
 * Small modules read, kept by their text: zero configuration reads a package's version file to find it,
 * then its source reads it again (a workspace: each member's). Nothing changes what is read; large
 * modules (a server's code) are not kept.
 */
const read = new Map<string, ReadPython>();
const KEPT = 128;
const KEPT_BELOW = 16 * 1024;

export function readPython(text: string): ReadPython {
  const known = read.get(text);
  if (known) return known;
  const lineOf = lineCounter(text);
  const { lines, error } = tokenize(text, lineOf);
  const fresh = { statements: statements(lines), lineOf, error };
  if (text.length < KEPT_BELOW) {
    if (read.size >= KEPT) read.delete(read.keys().next().value!);
    read.set(text, fresh);
  }
  return fresh;
}

export const locatePythonVersion: Locator<{ variable?: string }> = (text, options) => {
  const { statements: all, lineOf, error } = readPython(text);
  const found = bindings(all, options.variable ? [options.variable] : DEFAULT_VARIABLES);
  const variable = chooseVariable(found, options.variable);
  const label = options.variable || variable || '__version__';
  const resolved = variable ? resolveBindings(found, variable, text, lineOf) : { hits: [], lookups: [], problems: [] };
  const located: Located = { hits: resolved.hits, lookups: resolved.lookups, problems: [...(error ? [error] : []), ...resolved.problems], label };
  if (!error && !found.some((b) => b.name === variable)) {
    const names = options.variable || `${DEFAULT_VARIABLES.slice(0, -1).join(', ')} or ${DEFAULT_VARIABLES.at(-1)}`;
    located.problems.push({ kind: 'not-found', message: `no module-level assignment to ${names}` });
  }
  return located;
};
