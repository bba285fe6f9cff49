// What an assigned value is: a string literal to check and rewrite, a metadata lookup of a
// distribution, or something else that cannot be checked (named for the message).
import { excerpt } from '../excerpt.js';
import type { RuntimeLookup, VersionHit } from '../types.js';
import { isOp, matchingClose, type Token } from './tokens.js';

const LOOKUPS = new Set(['version', 'metadata.version', 'importlib.metadata.version', 'importlib_metadata.version']);

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

/** The value without the parentheses around all of it; one pass, however deep they are. */
function unwrapped(rhs: Token[]): Token[] {
  let [from, to] = [0, rhs.length];
  if (!isOp(rhs[0], '(')) return rhs;
  // Where each bracket closes, from one stack.
  const closer = new Map<number, number>();
  const stack: number[] = [];
  rhs.forEach((t, k) => {
    if (isOp(t, '(') || isOp(t, '[') || isOp(t, '{')) stack.push(k);
    else if (isOp(t, ')') || isOp(t, ']') || isOp(t, '}')) closer.set(stack.pop() ?? -1, k);
  });
  while (to - from > 1 && isOp(rhs[from], '(') && closer.get(from) === to - 1) [from, to] = [from + 1, to - 1];
  return rhs.slice(from, to);
}

export function classify(rhs: Token[], text: string): Classified {
  const t = unwrapped(rhs);
  const first = t[0];
  if (t.length === 1 && first!.kind === 'string') {
    const flaw = stringFlaw(first!, text);
    return flaw ? { what: flaw } : { hit: { value: text.slice(first!.contentStart, first!.contentEnd), start: first!.contentStart!, end: first!.contentEnd! } };
  }
  if (t.length > 1 && t.every((x) => x.kind === 'string')) return { what: 'several concatenated strings' };
  if (t.length === 1 && first!.kind === 'number') return { what: 'a number' };
  if (t.length === 1 && first!.kind === 'name') return { what: `the name ${excerpt(first!.text)}` };
  // A call of a dotted name whose parentheses close at the end: `importlib.metadata.version("x")`.
  let open = 0;
  while (t[open]?.kind === 'name' && isOp(t[open + 1], '.')) open += 2;
  if (t[open]?.kind === 'name' && isOp(t[open + 1], '(') && matchingClose(t, open + 1) === t.length - 1) {
    const callee = t
      .slice(0, open + 1)
      .map((x) => x.id ?? x.text)
      .join('');
    const args = t.slice(open + 2, -1);
    if (isOp(args.at(-1), ',')) args.pop();
    const arg = args[0];
    if (LOOKUPS.has(callee) && args.length === 1 && arg!.kind === 'string' && !stringFlaw(arg!, text))
      return { lookup: { distribution: text.slice(arg!.contentStart, arg!.contentEnd), start: arg!.contentStart!, end: arg!.contentEnd! } };
    return { what: `${excerpt(callee)}()` };
  }
  return { what: 'an expression' };
}
