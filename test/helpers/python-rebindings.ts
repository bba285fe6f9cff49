// Every way a module can bind __version__ besides `__version__ = "…"` (each after a literal 1.0.0,
// each leaving another value or none), and Python itself as the oracle of what import leaves.
import { spawnSync } from 'node:child_process';

export const PYTHON = process.env.HEIMDALL_TEST_PYTHON ?? '/usr/bin/python3';

/** What Python's import leaves in __version__ for each module text (repr, or "<unbound>"). */
export function importedVersions(texts: string[]): string[] {
  const script = `
import json, sys, types
out = []
for text in json.load(sys.stdin):
    module = sys.modules['m'] = types.ModuleType('m')
    exec(compile(text, 'm.py', 'exec'), module.__dict__)
    v = module.__dict__.get('__version__', '<unbound>')
    out.append(v if isinstance(v, str) else '<not a string>')
json.dump(out, sys.stdout)
`;
  const res = spawnSync(PYTHON, ['-c', script], { input: JSON.stringify(texts), encoding: 'utf8' });
  if (res.stderr) throw new Error(res.stderr);
  return JSON.parse(res.stdout) as string[];
}

export const OLD = '__version__ = "1.0.0"\n';
/** Each form, after a literal 1.0.0, leaves another value (or none) in __version__. */
export const REBINDINGS: [string, string][] = [
  ['an augmented assignment', `${OLD}__version__ += ".post1"\n`],
  ['an NFKC-equivalent name', `${OLD}__ｖersion__ = "9.9.9"\n`],
  ['a fullwidth name in a chain', `${OLD}x = __ｖｅｒｓｉｏｎ__ = "9.9.9"\n`],
  ['a for target', `${OLD}for __version__ in ["9.9.9"]:\n    pass\n`],
  ['a for target in a tuple', `${OLD}for i, __version__ in enumerate(["9.9.9"]):\n    pass\n`],
  ['a with target', `import contextlib\n${OLD}with contextlib.nullcontext("9.9.9") as __version__:\n    pass\n`],
  ['a parenthesised with target', `import contextlib\n${OLD}with (contextlib.nullcontext("9.9.9") as __version__, contextlib.nullcontext() as y):\n    pass\n`],
  ['an import as', `${OLD}import json as __version__\n`],
  ['a from import', `${OLD}from json import __version__\n`],
  ['a from import as', `${OLD}from json import (\n    loads,\n    __version__ as __version__,\n)\n`],
  ['a def', `${OLD}def __version__():\n    return "9.9.9"\n`],
  ['an async def', `${OLD}async def __version__():\n    return "9.9.9"\n`],
  ['a class', `${OLD}class __version__:\n    pass\n`],
  ['a tuple target', `${OLD}__version__, x = "9.9.9", 1\n`],
  ['a starred target', `${OLD}x, *__version__ = "1", "9.9.9"\n`],
  ['a parenthesised target', `${OLD}(__version__) = "9.9.9"\n`],
  ['a list target', `${OLD}[__version__] = ["9.9.9"]\n`],
  ['a nested target', `${OLD}(a, [__version__, b]) = (1, ["9.9.9", 2])\n`],
  ['a walrus in a condition', `${OLD}if (__version__ := "9.9.9"):\n    pass\n`],
  ['a walrus in a comprehension', `${OLD}_ = [(__version__ := v) for v in ["9.9.9"]]\n`],
  ['a walrus in a default argument', `${OLD}def f(x=(__version__ := "9.9.9")):\n    pass\n`],
  ['a global in a function', `${OLD}def f():\n    global __version__\n    __version__ = "9.9.9"\nf()\n`],
  ['a global in a function defined first', `def f():\n    global x, __version__\n    __version__ = "9.9.9"\n${OLD}f()\n`],
  ['globals()', `${OLD}globals()["__version__"] = "9.9.9"\n`],
  ['setattr on the module', `import sys\n${OLD}setattr(sys.modules[__name__], '__version__', "9.9.9")\n`],
  ['a del', `${OLD}del __version__\n`],
  ['a del of a tuple', `${OLD}x = 1\ndel (x, __version__)\n`],
  ['an annotated assignment', `${OLD}__version__: str = "9.9.9"\n`],
  ['an except as', `${OLD}try:\n    raise ValueError\nexcept ValueError as __version__:\n    pass\n`],
  ['a match capture', `${OLD}match "9.9.9":\n    case __version__:\n        pass\n`],
  ['a match class pattern', `${OLD}match 1, "9.9.9":\n    case (1, str(__version__)):\n        pass\n`],
  ['an assignment in a with body', `import contextlib\n${OLD}with contextlib.nullcontext():\n    __version__ = "9.9.9"\n`],
  ['an assignment in a for body', `${OLD}for _ in range(1):\n    __version__ = "9.9.9"\n`],
  ['an assignment in a while body', `${OLD}while True:\n    __version__ = "9.9.9"\n    break\n`],
  ['a one-line for body', `${OLD}for _ in [1]: __version__ = "9.9.9"\n`],
  ['a semicolon after the literal', `${OLD.trimEnd()}; __version__ += "1"\n`],
];
