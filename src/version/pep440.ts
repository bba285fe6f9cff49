// The PEP 440 scheme, as Python's `packaging` reads versions: @renovatebot/pep440 parses and
// orders them; plain MAJOR.MINOR.PATCH (most versions) is settled by the hand-written fast paths.
import { compare as comparePublic, parse as parseLib } from '@renovatebot/pep440';
import { VERSION_PATTERN } from '@renovatebot/pep440/lib/version.js';
import { beyondLimits } from './limits.js';
import type { Meaning, PreLabel, VersionScheme } from './scheme.js';
import { above, compareVersions, isPlain, normalizeLocal } from './semver.js';

// packaging accepts surrounding whitespace (and strips it); the library's own pattern does not.
const PEP440 = new RegExp(`^\\s*${VERSION_PATTERN}\\s*$`, 'i');

interface LibVersion {
  epoch: number;
  release: number[];
  pre: [string, number] | null;
  post: [string, number] | null;
  dev: [string, number] | null;
}

function parse(version: string): Meaning | undefined {
  if (beyondLimits(version)) return undefined;
  if (isPlain(version)) return { epoch: 0, release: version.split('.').map(Number) };
  const parsed = parseLib(version, PEP440) as unknown as LibVersion | null;
  if (!parsed) return undefined;
  const meaning: Meaning = { epoch: parsed.epoch, release: parsed.release };
  if (parsed.pre) meaning.pre = [parsed.pre[0] as PreLabel, parsed.pre[1]];
  if (parsed.post) meaning.post = parsed.post[1];
  if (parsed.dev) meaning.dev = parsed.dev[1];
  // The library reads local parts as JavaScript numbers ("0x1" becomes 1): they are kept as text.
  const plus = version.indexOf('+');
  if (plus !== -1) meaning.local = normalizeLocal(version.slice(plus + 1).trim());
  return meaning;
}

/** The normalized spelling, as `packaging` prints it and `build` writes it into a wheel's name. */
function spell(m: Meaning): { version: string } {
  let out = `${m.epoch ? `${m.epoch}!` : ''}${m.release.join('.')}`;
  if (m.pre) out += `${m.pre[0]}${m.pre[1]}`;
  if (m.post !== undefined) out += `.post${m.post}`;
  if (m.dev !== undefined) out += `.dev${m.dev}`;
  if (m.local !== undefined) out += `+${m.local}`;
  return { version: out };
}

function compare(a: string, b: string): number {
  if (isPlain(a) && isPlain(b)) return compareVersions(a, b);
  const [x, y] = [parse(a)!, parse(b)!];
  const publicOf = (m: Meaning) => spell({ ...m, local: undefined }).version;
  return Math.sign(comparePublic(publicOf(x), publicOf(y))) || compareLocal(x.local, y.local);
}

/** PEP 440's local version order: none first; numbers by value above words; a longer one after its prefix. */
function compareLocal(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined || b === undefined) return a === undefined ? -1 : 1;
  const [p, q] = [a.split('.'), b.split('.')];
  for (let i = 0; i < Math.min(p.length, q.length); i++) {
    const [s, t] = [p[i]!, q[i]!];
    if (s === t) continue;
    const [ns, nt] = [/^\d+$/.test(s), /^\d+$/.test(t)];
    if (ns !== nt) return ns ? 1 : -1;
    // Normalized numbers have no leading zeros: the longer is the larger.
    if (ns) return s.length !== t.length ? Math.sign(s.length - t.length) : s < t ? -1 : 1;
    return s < t ? -1 : 1;
  }
  return Math.sign(p.length - q.length);
}

/**
 * Every tag text that may be newer than `version`: another epoch, a release number above one of
 * the version's at the same position, or the same release numbers followed by anything (then
 * compared in full). Numbers may carry leading zeros in PEP 440. Each release number nests the
 * next, so that the pattern grows with the version's length.
 */
function newerPattern(version: string): string {
  const { epoch, release } = parse(version)!;
  if (epoch > 0) return '\\d\\S*';
  const last = release.length - 1;
  const from = (i: number): string => {
    const r = String(release[i]);
    const rest = i === last ? '(?:\\.[0-9]+)*(?![0-9])\\S*' : `(?!\\.?[0-9])\\S*|\\.${from(i + 1)}`;
    return `0*(?:${above(r)}(?![0-9])\\S*|${r}(?:${rest}))`;
  };
  return `(?:\\d+!\\S*|${from(0)})`;
}

export const pep440: VersionScheme = {
  name: 'pep440',
  title: 'PEP 440',
  examples: '1.2.0, 1.2.0rc1 or 1.2.0.post1',
  invalidNote: "; Python's build tools refuse it",
  normalForm: { spells: 'PEP 440 normalizes to', because: ' (the spelling build gives the wheel)' },
  valid: (version) => !beyondLimits(version) && (isPlain(version) || PEP440.test(version)),
  parse,
  spell,
  compare,
  newerPattern,
};
