// Python: a small tokenizer and a scanner of module-level statements. Only assignments at module
// level count, also inside module-level try/except/else/finally and if/elif/else blocks.
import type { Located, Locator, RuntimeLookup, SourceProblem, VersionHit } from './types.js';

const DEFAULT_VARIABLES = ['__version__', 'SYSTEM_VERSION', 'VERSION'];
const TRANSPARENT = new Set(['if', 'elif', 'else', 'try', 'except', 'finally']);
const COMPOUND = new Set([...TRANSPARENT, 'for', 'while', 'with', 'def', 'class', 'async', 'match', 'case']);
const LOOKUPS = new Set(['version', 'metadata.version', 'importlib.metadata.version', 'importlib_metadata.version']);
const OPS = ['**=', '//=', '>>=', '<<=', '...', '->', ':=', '==', '!=', '<=', '>=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@=', '**', '//', '<<', '>>'];

interface Token {
  type: 'name' | 'string' | 'number' | 'op';
  text: string;
  start: number;
  end: number;
  /** string: lower-case prefix, quote and content range. */
  prefix?: string;
  contentStart?: number;
  contentEnd?: number;
}

interface Line {
  indent: number;
  tokens: Token[];
}

type Tokenized = { lines: Line[]; error?: SourceProblem };

function tokenize(text: string): Tokenized {
  const lines: Line[] = [];
  let tokens: Token[] = [];
  let indent = 0;
  const brackets: number[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let lineStart = i;
  const n = text.length;
  const endLine = () => {
    if (tokens.length) lines.push({ indent, tokens });
    tokens = [];
  };
  const push = (t: Token) => {
    if (tokens.length === 0) indent = columnOf(text, lineStart, t.start);
    tokens.push(t);
  };
  while (i < n) {
    const c = text[i]!;
    if (c === '\n') {
      i++;
      if (brackets.length === 0) endLine();
      lineStart = i;
    } else if (c === ' ' || c === '\t' || c === '\r' || c === '\f') i++;
    else if (c === '#') while (i < n && text[i] !== '\n') i++;
    else if (c === '\\' && (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))) i += text[i + 1] === '\n' ? 2 : 3;
    else {
      const name = readName(text, i);
      const prefix = name && name.length <= 2 && /^(?:[rubf]|br|rb|fr|rf)$/i.test(name) && (text[i + name.length] === '"' || text[i + name.length] === "'") ? name : '';
      if (prefix || c === '"' || c === "'") {
        const q = text[i + prefix.length]!;
        const quote = text.startsWith(q.repeat(3), i + prefix.length) ? q.repeat(3) : q;
        const contentStart = i + prefix.length + quote.length;
        let j = contentStart;
        while (j < n && !text.startsWith(quote, j)) {
          if (text[j] === '\\') j++;
          else if (quote.length === 1 && text[j] === '\n') break;
          j++;
        }
        if (j >= n || text[j] === '\n') return { lines, error: { kind: 'parse-error', message: 'unterminated string', offset: i } };
        push({ type: 'string', text: text.slice(i, j + quote.length), start: i, end: j + quote.length, prefix: prefix.toLowerCase(), contentStart, contentEnd: j });
        i = j + quote.length;
      } else if (name) {
        push({ type: 'name', text: name, start: i, end: i + name.length });
        i += name.length;
      } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
        const num = /^[0-9.][0-9A-Za-z_.]*/.exec(text.slice(i, i + 256))![0];
        push({ type: 'number', text: num, start: i, end: i + num.length });
        i += num.length;
      } else {
        const op = OPS.find((o) => text.startsWith(o, i)) ?? c;
        if ('([{'.includes(op)) brackets.push(i);
        else if (')]}'.includes(op)) brackets.pop();
        push({ type: 'op', text: op, start: i, end: i + op.length });
        i += op.length;
      }
    }
  }
  if (brackets.length) return { lines, error: { kind: 'parse-error', message: 'unclosed bracket', offset: brackets[0] } };
  endLine();
  return { lines };
}

const ASCII_NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const UNICODE_NAME = /[\p{L}\p{Nl}_][\p{L}\p{N}_]*/uy;

/** The identifier starting at i, if any; the Unicode pattern only where the text is not ASCII. */
function readName(text: string, i: number): string | undefined {
  const c = text.charCodeAt(i);
  const re = c < 128 ? ASCII_NAME : UNICODE_NAME;
  re.lastIndex = i;
  const m = re.exec(text);
  if (!m) return undefined;
  const next = text.charCodeAt(i + m[0].length);
  if (re === ASCII_NAME && next >= 128) {
    UNICODE_NAME.lastIndex = i;
    return UNICODE_NAME.exec(text)?.[0];
  }
  return m[0];
}

function columnOf(text: string, lineStart: number, at: number): number {
  let col = 0;
  for (let k = lineStart; k < at; k++) col = text[k] === '\t' ? (Math.floor(col / 8) + 1) * 8 : col + 1;
  return col;
}

/** Splits tokens at a top-level operator (outside brackets). */
function splitTop(tokens: Token[], op: string): Token[][] {
  const parts: Token[][] = [[]];
  let depth = 0;
  for (const t of tokens) {
    if (t.type === 'op' && '([{'.includes(t.text)) depth++;
    if (t.type === 'op' && ')]}'.includes(t.text)) depth--;
    if (depth === 0 && t.type === 'op' && t.text === op) parts.push([]);
    else parts.at(-1)!.push(t);
  }
  return parts;
}

interface Assignment {
  name: string;
  at: number;
  rhs: Token[];
}

/** The module-level assignments of every logical line, in order. */
function moduleAssignments(lines: Line[]): Assignment[] {
  const out: Assignment[] = [];
  const blocks: { indent: number; transparent: boolean }[] = [];
  for (const line of lines) {
    while (blocks.length && blocks.at(-1)!.indent >= line.indent) blocks.pop();
    const atModuleLevel = blocks.every((b) => b.transparent);
    const first = line.tokens[0]!;
    let statement = line.tokens;
    if (first.type === 'name' && COMPOUND.has(first.text)) {
      const colon = line.tokens.findIndex((t, k) => t.type === 'op' && t.text === ':' && depthBefore(line.tokens, k) === 0);
      if (colon === -1) continue;
      const transparent = TRANSPARENT.has(first.text);
      blocks.push({ indent: line.indent, transparent });
      // A one-line compound statement (`if x: VERSION = "1"`) carries its body after the colon.
      statement = transparent && atModuleLevel ? line.tokens.slice(colon + 1) : [];
    } else if (!atModuleLevel) continue;
    for (const simple of splitTop(statement, ';')) {
      const parts = splitTop(simple, '=');
      if (parts.length < 2) continue;
      const rhs = parts.at(-1)!;
      for (const target of parts.slice(0, -1)) {
        const name = target[0];
        const annotated = target.length > 1 && target[1]!.text === ':' && parts.length === 2;
        if (name?.type === 'name' && (target.length === 1 || annotated)) out.push({ name: name.text, at: name.start, rhs });
      }
    }
  }
  return out;
}

function depthBefore(tokens: Token[], k: number): number {
  let depth = 0;
  for (let j = 0; j < k; j++) {
    if ('([{'.includes(tokens[j]!.text) && tokens[j]!.type === 'op') depth++;
    if (')]}'.includes(tokens[j]!.text) && tokens[j]!.type === 'op') depth--;
  }
  return depth;
}

type Classified = { hit: VersionHit } | { lookup: RuntimeLookup } | { what: string };

function classify(rhs: Token[], text: string): Classified {
  let tokens = rhs;
  while (tokens.length >= 2 && tokens[0]!.text === '(' && tokens.at(-1)!.text === ')' && depthBefore(tokens, tokens.length - 1) === 1 && closesAtEnd(tokens)) tokens = tokens.slice(1, -1);
  const [first] = tokens;
  if (tokens.length === 1 && first!.type === 'string') {
    if (first!.prefix!.includes('f')) return { what: 'an f-string' };
    if (first!.prefix!.includes('b')) return { what: 'a bytes literal' };
    const value = text.slice(first!.contentStart, first!.contentEnd);
    if (value.includes('\\') || value.includes('\n')) return { what: 'a string with escapes or line breaks' };
    return { hit: { value, start: first!.contentStart!, end: first!.contentEnd! } };
  }
  if (tokens.length > 1 && tokens.every((t) => t.type === 'string')) return { what: 'several concatenated strings' };
  const open = tokens.findIndex((t) => t.text === '(');
  if (open > 0 && tokens.at(-1)!.text === ')') {
    const callee = tokens.slice(0, open).map((t) => t.text).join('');
    const args = tokens.slice(open + 1, -1).filter((t, k, all) => !(t.text === ',' && k === all.length - 1));
    const arg = args[0];
    if (LOOKUPS.has(callee) && args.length === 1 && arg!.type === 'string' && !/[fb]/.test(arg!.prefix!))
      return { lookup: { distribution: text.slice(arg!.contentStart, arg!.contentEnd), start: arg!.contentStart!, end: arg!.contentEnd! } };
    return { what: /^[\w.]+$/.test(callee) ? `${callee}()` : 'a call' };
  }
  if (tokens.length === 1 && first!.type === 'name') return { what: `the name ${first!.text}` };
  return { what: 'an expression' };
}

function closesAtEnd(tokens: Token[]): boolean {
  let depth = 0;
  for (let k = 0; k < tokens.length; k++) {
    if ('([{'.includes(tokens[k]!.text) && tokens[k]!.type === 'op') depth++;
    if (')]}'.includes(tokens[k]!.text) && tokens[k]!.type === 'op') depth--;
    if (depth === 0 && k < tokens.length - 1) return false;
  }
  return true;
}

export const locatePythonVersion: Locator = (text, options) => {
  const { lines, error } = tokenize(text);
  const assignments = moduleAssignments(lines);
  const candidates = options.variable ? [options.variable] : DEFAULT_VARIABLES;
  const firstOf = (name: string) => assignments.find((a) => a.name === name)?.at ?? Infinity;
  const variable = options.variable ?? [...candidates].sort((a, b) => firstOf(a) - firstOf(b)).find((c) => firstOf(c) < Infinity);
  const label = variable ?? '__version__';
  const located: Located = { hits: [], lookups: [], problems: error ? [error] : [], label };
  for (const a of assignments.filter((x) => x.name === variable)) {
    const c = classify(a.rhs, text);
    if ('hit' in c) located.hits.push(c.hit);
    else if ('lookup' in c) located.lookups.push(c.lookup);
    else
      located.problems.push({
        kind: 'uncheckable',
        message: `${label} is assigned from ${c.what}, which cannot be checked; assign a string literal, or importlib.metadata.version("<distribution>")`,
        offset: a.at,
      });
  }
  if (!error && located.hits.length === 0 && located.lookups.length === 0 && located.problems.length === 0) {
    const names = options.variable ?? `${DEFAULT_VARIABLES.slice(0, -1).join(', ')} or ${DEFAULT_VARIABLES.at(-1)}`;
    located.problems.push({ kind: 'not-found', message: `no module-level assignment to ${names}` });
  }
  return located;
};
