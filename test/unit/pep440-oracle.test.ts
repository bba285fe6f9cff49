// The PEP 440 scheme against Python's own `packaging` (Debian's python3-packaging): validity,
// normalization and ordering of generated versions, one Python process per batch of versions.
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { needs } from '../helpers/env.js';
import { pep440 } from '../../src/version/pep440.js';
import { semver } from '../../src/version/semver.js';
import { canonical, spelling } from '../../src/version/scheme.js';

const PYTHON = process.env.HEIMDALL_TEST_PYTHON ?? '/usr/bin/python3';
const ORACLE = `
import json, sys
from packaging.version import InvalidVersion, Version
def read(s):
    try:
        return Version(s)
    except InvalidVersion:
        return None
vs = [read(s) for s in json.load(sys.stdin)]
valid = [v for v in vs if v is not None]
rank = [None if v is None else sum(1 for w in valid if w < v) for v in vs]
json.dump({"normal": [None if v is None else str(v) for v in vs], "rank": rank}, sys.stdout)
`;
const hasPackaging = needs(
  spawnSync(PYTHON, ['-c', 'import packaging.version'], { stdio: 'ignore' }).status === 0,
  `the PEP 440 oracle (pep440-oracle.test.ts): ${PYTHON} lacks packaging`,
  'apt-get install python3-packaging',
);

function oracle(versions: string[]): { normal: (string | null)[]; rank: (number | null)[] } {
  const res = spawnSync(PYTHON, ['-c', ORACLE], { input: JSON.stringify(versions), encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`python failed: ${res.stderr}`);
  return JSON.parse(res.stdout);
}

// Numbers stay below 2^53: JavaScript numbers hold them exactly (Python's ints have no limit).
const num = fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 1e7 })).map(String);
const padded = fc.tuple(fc.constantFrom('', '', '', '0', '00'), num).map(([z, n]) => z + n);
const sep = fc.constantFrom('', '', '.', '-', '_');
const word = (words: string[]) => fc.constantFrom(...words).chain((w) => fc.constantFrom(w, w.toUpperCase(), w[0]!.toUpperCase() + w.slice(1)));
const opt = <T extends string>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: '' });
const pre = fc.tuple(sep, word(['a', 'b', 'c', 'rc', 'alpha', 'beta', 'pre', 'preview']), sep, opt(padded)).map((p) => p.join(''));
const post = fc.oneof(
  padded.map((n) => `-${n}`),
  fc.tuple(sep, word(['post', 'rev', 'r']), sep, opt(padded)).map((p) => p.join('')),
);
const dev = fc.tuple(sep, word(['dev']), sep, opt(padded)).map((p) => p.join(''));
const localPart = fc.oneof(padded, fc.stringMatching(/^[a-zA-Z0-9]{1,6}$/), fc.constantFrom('0x1', '1e3', 'abc', 'ubuntu'));
const local = fc
  .array(localPart, { minLength: 1, maxLength: 3 })
  .chain((parts) =>
    fc
      .array(fc.constantFrom('.', '-', '_'), { minLength: parts.length - 1, maxLength: parts.length - 1 })
      .map((seps) => `+${parts.map((p, i) => (i ? seps[i - 1] : '') + p).join('')}`),
  );
const wellFormed = fc
  .tuple(
    opt(fc.constantFrom('v', 'V')),
    opt(num.map((n) => `${n}!`)),
    fc.array(padded, { minLength: 1, maxLength: 5 }).map((r) => r.join('.')),
    opt(pre),
    opt(post),
    opt(dev),
    opt(local),
  )
  .map((parts) => parts.join(''));
// Versions of one release, so that pre, post, dev and local parts decide the order.
const half = <T extends string>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: '', freq: 2 });
const family = fc.tuple(fc.constantFrom('1', '1.0', '1.0.0', '01.0'), half(pre), half(post), half(dev), half(local)).map((parts) => parts.join(''));
// Near misses: a well-formed version with a character inserted, removed or replaced.
const mutated = fc.tuple(wellFormed, fc.nat(), fc.constantFrom('', '.', '-', '+', '!', '_', 'x', 'a', ' ', '..', '++', '0')).map(([v, at, c]) => {
  const i = at % (v.length + 1);
  return v.slice(0, i) + c + v.slice(i + (at % 2));
});
// A mutation can join two numbers into one above 2^53, which JavaScript (and so the library) cannot hold exactly.
const exact = (v: string) => !/\d{16,}/.test(v);
const versions = fc.array(fc.oneof({ arbitrary: wellFormed, weight: 3 }, { arbitrary: family, weight: 2 }, { arbitrary: mutated.filter(exact), weight: 2 }), {
  minLength: 20,
  maxLength: 200,
});

describe.skipIf(!hasPackaging)('PEP 440 as packaging reads it', () => {
  it('agrees on validity, normal form and order', () => {
    fc.assert(
      fc.property(versions, (vs) => {
        const py = oracle(vs);
        const valid = vs.filter((v) => pep440.valid(v));
        // Every disagreement at once, so that a failure shows them without shrinking (each step runs Python).
        const wrong = vs.flatMap((v, i): object[] => {
          const normal = py.normal[i];
          if (pep440.valid(v) !== (normal !== null)) return [{ v, valid: pep440.valid(v), python: normal }];
          if (normal !== null && canonical(pep440, v) !== normal) return [{ v, normal: canonical(pep440, v), python: normal }];
          // Each version's rank among the valid ones: every pair is compared.
          const rank = normal === null ? null : valid.filter((w) => pep440.compare(w, v) < 0).length;
          if (rank !== py.rank[i]) return [{ v, rank, python: py.rank[i], among: valid }];
          return [];
        });
        expect(wrong).toEqual([]);
      }),
      { numRuns: 25, endOnFailure: true },
    );
  });

  it('gives a SemVer version the meaning Python gives it, when it has one', () => {
    const semverish = fc
      .tuple(
        num,
        num,
        num,
        opt(fc.tuple(word(['alpha', 'beta', 'rc', 'a', 'b', 'dev']), fc.constantFrom('', '.'), num).map(([w, s, n]) => `-${w}${s}${n}`)),
        opt(fc.stringMatching(/^\+[a-z0-9]{1,4}(\.[a-z0-9]{1,4}){0,2}$/)),
      )
      .map(([a, b, c, p, l]) => `${a}.${b}.${c}${p}${l}`);
    fc.assert(
      fc.property(fc.array(semverish, { minLength: 20, maxLength: 100 }), (vs) => {
        const py = oracle(vs);
        vs.forEach((v, i) => {
          const meaning = semver.parse(v);
          if (meaning) expect({ v, python: spelling(pep440, meaning) }).toEqual({ v, python: py.normal[i] });
        });
      }),
      { numRuns: 10, endOnFailure: true },
    );
  });
});
