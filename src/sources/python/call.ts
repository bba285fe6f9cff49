// A keyword argument of a module-level call, as setup.py states it: `setup(name="x", version="1.2.0")`.
// A name passed there (`version=__version__`) is followed to its module-level bindings.
import { excerpt } from '../excerpt.js';
import type { Located, Locator } from '../types.js';
import { bindings } from './bindings.js';
import { classify } from './classify.js';
import { readPython, resolveBindings } from './locate.js';
import { isOp, matchingClose, topLevel, type Token } from './tokens.js';

/** The argument tokens of every module-level statement that is a call of `call` (or `<module>.<call>`). */
function callArguments(statements: Token[][], call: string): Token[][] {
  const out: Token[][] = [];
  for (const t of statements) {
    let k = 0;
    while (t[k]?.kind === 'name' && isOp(t[k + 1], '.')) k += 2;
    const callee = t
      .slice(0, k + 1)
      .map((x) => x.text)
      .join('');
    if (t[k]?.kind !== 'name' || !isOp(t[k + 1], '(') || matchingClose(t, k + 1) !== t.length - 1) continue;
    if (callee === call || callee.endsWith(`.${call}`)) out.push(t.slice(k + 2, -1));
  }
  return out;
}

export const locateCallArgument: Locator<{ call: string; keyword?: string }> = (text, options) => {
  const call = options.call;
  const keyword = options.keyword ?? 'version';
  const label = `${call}(${keyword}=…)`;
  const { statements, lineOf, error } = readPython(text);
  const located: Located = { hits: [], lookups: [], problems: error ? [error] : [], label };
  const straight = statements.filter((s) => s.straight && !s.header).map((s) => s.tokens);
  for (const args of callArguments(straight, call)) {
    let from = 0;
    for (const comma of [...topLevel(args, ','), args.length]) {
      const arg = args.slice(from, comma);
      from = comma + 1;
      if (arg[0]?.kind !== 'name' || arg[0].text !== keyword || !isOp(arg[1], '=')) continue;
      const value = arg.slice(2);
      const c = classify(value, text);
      if ('hit' in c) located.hits.push(c.hit);
      else if ('lookup' in c) located.lookups.push(c.lookup);
      else if (value.length === 1 && value[0]!.kind === 'name') {
        // version=__version__: the literal that name is given at module level is the version.
        const name = value[0]!.id!;
        const resolved = resolveBindings(bindings(statements, [name]), name, text, lineOf);
        const literals = resolved.hits;
        if (literals.length) located.hits.push(...literals);
        else
          located.problems.push({
            kind: 'uncheckable',
            message: `${label} passes ${excerpt(value[0]!.text)}, which has no module-level string literal at line ${lineOf(value[0]!.start)}`,
            offset: value[0]!.start,
          });
        if (literals.length) located.problems.push(...resolved.rebound);
      } else
        located.problems.push({
          kind: 'uncheckable',
          message: `${label} is ${c.what} at line ${lineOf(arg[0].start)}, which cannot be checked; pass a string literal`,
          offset: arg[0].start,
        });
    }
  }
  if (!error && located.hits.length === 0 && located.lookups.length === 0 && located.problems.length === 0)
    located.problems.push({ kind: 'not-found', message: `no module-level ${call}(…) call with a ${keyword}= argument` });
  return located;
};
