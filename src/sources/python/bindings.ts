// Every way a Python module binds or unbinds a name at import, as Python resolves names (NFKC):
// plain assignments, whose value can be read, and every other form, which cannot.
import type { Statement } from './statements.js';
import { identifier, isOp, isWord, topLevel, type Token } from './tokens.js';

// Names through which a string names a module variable: `globals()["N"] = v`, `setattr(module, "N", v)`.
const DYNAMIC = new Set(['globals', 'vars', 'locals', 'setattr', 'delattr', '__dict__']);
const AUGMENTED = new Set(['+=', '-=', '*=', '/=', '//=', '%=', '**=', '@=', '&=', '|=', '^=', '>>=', '<<=']);

export interface Binding {
  name: string;
  /** Offset of the name where it is bound. */
  at: number;
  /** A plain assignment (`N = v`, `N: T = v`, `A = N = v`, `(N) = v`): the value's tokens. */
  rhs?: Token[];
  /** Any other binding, in words for a message: "an augmented assignment (+=)", "a for loop", … */
  how?: string;
  /** It may run after any later assignment (a function's `global` or `globals()[…]`, run when called). */
  late?: boolean;
}

/** Name tokens a target list binds in tokens[from, to): `a`, `(a, b)`, `[a, *b]`, not `a.b`, `a[b]` or `f(a)`. */
function targetNames(tokens: Token[], from: number, to: number): Token[] {
  const out: Token[] = [];
  // One entry per open bracket: whether it groups targets (rather than being a call, subscript or display).
  const groups: boolean[] = [];
  let plain = 0;
  const starts = (k: number) => k === from || ['(', '[', ',', '*'].some((op) => isOp(tokens[k - 1], op));
  for (let k = from; k < to; k++) {
    const t = tokens[k]!;
    if (isOp(t, '(') || isOp(t, '[') || isOp(t, '{')) {
      const grouping = t.text !== '{' && starts(k);
      groups.push(grouping);
      if (!grouping) plain++;
    } else if (isOp(t, ')') || isOp(t, ']') || isOp(t, '}')) {
      if (groups.pop() === false) plain--;
    } else if (t.kind === 'name' && plain === 0 && starts(k)) {
      const next = tokens[k + 1];
      if (k + 1 === to || isOp(next, ',') || isOp(next, ')') || isOp(next, ']')) out.push(t);
    }
  }
  return out;
}

/** The single name of a target, also in parentheses (`(N)`), or undefined. */
function soleName(tokens: Token[], from: number, to: number): Token | undefined {
  while (to - from > 2 && isOp(tokens[from], '(') && isOp(tokens[to - 1], ')')) [from, to] = [from + 1, to - 1];
  return to - from === 1 && tokens[from]!.kind === 'name' ? tokens[from] : undefined;
}

/** What one statement binds, of the names in `names`. */
function bindingsOf(s: Statement, names: Set<string>, lengths: Set<number>, out: Binding[]): void {
  const t = s.tokens;
  if (!t.some((x) => mentions(x, names, lengths)) && !(isWord(t[0], 'from') && isOp(t.at(-1), '*'))) return;
  const add = (name: Token | undefined, how?: string, rhs?: Token[]) => {
    if (name?.kind === 'name' && names.has(name.id!)) out.push({ name: name.id!, at: name.start, how, rhs });
  };
  const addAll = (found: Token[], how: string) => {
    for (const n of found) add(n, how);
  };
  // `global N` in a function or class body: any call of it may rebind the module's N.
  if (isWord(t[0], 'global')) {
    if (s.nested)
      for (const n of t.slice(1))
        if (n.kind === 'name' && names.has(n.id!)) out.push({ name: n.id!, at: n.start, how: 'a global statement in a function', late: true });
    return;
  }
  if ((s.module || s.nested) && t.some((x) => x.kind === 'name' && DYNAMIC.has(x.text))) {
    for (const x of t) {
      const named = x.kind === 'string' ? x.text.slice(x.contentStart! - x.start, x.contentEnd! - x.start) : undefined;
      if (named !== undefined && names.has(named)) out.push({ name: named, at: x.start, how: 'a dynamic assignment (globals(), setattr())', late: true });
    }
  }
  if (!s.module) return;
  // An assignment expression binds in the module wherever it stands at module level (conditions, comprehensions, defaults).
  for (let k = 0; k + 1 < t.length; k++) if (isOp(t[k + 1], ':=')) add(t[k], 'an assignment expression (:=)');
  const first = t[0];
  switch (s.header) {
    case 'def':
    case 'class':
      add(t[isWord(first, 'async') ? 2 : 1], `a ${s.header} statement`);
      return;
    case 'for': {
      const from = isWord(first, 'async') ? 2 : 1;
      const inAt = t.findIndex((x, k) => k >= from && isWord(x, 'in'));
      addAll(targetNames(t, from, inAt === -1 ? t.length : inAt), 'a for loop');
      return;
    }
    case 'with':
      for (let k = 0; k < t.length; k++) {
        if (!isWord(t[k], 'as')) continue;
        let end = k + 1;
        for (let depth = 0; end < t.length; end++) {
          if (isOp(t[end], '(') || isOp(t[end], '[')) depth++;
          else if (isOp(t[end], ')') || isOp(t[end], ']')) {
            if (depth-- === 0) break;
          } else if (depth === 0 && isOp(t[end], ',')) break;
        }
        addAll(targetNames(t, k + 1, end), 'a with statement (as)');
      }
      return;
    case 'except': {
      const as = t.findIndex((x) => isWord(x, 'as'));
      if (as !== -1) add(t[as + 1], 'an except clause (as), which also deletes it after the clause');
      return;
    }
    case 'case': {
      // A capture pattern binds any bare name; the guard after `if` binds nothing.
      const guard = t.findIndex((x, k) => k > 0 && isWord(x, 'if'));
      const end = guard === -1 ? t.length : guard;
      for (let k = 1; k < end; k++)
        if (!isOp(t[k - 1], '.') && !isOp(t[k + 1], '.') && !isOp(t[k + 1], '(') && !isOp(t[k + 1], '=')) add(t[k], 'a match pattern');
      return;
    }
  }
  if (s.header) return;
  if (isWord(first, 'import')) {
    for (const item of split(t, 1, t.length)) add(imported(item), 'an import');
    return;
  }
  if (isWord(first, 'from')) {
    const imp = t.findIndex((x) => isWord(x, 'import'));
    if (isOp(t[imp + 1], '*')) {
      for (const name of names) out.push({ name, at: t[imp + 1]!.start, how: 'a star import (from … import *)' });
      return;
    }
    const [from, to] = isOp(t[imp + 1], '(') ? [imp + 2, t.length - 1] : [imp + 1, t.length];
    for (const item of split(t, from, to)) add(imported(item), 'an import');
    return;
  }
  if (isWord(first, 'del')) {
    for (const item of split(t, 1, t.length)) addAll(targetNames(item, 0, item.length), 'a del statement');
    return;
  }
  // `type N = …` (Python 3.12): `type` is a keyword only there.
  if (isWord(first, 'type') && t[1]?.kind === 'name' && topLevel(t, '=').length) {
    add(t[1], 'a type alias');
    return;
  }
  const augmented = t.findIndex((x) => x.kind === 'op' && AUGMENTED.has(x.text));
  if (augmented !== -1 && topLevel(t, t[augmented]!.text).length) {
    add(soleName(t, 0, augmented), `an augmented assignment (${t[augmented]!.text})`);
    return;
  }
  const eqs = topLevel(t, '=');
  if (!eqs.length) return;
  const rhs = t.slice(eqs.at(-1)! + 1);
  let target = 0;
  for (const eq of eqs) {
    // `N: T = v` (one target with an annotation) is a plain assignment too.
    const annotated = eqs.length === 1 ? topLevel(t, ':', 0, eq)[0] : undefined;
    const sole = soleName(t, target, annotated ?? eq);
    if (sole) add(sole, s.straight ? undefined : 'an assignment in a for, while, with or match block', s.straight ? rhs : undefined);
    else addAll(targetNames(t, target, eq), 'an assignment to several targets');
    target = eq + 1;
  }
}

/** The name an import item binds: its alias, or its first component (`import a.b` binds `a`). */
function imported(item: Token[]): Token | undefined {
  const as = item.findIndex((x) => isWord(x, 'as'));
  return as === -1 ? item[0] : item[as + 1];
}

/** Whether a token names one of `names`: as a name, or as a string's whole content (`globals()["N"]`). */
function mentions(t: Token, names: Set<string>, lengths: Set<number>): boolean {
  if (t.kind === 'name') return names.has(t.id!);
  if (t.kind !== 'string' || !lengths.has(t.contentEnd! - t.contentStart!)) return false;
  return names.has(t.text.slice(t.contentStart! - t.start, t.contentEnd! - t.start));
}

/** Comma-separated items of tokens[from, to), outside brackets. */
function split(tokens: Token[], from: number, to: number): Token[][] {
  const items: Token[][] = [];
  for (const comma of [...topLevel(tokens, ',', from, to), to]) {
    if (comma > from) items.push(tokens.slice(from, comma));
    from = comma + 1;
  }
  return items;
}

/** Every binding of `names` (identifiers, NFKC) in the statements, in order. */
export function bindings(statements: Statement[], names: Iterable<string>): Binding[] {
  const wanted = new Set([...names].map(identifier));
  const lengths = new Set([...wanted].map((n) => n.length));
  const out: Binding[] = [];
  for (const s of statements) bindingsOf(s, wanted, lengths, out);
  return out;
}
