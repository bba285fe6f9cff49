// Whether a dependency's constraint lets pip pick a release of a given major or later (mcp 2, fastmcp
// 4), read clause by clause: PEP 440 specifiers and Poetry's constraints (^, ~, ||). Pure.
import type { Pin } from '../core/pins.js';

type Release = number[];

/** The release numbers of a version (`1.9.4rc1` → [1, 9, 4]; an epoch is read past); undefined when it has none. */
function releaseOf(version: string): Release | undefined {
  const m = /^\s*v?(?:\d+!)?(\d+(?:\.\d+)*)/i.exec(version);
  return m ? m[1]!.split('.').map(Number) : undefined;
}

/** Release order, shorter padded with zeros. */
function compare(a: Release, b: Release): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/** The exclusive upper release of one clause, or undefined when the clause sets none. */
function upperOf(clause: string, syntax: Pin['syntax']): { below: Release; inclusive: boolean } | undefined {
  const m = /^(~=|===|==|!=|<=|>=|<|>|\^|~|=)?\s*(.*)$/.exec(clause.trim())!;
  const op = m[1] ?? (syntax === 'poetry' ? '==' : '');
  const value = m[2]!.trim();
  if (value === '*' || value === '') return undefined;
  const release = releaseOf(value);
  // A version that is no version (=== an arbitrary string) admits nothing newer.
  if (!release) return op === '===' ? { below: [0], inclusive: false } : undefined;
  const wildcard = /\.\*$/.test(value);
  switch (op) {
    case '<':
      return { below: release, inclusive: false };
    case '<=':
      return { below: release, inclusive: true };
    case '==':
    case '===':
    case '=':
      // ==1.* stops before 2; ==1.9.4 admits 1.9.4 only.
      return wildcard ? { below: [...release.slice(0, -1), release.at(-1)! + 1], inclusive: false } : { below: release, inclusive: true };
    case '~=':
      return release.length < 2 ? undefined : { below: [...release.slice(0, -2), release.at(-2)! + 1], inclusive: false };
    case '^': {
      // Poetry: the first non-zero part may not change (^1.9 → <2, ^0.3 → <0.4).
      const first = release.findIndex((n) => n !== 0);
      const at = first === -1 ? release.length - 1 : first;
      return { below: [...release.slice(0, at), release[at]! + 1], inclusive: false };
    }
    case '~':
      // Poetry: ~1.9 → <1.10, ~1 → <2.
      return { below: release.length === 1 ? [release[0]! + 1] : [release[0]!, release[1]! + 1], inclusive: false };
    default:
      return undefined;
  }
}

const alternatives = (specifier: string, syntax: Pin['syntax']) => (syntax === 'poetry' ? specifier.split('||') : [specifier]);
const clauses = (alternative: string) =>
  alternative
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);

/** Whether the constraint admits a release of `major` or later (`mcp>=1.9` admits 2; `mcp>=1.9,<2`, `~=1.9`, `^1.9`, `==1.*` do not). */
export function admitsMajor(specifier: string, syntax: Pin['syntax'], major: number): boolean {
  return alternatives(specifier, syntax).some((alternative) =>
    clauses(alternative).every((clause) => {
      const upper = upperOf(clause, syntax);
      if (!upper) return true;
      const order = compare(upper.below, [major]);
      return upper.inclusive ? order >= 0 : order > 0;
    }),
  );
}

/** The lowest major the constraint admits, when a clause names one (`>=2.10` → 2); undefined when any is. */
export function lowestMajor(specifier: string, syntax: Pin['syntax']): number | undefined {
  const lows = alternatives(specifier, syntax).map((alternative) => {
    const majors = clauses(alternative).flatMap((clause) => {
      const m = /^(~=|===|==|>=|>|\^|~|=)?\s*(.*)$/.exec(clause)!;
      if (!m[1] && syntax !== 'poetry') return [];
      const release = releaseOf(m[2]!);
      return release ? [release[0]!] : [];
    });
    return majors.length ? Math.max(...majors) : undefined;
  });
  return lows.some((l) => l === undefined) ? undefined : Math.min(...(lows as number[]));
}
