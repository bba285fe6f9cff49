// Whether two versions, each read in its own scheme, name the same release: what every rule and the
// bump compare with.
import type { Meaning, Stated } from './scheme.js';
import { shortOf } from './short.js';

/**
 * Whether two stated versions mean the same release. Two spellings of a scheme without a normal
 * form (SemVer) must be identical; once a scheme with one is involved the meanings are compared in
 * PEP 440's terms (1.0 ≡ 1.0.0, rc1 ≡ -rc.1); a short X.Y form agrees with every version of that MAJOR.MINOR.
 */
export function sameVersion(x: Stated, y: Stated): boolean {
  if (x.value === y.value && x.scheme === y.scheme) return true;
  if (x.scheme.short || y.scheme.short) {
    const [sx, sy] = [shortOf(x), shortOf(y)];
    return sx !== undefined && sx === sy;
  }
  if (!x.scheme.normalForm && !y.scheme.normalForm) return false;
  const [mx, my] = [x.scheme.parse(x.value), y.scheme.parse(y.value)];
  return mx !== undefined && my !== undefined && sameMeaning(mx, my);
}

/** PEP 440's equality: trailing zero release numbers do not count (1.0 ≡ 1.0.0); local parts are already normalized. */
export function sameMeaning(a: Meaning, b: Meaning): boolean {
  const release = (m: Meaning) => {
    let n = m.release.length;
    while (n > 1 && m.release[n - 1] === 0) n--;
    return m.release.slice(0, n).join('.');
  };
  return (
    a.epoch === b.epoch &&
    release(a) === release(b) &&
    a.pre?.[0] === b.pre?.[0] &&
    a.pre?.[1] === b.pre?.[1] &&
    a.post === b.post &&
    a.dev === b.dev &&
    a.local === b.local
  );
}
