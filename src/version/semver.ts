// SemVer 2.0 held strictly (no "v", no loose forms): recognising and ordering versions, and the
// SemVer scheme. Small on purpose: `check` runs this on every commit and must not pay for loading `semver`.
import { beyondLimits } from './limits.js';
import type { Meaning, PreLabel, Spelled, VersionScheme } from './scheme.js';

// The regular expression published with the SemVer 2.0 specification.
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

// Most versions are plain MAJOR.MINOR.PATCH: a much cheaper pattern settles those.
const PLAIN = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/** MAJOR.MINOR.PATCH without leading zeros: the same version, spelled the same, in SemVer and PEP 440. */
export const isPlain = (version: string): boolean => PLAIN.test(version);

export function isSemver(version: string): boolean {
  return !beyondLimits(version) && (PLAIN.test(version) || SEMVER.test(version));
}

/** Orders two valid versions by SemVer precedence (build metadata ignored). */
export function compareVersions(a: string, b: string): number {
  return compareParsed(parseVersion(a), parseVersion(b));
}

type Parsed = [number, number, number, string[] | undefined];

export function parseVersion(v: string): Parsed {
  // Tags come by the thousand: plain versions are parsed without a regular expression.
  const plain = parsePlain(v);
  if (plain) return plain;
  const m = SEMVER.exec(v);
  if (!m) throw new Error(`not SemVer: ${v}`);
  return [Number(m[1]), Number(m[2]), Number(m[3]), m[4]?.split('.')];
}

/** MAJOR.MINOR.PATCH by hand, or undefined for anything else (prereleases go to the full pattern). */
function parsePlain(v: string): Parsed | undefined {
  const parts: number[] = [];
  let start = 0;
  for (let i = 0; i <= v.length; i++) {
    const c = i < v.length ? v.charCodeAt(i) : 46;
    if (c === 46) {
      if (i === start || (v.charCodeAt(start) === 48 && i - start > 1) || parts.length === 3) return undefined;
      parts.push(Number(v.slice(start, i)));
      start = i + 1;
    } else if (c < 48 || c > 57) return undefined;
  }
  return parts.length === 3 ? [parts[0]!, parts[1]!, parts[2]!, undefined] : undefined;
}

function compareParsed(x: Parsed, y: Parsed): number {
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return (x[i] as number) < (y[i] as number) ? -1 : 1;
  const [p, q] = [x[3], y[3]];
  if (!p || !q) return p === q ? 0 : p ? -1 : 1;
  for (let i = 0; i < Math.max(p.length, q.length); i++) {
    const c = compareIdentifier(p[i], q[i]);
    if (c) return c;
  }
  return 0;
}

function compareIdentifier(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  const [na, nb] = [/^\d+$/.test(a), /^\d+$/.test(b)];
  if (na && nb) return Number(a) < Number(b) ? -1 : 1;
  if (na !== nb) return na ? -1 : 1;
  return a < b ? -1 : 1;
}

/**
 * A regular expression source matching every MAJOR.MINOR.PATCH whose core is above `version`'s, for
 * scanning thousands of tag names in one native pass. It may match more than that (leading zeros),
 * never less. Versions with the same core are left to compareVersions.
 */
export function newerCorePattern(version: string): string {
  const [major, minor, patch] = parseVersion(version).map(String) as [string, string, string];
  const n = '\\d+';
  return `(?:${above(major)}\\.${n}\\.${n}|${major}\\.${above(minor)}\\.${n}|${major}\\.${minor}\\.${above(patch)})`;
}

/**
 * Decimal numbers above n (given without leading zeros): longer ones, or the same length with a
 * higher digit where they first differ. Each digit nests the next, so the pattern grows with n's length.
 */
export function above(n: string): string {
  const from = (i: number): string => {
    const digit = n.charCodeAt(i) - 48;
    const alternatives = [...(digit < 9 ? [`[${digit + 1}-9]\\d{${n.length - i - 1}}`] : []), ...(i < n.length - 1 ? [`${n[i]}${from(i + 1)}`] : [])];
    return alternatives.length ? `(?:${alternatives.join('|')})` : '(?!)';
  };
  return `(?:[1-9]\\d{${n.length},}|${from(0)})`;
}

// Pre-release words PEP 440 reads (it normalizes alpha to a, c/pre/preview to rc); dev is its dev release.
const PRE_WORDS: Record<string, PreLabel | 'dev'> = { a: 'a', alpha: 'a', b: 'b', beta: 'b', c: 'rc', rc: 'rc', pre: 'rc', preview: 'rc', dev: 'dev' };
const PRE_SPELLING: Record<PreLabel, string> = { a: 'alpha', b: 'beta', rc: 'rc' };
const LOCAL = /^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/i;

/** The Python meaning of a SemVer version: `-rc.1` is rc1, `+build.5` a local version; undefined when it has none. */
function meaningOf(version: string): Meaning | undefined {
  if (beyondLimits(version)) return undefined;
  const m = PLAIN.exec(version) ?? SEMVER.exec(version);
  if (!m) return undefined;
  const meaning: Meaning = { epoch: 0, release: [Number(m[1]), Number(m[2]), Number(m[3])] };
  if (m[4] !== undefined) {
    const pre = /^(a|alpha|b|beta|c|rc|pre|preview|dev)[.-]?(\d*)$/i.exec(m[4]);
    if (!pre) return undefined;
    const label = PRE_WORDS[pre[1]!.toLowerCase()]!;
    const n = pre[2] === '' ? 0 : Number(pre[2]);
    if (label === 'dev') meaning.dev = n;
    else meaning.pre = [label, n];
  }
  if (m[5] !== undefined) {
    if (!LOCAL.test(m[5])) return undefined;
    meaning.local = normalizeLocal(m[5]);
  }
  return meaning;
}

/** PEP 440's local version normal form: lower case, "." between parts, numbers without leading zeros. */
export function normalizeLocal(local: string): string {
  return local
    .toLowerCase()
    .split(/[-_.]/)
    .map((p) => (/^\d+$/.test(p) ? p.replace(/^0+(?=\d)/, '') : p))
    .join('.');
}

function spellSemver(m: Meaning): Spelled {
  if (m.epoch !== 0) return { none: `SemVer has no epochs (${m.epoch}!)` };
  if (m.release.slice(3).some((n) => n !== 0)) return { none: `SemVer has exactly three release numbers, not ${m.release.length}` };
  if (m.post !== undefined) return { none: 'SemVer has no post-releases (a SemVer "-post" is a pre-release, which comes before the release)' };
  if (m.pre && m.dev !== undefined) return { none: 'SemVer cannot spell a development release of a pre-release' };
  const [major = 0, minor = 0, patch = 0] = m.release;
  let out = `${major}.${minor}.${patch}`;
  if (m.pre) out += `-${PRE_SPELLING[m.pre[0]]}.${m.pre[1]}`;
  if (m.dev !== undefined) out += `-dev.${m.dev}`;
  if (m.local !== undefined) {
    // SemVer build identifiers are [0-9A-Za-z-]: PEP 440's local parts always are.
    out += `+${m.local}`;
  }
  return { version: out };
}

/** Every valid SemVer version above `version` (and some that are not valid, or not above: they are compared in full). */
function newerSemverPattern(version: string): string {
  const parsed = parseVersion(version);
  const newer = `${newerCorePattern(version)}(?:[-+]\\S*)?`;
  if (parsed[3] === undefined) return newer;
  // The same MAJOR.MINOR.PATCH is newer only than a pre-release.
  return `(?:${newer}|${parsed.slice(0, 3).join('\\.')}-\\S*)`;
}

export const semver: VersionScheme = {
  name: 'semver',
  title: 'SemVer 2.0',
  examples: '1.2.0 or 1.2.0-rc.1',
  valid: isSemver,
  parse: meaningOf,
  spell: spellSemver,
  compare: compareVersions,
  newerPattern: newerSemverPattern,
};
