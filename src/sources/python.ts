// Python: a small tokenizer and a scanner of module-level statements, so that strings, comments and
// function bodies are never taken for the version. No Python process, no parser dependency.
import { flag, text as textField } from '../config/fields.js';
import { defineKind } from './kind.js';
import { locateCallArgument } from './python-call.js';
import { detectSphinx } from './sphinx.js';
import type { Located, Locator, RuntimeLookup, SourceProblem, VersionHit } from './types.js';

const DEFAULT_VARIABLES = ['__version__', 'SYSTEM_VERSION', 'VERSION'];
// These bodies run once, at module level; the other compound statements open a scope or a loop.
const TRANSPARENT = new Set(['if', 'elif', 'else', 'try', 'except', 'finally']);
const COMPOUND = new Set([...TRANSPARENT, 'for', 'while', 'with', 'def', 'class', 'async']);
const SOFT_COMPOUND = new Set(['match', 'case']);
const LOOKUPS = new Set(['version', 'metadata.version', 'importlib.metadata.version', 'importlib_metadata.version']);
const OPS = ['**=', '//=', '>>=', '<<=', '...', '->', ':=', '==', '!=', '<=', '>=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@=', '**', '//', '<<', '>>'];
const SINGLE_OPS = '()[]{},;~';
const STRING_PREFIX = /^(?:[rubft]|br|rb|fr|rf|tr|rt)$/i;
const NUMBER = /[0-9.][0-9A-Za-z_.]*/y;
const ASCII_NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const UNICODE_NAME = /[\p{L}\p{Nl}_][\p{L}\p{N}\p{Mn}\p{Mc}_]*/uy;

export interface Token {
  kind: 'name' | 'string' | 'number' | 'op';
  text: string;
  start: number;
  end: number;
  /** Strings only: the lower-case prefix and the range of the content between the quotes. */
  prefix?: string;
  contentStart?: number;
  contentEnd?: number;
}

/** A logical line: the column of its first token and its tokens (comments and line joins removed). */
export interface Line {
  indent: number;
  tokens: Token[];
}

export const isOp = (t: Token | undefined, op: string): boolean => t?.kind === 'op' && t.text === op;
const opens = (t: Token | undefined): boolean => t?.kind === 'op' && (t.text === '(' || t.text === '[' || t.text === '{');
const closes = (t: Token | undefined): boolean => t?.kind === 'op' && (t.text === ')' || t.text === ']' || t.text === '}');
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** 1-based line numbers of offsets, counted on from the last answer so that a scan stays linear. */
export function lineCounter(text: string): (offset: number) => number {
  let pos = 0;
  let line = 1;
  return (offset) => {
    if (offset < pos) [pos, line] = [0, 1];
    for (; pos < offset; pos++) if (text.charCodeAt(pos) === 10) line++;
    return line;
  };
}

export function tokenize(text: string, lineOf: (offset: number) => number): { lines: Line[]; error?: SourceProblem } {
  const lines: Line[] = [];
  const brackets: Token[] = [];
  const n = text.length;
  let tokens: Token[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let lineStart = i;
  const indents = [{ col: 0, alt: 0 }];
  let indentError: SourceProblem | undefined;
  const push = (t: Token) => {
    if (tokens.length === 0) {
      const col = columnOf(text, lineStart, t.start);
      indentError ??= indentProblem(indents, col, columnOf(text, lineStart, t.start, 1), lineOf(t.start), t.start);
      lines.push({ indent: col, tokens });
    }
    tokens.push(t);
  };
  // On an error the current logical line is cut short: keep only the lines before it.
  const complete = () => (tokens.length ? lines.slice(0, -1) : lines);
  while (i < n) {
    if (indentError) return { lines: complete(), error: indentError };
    const c = text[i]!;
    if (c === '\n') {
      i++;
      lineStart = i;
      if (brackets.length === 0) tokens = [];
    } else if (c === ' ' || c === '\t' || c === '\r' || c === '\f') i++;
    else if (c === '#') {
      const eol = text.indexOf('\n', i);
      i = eol === -1 ? n : eol;
    } else if (c === '\\' && text[i + 1] === '\n') i += 2;
    else if (c === '\\' && text[i + 1] === '\r' && text[i + 2] === '\n') i += 3;
    else {
      const name = /[A-Za-z_]/.test(c) || c >= '\x80' ? readName(text, i) : undefined;
      const after = name ? text[i + name.length] : undefined;
      const prefix = name && STRING_PREFIX.test(name) && (after === '"' || after === "'") ? name : '';
      if (prefix || c === '"' || c === "'") {
        const q = text[i + prefix.length]!;
        const triple = text.startsWith(q + q + q, i + prefix.length);
        const contentStart = i + prefix.length + (triple ? 3 : 1);
        const j = closingQuote(text, contentStart, q, triple);
        if (j === -1) return { lines: complete(), error: { kind: 'parse-error', message: `unterminated string starting at line ${lineOf(i)}`, offset: i } };
        const end = j + (triple ? 3 : 1);
        push({ kind: 'string', text: text.slice(i, end), start: i, end, prefix: prefix.toLowerCase(), contentStart, contentEnd: j });
        i = end;
      } else if (name) {
        push({ kind: 'name', text: name, start: i, end: i + name.length });
        i += name.length;
      } else if (isDigit(c) || (c === '.' && isDigit(text[i + 1]))) {
        NUMBER.lastIndex = i;
        const num = NUMBER.exec(text)![0];
        push({ kind: 'number', text: num, start: i, end: i + num.length });
        i += num.length;
      } else {
        const op = SINGLE_OPS.includes(c) ? c : (OPS.find((o) => text.startsWith(o, i)) ?? c);
        const t: Token = { kind: 'op', text: op, start: i, end: i + op.length };
        if (opens(t)) brackets.push(t);
        else if (closes(t)) brackets.pop();
        push(t);
        i += op.length;
      }
    }
  }
  const open = brackets[0];
  if (open) return { lines: complete(), error: { kind: 'parse-error', message: `'${open.text}' at line ${lineOf(open.start)} is never closed`, offset: open.start } };
  return { lines };
}

/** Index of the quote closing a string whose content starts at `from`, or -1 if it is not closed. */
function closingQuote(text: string, from: number, q: string, triple: boolean): number {
  for (let j = from; j < text.length; j++) {
    const c = text[j];
    if (c === '\\') j += text[j + 1] === '\r' && text[j + 2] === '\n' ? 2 : 1;
    else if (c === q && (!triple || (text[j + 1] === q && text[j + 2] === q))) return j;
    else if (c === '\n' && !triple) return -1;
  }
  return -1;
}

/** The identifier starting at i, if any; the slower Unicode pattern only where the text is not ASCII. */
function readName(text: string, i: number): string | undefined {
  const re = text.charCodeAt(i) < 128 ? ASCII_NAME : UNICODE_NAME;
  re.lastIndex = i;
  const m = re.exec(text)?.[0];
  if (m && re === ASCII_NAME && text.charCodeAt(i + m.length) >= 128) {
    UNICODE_NAME.lastIndex = i;
    return UNICODE_NAME.exec(text)?.[0];
  }
  return m;
}

/** Python's indentation column: tabs advance to the next multiple of `tab` (8; Python's second opinion uses 1), a form feed resets it. */
function columnOf(text: string, lineStart: number, at: number, tab = 8): number {
  let col = 0;
  for (let k = lineStart; k < at; k++) col = text[k] === '\t' ? (Math.floor(col / tab) + 1) * tab : text[k] === '\f' ? 0 : col + 1;
  return col;
}

/** What Python's tokenizer says of a line's indentation: tabs and spaces must order lines the same at tab sizes 8 and 1. */
function indentProblem(stack: { col: number; alt: number }[], col: number, alt: number, line: number, offset: number): SourceProblem | undefined {
  const tabError = { kind: 'parse-error' as const, message: `TabError: inconsistent use of tabs and spaces in indentation (line ${line})`, offset };
  let top = stack.at(-1)!;
  if (col > top.col) return alt > top.alt ? (stack.push({ col, alt }), undefined) : tabError;
  while (col < top.col) top = (stack.pop(), stack.at(-1)!);
  if (col !== top.col) return { kind: 'parse-error', message: `IndentationError: unindent does not match any outer indentation level (line ${line})`, offset };
  return alt === top.alt ? undefined : tabError;
}

/** Indices of an operator outside brackets in tokens[from, to). */
export function topLevel(tokens: Token[], op: string, from = 0, to = tokens.length): number[] {
  const found: number[] = [];
  let depth = 0;
  for (let k = from; k < to; k++) {
    const t = tokens[k]!;
    if (opens(t)) depth++;
    else if (closes(t)) depth--;
    else if (depth === 0 && t.kind === 'op' && t.text === op) found.push(k);
  }
  return found;
}

/** Index of the bracket closing the one at `from`, or -1. */
export function matchingClose(tokens: Token[], from: number): number {
  let depth = 0;
  for (let k = from; k < tokens.length; k++) {
    if (opens(tokens[k])) depth++;
    else if (closes(tokens[k]) && --depth === 0) return k;
  }
  return -1;
}

/** If the line opens a block, the index of its colon, else -1. */
function blockColon(tokens: Token[]): number {
  const [first, second] = tokens;
  if (first?.kind !== 'name') return -1;
  // `match` and `case` are keywords only where they open a block: not in `match = re.match(...)`.
  const soft = SOFT_COMPOUND.has(first.text) && isOp(tokens.at(-1), ':') && second !== undefined && (second.kind !== 'op' || '([{-~*'.includes(second.text));
  if (!COMPOUND.has(first.text) && !soft) return -1;
  return topLevel(tokens, ':')[0] ?? -1;
}

export interface Assignment {
  name: string;
  at: number;
  rhs: Token[];
}

/** Assignments to `names` in the simple statement tokens[from, to): `N = v`, `N: T = v`, `A = N = v`. */
function assignmentsIn(tokens: Token[], from: number, to: number, names: Set<string>, out: Assignment[]): void {
  if (tokens[from]?.kind !== 'name') return;
  const eqs = topLevel(tokens, '=', from, to);
  let target = from;
  for (const eq of eqs) {
    const name = tokens[target]!;
    const annotated = eqs.length === 1 && eq - target > 2 && isOp(tokens[target + 1], ':');
    if (name.kind === 'name' && names.has(name.text) && (eq - target === 1 || annotated)) out.push({ name: name.text, at: name.start, rhs: tokens.slice(eqs.at(-1)! + 1, to) });
    target = eq + 1;
  }
}

/** Module-level simple statements, in order: also inside module-level if/try blocks, not in def/class/with/for/while/match. */
export function moduleStatements(lines: Line[]): Token[][] {
  const out: Token[][] = [];
  const blocks: { indent: number; transparent: boolean }[] = [];
  for (const { indent, tokens } of lines) {
    while (blocks.length && blocks.at(-1)!.indent >= indent) blocks.pop();
    const moduleLevel = blocks.every((b) => b.transparent);
    const colon = blockColon(tokens);
    let from = moduleLevel ? 0 : tokens.length;
    if (colon >= 0) {
      // `if TYPE_CHECKING:` runs only for type checkers, never at runtime.
      const transparent = TRANSPARENT.has(tokens[0]!.text) && !isTypeCheckingIf(tokens, colon);
      blocks.push({ indent, transparent });
      // A one-line compound statement (`if x: VERSION = "1"`) carries its body after the colon.
      from = moduleLevel && transparent ? colon + 1 : tokens.length;
    }
    if (from >= tokens.length) continue;
    for (const semicolon of [...topLevel(tokens, ';', from), tokens.length]) {
      if (semicolon > from) out.push(tokens.slice(from, semicolon));
      from = semicolon + 1;
    }
  }
  return out;
}

function isTypeCheckingIf(tokens: Token[], colon: number): boolean {
  if (tokens[0]!.text !== 'if') return false;
  const condition = tokens.slice(1, colon).map((t) => t.text).join('');
  return condition === 'TYPE_CHECKING' || condition === 'typing.TYPE_CHECKING';
}

/** Module-level assignments to `names`, in order. */
export function moduleAssignments(lines: Line[], names: Set<string>): Assignment[] {
  const out: Assignment[] = [];
  for (const statement of moduleStatements(lines)) assignmentsIn(statement, 0, statement.length, names, out);
  return out;
}

export type Classified = { hit: VersionHit } | { lookup: RuntimeLookup } | { what: string };

/** Why a string literal cannot be a version to check and rewrite, if it cannot. */
function stringFlaw(t: Token, text: string): string | undefined {
  const content = text.slice(t.contentStart, t.contentEnd);
  if (t.prefix!.includes('f')) return 'an f-string';
  if (t.prefix!.includes('t')) return 'a t-string';
  if (t.prefix!.includes('b')) return 'a bytes literal';
  if (content.includes('\\')) return 'a string with a backslash escape';
  if (content.includes('\n')) return 'a string spanning lines';
  return undefined;
}

export function classify(rhs: Token[], text: string): Classified {
  let t = rhs;
  while (isOp(t[0], '(') && matchingClose(t, 0) === t.length - 1) t = t.slice(1, -1);
  const first = t[0];
  if (t.length === 1 && first!.kind === 'string') {
    const flaw = stringFlaw(first!, text);
    return flaw ? { what: flaw } : { hit: { value: text.slice(first!.contentStart, first!.contentEnd), start: first!.contentStart!, end: first!.contentEnd! } };
  }
  if (t.length > 1 && t.every((x) => x.kind === 'string')) return { what: 'several concatenated strings' };
  if (t.length === 1 && first!.kind === 'number') return { what: 'a number' };
  if (t.length === 1 && first!.kind === 'name') return { what: `the name ${first!.text}` };
  // A call of a dotted name whose parentheses close at the end: `importlib.metadata.version("x")`.
  let open = 0;
  while (t[open]?.kind === 'name' && isOp(t[open + 1], '.')) open += 2;
  if (t[open]?.kind === 'name' && isOp(t[open + 1], '(') && matchingClose(t, open + 1) === t.length - 1) {
    const callee = t.slice(0, open + 1).map((x) => x.text).join('');
    const args = t.slice(open + 2, -1);
    if (isOp(args.at(-1), ',')) args.pop();
    const arg = args[0];
    if (LOOKUPS.has(callee) && args.length === 1 && arg!.kind === 'string' && !stringFlaw(arg!, text))
      return { lookup: { distribution: text.slice(arg!.contentStart, arg!.contentEnd), start: arg!.contentStart!, end: arg!.contentEnd! } };
    return { what: `${callee}()` };
  }
  return { what: 'an expression' };
}

export const locatePythonVersion: Locator<{ variable?: string }> = (text, options) => {
  const lineOf = lineCounter(text);
  const { lines, error } = tokenize(text, lineOf);
  const assignments = moduleAssignments(lines, new Set(options.variable ? [options.variable] : DEFAULT_VARIABLES));
  const firstOf = (name: string) => assignments.find((a) => a.name === name)?.at ?? Infinity;
  const variable = options.variable || [...DEFAULT_VARIABLES].sort((a, b) => firstOf(a) - firstOf(b)).find((v) => firstOf(v) < Infinity);
  const label = variable ?? '__version__';
  const located: Located = { hits: [], lookups: [], problems: error ? [error] : [], label };
  for (const a of assignments) {
    if (a.name !== variable) continue;
    const c = classify(a.rhs, text);
    if ('hit' in c) located.hits.push(c.hit);
    else if ('lookup' in c) located.lookups.push(c.lookup);
    else
      located.problems.push({
        kind: 'uncheckable',
        message: `${label} is assigned from ${c.what} at line ${lineOf(a.at)}, which cannot be checked; assign a string literal or use importlib.metadata.version("<dist>")`,
        offset: a.at,
      });
  }
  if (!error && !assignments.some((a) => a.name === variable)) {
    const names = options.variable || `${DEFAULT_VARIABLES.slice(0, -1).join(', ')} or ${DEFAULT_VARIABLES.at(-1)}`;
    located.problems.push({ kind: 'not-found', message: `no module-level assignment to ${names}` });
  }
  return located;
};

/** Python files that usually hold a version (in a package, not at the root). */
const VERSION_FILES = new Set(['__init__.py', 'version.py', '_version.py', '__version__.py', '__about__.py']);

export const pythonSource = defineKind({
  type: 'python',
  scheme: 'pep440',
  description: 'A module-level assignment of a Python file: a string literal, or a runtime metadata lookup with its fallback.',
  options: {
    variable: textField().describe('python: the variable (default: __version__, SYSTEM_VERSION or VERSION).'),
    call: textField().describe('python: read a keyword argument of this module-level call (e.g. setup) instead of a variable.'),
    keyword: textField().describe('python with call: the keyword (default version).'),
    short: flag().describe('python: the value is the short X.Y form of the version (Sphinx\'s `version` in docs/conf.py), compared with and bumped to the primary\'s MAJOR.MINOR; never the primary.'),
  },
  conflict: (o) =>
    o.call && o.variable ? `"call" and "variable" are two ways to read a python source: give one (for both, configure two sources)` : !o.call && o.keyword ? '"keyword" goes with "call"' : undefined,
  label: (o) => (o.call ? `${o.call}(${o.keyword ?? 'version'}=…)` : (o.variable ?? '__version__')),
  locate: (text, o) => (o.call ? locateCallArgument(text, { call: o.call, keyword: o.keyword }) : locatePythonVersion(text, o)),
  detect: ({ read, files }) => [
    ...files()
      .filter((file) => file.includes('/') && VERSION_FILES.has(file.slice(file.lastIndexOf('/') + 1)))
      .flatMap((file) => {
        const content = read(file);
        if (content === undefined) return [];
        // init also looks for a lower-case `version` (checking never guesses it: it is often an import).
        const found = locatePythonVersion(content, {});
        const located = found.hits.length || found.lookups.length ? found : locatePythonVersion(content, { variable: 'version' });
        const value = located.hits[0]?.value;
        const lookup = located.lookups[0]?.distribution;
        return value === undefined && lookup === undefined ? [] : [{ source: { file, type: 'python' as const, variable: located.label }, value, lookup }];
      }),
    ...detectSphinx(read),
  ],
});
