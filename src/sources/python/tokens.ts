// Python tokens and the small helpers every later stage walks them with; the leaf of the python reader.

export interface Token {
  kind: 'name' | 'string' | 'number' | 'op';
  /** As written: keywords are matched on this (Python does not normalize them). */
  text: string;
  start: number;
  end: number;
  /** Names only: the identifier as Python compares it, NFKC-normalized (`__ｖersion__` is `__version__`). */
  id?: string;
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
export const opens = (t: Token | undefined): boolean => t?.kind === 'op' && (t.text === '(' || t.text === '[' || t.text === '{');
export const closes = (t: Token | undefined): boolean => t?.kind === 'op' && (t.text === ')' || t.text === ']' || t.text === '}');
/** A keyword or soft keyword, as written. */
export const isWord = (t: Token | undefined, word: string): boolean => t?.kind === 'name' && t.text === word;

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

/** A name as Python compares identifiers: NFKC-normalized. */
export const identifier = (name: string): string => (/^\w*$/.test(name) ? name : name.normalize('NFKC'));
