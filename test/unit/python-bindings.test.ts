// Every way a module can bind __version__ besides `__version__ = "…"`, with Python itself saying
// what the module's __version__ is after import: the reader counts it as Python does (its last
// literal is that value) or says the source cannot be checked; it never reports only the old literal.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { locatePythonVersion } from '../../src/sources/python/locate.js';
import { needs } from '../helpers/env.js';
import { importedVersions, OLD, PYTHON, REBINDINGS } from '../helpers/python-rebindings.js';

describe('a rebinding of __version__ that Python sees', () => {
  it.runIf(needs(existsSync(PYTHON), 'the Python oracle', 'apt-get install python3'))(
    'is counted as Python counts it, or makes the source not checkable',
    () => {
      const effective = importedVersions(REBINDINGS.map(([, text]) => text));
      REBINDINGS.forEach(([what, text], i) => {
        // The attack is real: Python does not end with the literal.
        expect([what, effective[i]]).not.toEqual([what, '1.0.0']);
        const located = locatePythonVersion(text, {});
        const uncheckable = located.problems.filter((p) => p.kind === 'uncheckable');
        const countedAsPython = located.hits.at(-1)?.value === effective[i];
        expect([what, uncheckable.length > 0 || countedAsPython]).toEqual([what, true]);
        // The warning points at the binding.
        for (const p of uncheckable) expect(text.slice(p.offset).startsWith('__') || /^["'(]/.test(text.slice(p.offset))).toBe(true);
      });
    },
  );

  it.each([
    ['a star import after it', `${OLD}from os.path import *\n`, 'a star import (from … import *)'],
    ['a type alias (Python 3.12)', `${OLD}type __version__ = str\n`, 'a type alias'],
  ])('%s makes the source not checkable', (_what, text, how) => {
    expect(locatePythonVersion(text, {}).problems).toEqual([
      expect.objectContaining({ kind: 'uncheckable', message: expect.stringContaining(`also bound by ${how} at line 2`) }),
    ]);
  });

  it.each([
    ['a later literal', 'for __version__ in ["9"]:\n    pass\nimport json as __version__\n__version__ = "1.0.0"\n'],
    [
      'a later literal in both branches of a try',
      'from json import __version__\ntry:\n    __version__ = version("x")\nexcept Exception:\n    __version__ = "1.0.0"\n',
    ],
    ['attribute and subscript targets', `${OLD}obj.__version__ = "9"\nd[__version__] = 1\nd[__version__] += 1\nf(__version__=2)\n`],
    ['names in a function body', `${OLD}def f(__version__="9"):\n    __version__ = "9"\n    for __version__ in x: pass\n    import json as __version__\n`],
    ['a class body', `${OLD}class C:\n    __version__ = "9"\n    (__version__ := 1)\n`],
    ['a match value pattern and keyword', `${OLD}match x:\n    case C(__version__=1) | m.__version__:\n        pass\n`],
    ['__all__ naming it', `${OLD}__all__ = ["__version__"]\n`],
  ])('%s: everything before is overridden or nothing is rebound, so the literal stands', (_what, text) => {
    const located = locatePythonVersion(text, {});
    expect(located.problems).toEqual([]);
    expect(located.hits.map((h) => h.value).at(-1)).toBe('1.0.0');
  });

  it('reads a fullwidth NFKC name as the variable, with the range of its literal', () => {
    const text = '__ｖersion__ = "2.0.0"\n';
    expect(locatePythonVersion(text, {})).toMatchObject({ hits: [{ value: '2.0.0', start: text.indexOf('2.0.0') }], problems: [], label: '__version__' });
    expect(locatePythonVersion(text, { variable: '__version__' }).hits).toHaveLength(1);
  });

  it('makes a source whose only binding is not an assignment not checkable, instead of not found', () => {
    expect(locatePythonVersion('from ._version import version as __version__\n', {}).problems).toEqual([
      { kind: 'uncheckable', message: expect.stringMatching(/^__version__ is also bound by an import at line 1,/), offset: 33 },
    ]);
  });
});
