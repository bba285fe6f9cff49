// The seam between the tool and a version language. Rules, bump, tags and release ask a scheme;
// only semver.ts and pep440.ts know how versions are spelled and ordered.
import { shortOf } from './short.js';

export type SchemeName = 'semver' | 'pep440';
export const SCHEMES: readonly SchemeName[] = ['semver', 'pep440'];
export type PreLabel = 'a' | 'b' | 'rc';

/**
 * What a version means, whatever its spelling: PEP 440's model, into which every SemVer version
 * that has a Python meaning fits (0.3.0-rc.1 and 0.3.0rc1 mean the same release).
 */
export interface Meaning {
  epoch: number;
  release: number[];
  pre?: [PreLabel, number];
  post?: number;
  dev?: number;
  /** PEP 440 local version / SemVer build metadata, normalized: lower case, "." between parts. */
  local?: string;
}

/** A meaning spelled in a scheme, or why the scheme cannot spell it. */
export type Spelled = { version: string } | { none: string };

export interface VersionScheme {
  readonly name: SchemeName;
  /** For messages: "PEP 440", "SemVer 2.0". */
  readonly title: string;
  /** A view that states only MAJOR.MINOR (src/version/short.ts): compared and spelled as such. */
  readonly short?: boolean;
  valid(version: string): boolean;
  /** The meaning of a valid version, or undefined when it is invalid or has none the other scheme shares. */
  parse(version: string): Meaning | undefined;
  /** The canonical spelling of a meaning in this scheme. */
  spell(meaning: Meaning): Spelled;
  /** Orders two valid versions of this scheme. */
  compare(a: string, b: string): number;
  /**
   * A regular expression source that matches every version of this scheme newer than `version`
   * (and may match more), for scanning thousands of tag names in one native pass.
   */
  newerPattern(version: string): string;
}

const loaded = new Map<SchemeName, VersionScheme>();

/** Loads a scheme's module on first use: a project without PEP 440 sources never loads that library. */
export async function loadScheme(name: SchemeName): Promise<VersionScheme> {
  let scheme = loaded.get(name);
  if (!scheme) {
    scheme = name === 'pep440' ? (await import('./pep440.js')).pep440 : (await import('./semver.js')).semver;
    loaded.set(name, scheme);
  }
  return scheme;
}

/** The canonical spelling of a version in its own scheme, or undefined when it is invalid. */
export function canonical(scheme: VersionScheme, version: string): string | undefined {
  const meaning = scheme.parse(version);
  if (!meaning) return scheme.valid(version) ? version : undefined;
  const spelled = scheme.spell(meaning);
  return 'version' in spelled ? spelled.version : undefined;
}

/** A version as a source states it, with the scheme it is read in. */
export interface Stated {
  scheme: VersionScheme;
  value: string;
}

/**
 * Whether two stated versions mean the same release. Two SemVer spellings must be identical;
 * once PEP 440 is involved the meanings are compared in PEP 440's terms (1.0 ≡ 1.0.0, rc1 ≡ -rc.1);
 * a short X.Y form agrees with every version of that MAJOR.MINOR.
 */
export function sameVersion(x: Stated, y: Stated): boolean {
  if (x.value === y.value && x.scheme === y.scheme) return true;
  if (x.scheme.short || y.scheme.short) {
    const [sx, sy] = [shortOf(x), shortOf(y)];
    return sx !== undefined && sx === sy;
  }
  const python = x.scheme.name === 'pep440' ? x.scheme : y.scheme.name === 'pep440' ? y.scheme : undefined;
  if (!python) return false;
  const [mx, my] = [x.scheme.parse(x.value), y.scheme.parse(y.value)];
  if (!mx || !my) return false;
  return python.compare(spelling(python, mx), spelling(python, my)) === 0;
}

/** The spelling of a meaning the scheme can always spell (PEP 440 spells every meaning). */
export function spelling(scheme: VersionScheme, meaning: Meaning): string {
  const spelled = scheme.spell(meaning);
  if ('none' in spelled) throw new Error(`${scheme.title} cannot spell this version: ${spelled.none}`);
  return spelled.version;
}

/** The normalized PEP 440 spelling of a version's meaning (what build writes into the artifacts), or undefined when it has none. */
export async function pythonSpelling(scheme: VersionScheme, version: string | undefined): Promise<string | undefined> {
  const meaning = version === undefined ? undefined : scheme.parse(version);
  return meaning && spelling(await loadScheme('pep440'), meaning);
}
