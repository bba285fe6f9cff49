// Python's tokens and logical lines, as its tokenizer makes them: strings, comments, brackets and
// line joins, and the indentation errors Python itself refuses. Linear in the text, whatever it holds.
import type { SourceProblem } from '../types.js';
import { closes, identifier, opens, type Line, type Token } from './tokens.js';

const OPS = [
  '**=',
  '//=',
  '>>=',
  '<<=',
  '...',
  '->',
  ':=',
  '==',
  '!=',
  '<=',
  '>=',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '&=',
  '|=',
  '^=',
  '@=',
  '**',
  '//',
  '<<',
  '>>',
];
const SINGLE_OPS = '()[]{},;~';
const STRING_PREFIX = /^(?:[rubft]|br|rb|fr|rf|tr|rt)$/i;
const NUMBER = /[0-9.][0-9A-Za-z_.]*/y;
const ASCII_NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
// Made on first use: parsing its Unicode classes costs a check that meets only ASCII names 0.4 ms.
let unicodeName: RegExp | undefined;
const UNICODE_NAME = () => (unicodeName ??= /[\p{L}\p{Nl}_][\p{L}\p{N}\p{Mn}\p{Mc}_]*/uy);
// Python's tokenizer refuses brackets nested deeper than this (MAXLEVEL).
const MAX_NESTING = 200;

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** 1-based line numbers of offsets, in any order. */
export function lineCounter(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let [lo, hi] = [0, starts.length - 1];
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
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
        push({ kind: 'name', text: name, id: identifier(name), start: i, end: i + name.length });
        i += name.length;
      } else if (isDigit(c) || (c === '.' && isDigit(text[i + 1]))) {
        NUMBER.lastIndex = i;
        const num = NUMBER.exec(text)![0];
        push({ kind: 'number', text: num, start: i, end: i + num.length });
        i += num.length;
      } else {
        const op = SINGLE_OPS.includes(c) ? c : (OPS.find((o) => text.startsWith(o, i)) ?? c);
        const t: Token = { kind: 'op', text: op, start: i, end: i + op.length };
        if (opens(t) && brackets.push(t) > MAX_NESTING)
          return { lines: complete(), error: { kind: 'parse-error', message: `SyntaxError: too many nested parentheses (line ${lineOf(i)})`, offset: i } };
        if (closes(t)) brackets.pop();
        push(t);
        i += op.length;
      }
    }
  }
  const open = brackets[0];
  if (open)
    return { lines: complete(), error: { kind: 'parse-error', message: `'${open.text}' at line ${lineOf(open.start)} is never closed`, offset: open.start } };
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
  const re = text.charCodeAt(i) < 128 ? ASCII_NAME : UNICODE_NAME();
  re.lastIndex = i;
  const m = re.exec(text)?.[0];
  if (m && re === ASCII_NAME && text.charCodeAt(i + m.length) >= 128) {
    const unicode = UNICODE_NAME();
    unicode.lastIndex = i;
    return unicode.exec(text)?.[0];
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
