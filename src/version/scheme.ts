// The seam between the tool and a version language: what a scheme is. Rules, bump, tags and release
// ask a scheme; only the scheme modules registered in schemes.ts know how versions are spelled and ordered.
import type { Output, Shape } from '../config/fields.js';

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

/** How a scheme reads versions: what the sources it reads may state, and in which order. */
export interface VersionScheme {
  readonly name: string;
  /** For messages: "PEP 440", "SemVer 2.0". */
  readonly title: string;
  /** For messages: a few valid versions ("1.2.0 or 1.2.0-rc.1"). */
  readonly examples: string;
  /** Said after "not a valid … version", e.g. that Python's build tools refuse it. */
  readonly invalidNote?: string;
  /**
   * Present when several spellings mean one version (PEP 440: 1.0 ≡ 1.0.0, 0.3.0-rc.1 ≡ 0.3.0rc1):
   * they are compared by meaning and written in the canonical spelling, which these words name.
   * Absent when the spelling is the version (SemVer: 1.0.0-rc1 and 1.0.0-rc.1 are two versions).
   */
  readonly normalForm?: { spells: string; because: string };
  /** A view that states only MAJOR.MINOR (src/version/short.ts): compared and spelled as such. */
  readonly short?: boolean;
  /** How this scheme writes the short X.Y form when not as plain numbers (CalVer's 0M: 2026.01). */
  shortSpelling?(major: number, minor: number): string;
  /** False at once for a version beyond the limits of limits.ts (256 characters, numbers of 15 digits). */
  valid(version: string): boolean;
  /** The meaning of a valid version, or undefined when it is invalid or has none the other schemes share. */
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

export type Bumped = { meaning: Meaning } | { error: string };

/** What a bump level may depend on besides the version: the pre-release phase asked for, and today. */
export interface BumpContext {
  preid?: PreLabel;
  now: Date;
}

/** The "versioning" policy: which versions a project allows and how it bumps them. */
export interface Policy {
  readonly name: string;
  /** What it allows, for messages. */
  readonly words: string;
  /** The bump levels it has. */
  readonly levels: readonly string[];
  /** Whether it allows a valid version of this meaning (undefined: one with no meaning the schemes share, a SemVer 1.0.0-foo). */
  allows(meaning: Meaning | undefined): boolean;
  /** The allowed version nearest to one it does not allow, when there is an obvious one. */
  nearest?(meaning: Meaning): Meaning | undefined;
  bump(meaning: Meaning, level: string, context: BumpContext): Bumped;
}

/**
 * A version scheme as the registry (schemes.ts) holds it: what configuration and the command line
 * need before anything is read, a policy, and its reading, loaded on first use.
 */
export interface SchemeDeclaration<N extends string = string, S extends Shape = Shape> {
  readonly name: N;
  /** What the "versioning" policy of this name allows, for the configuration's description. */
  readonly description: string;
  /** Options given as ["name", { options }] in "versioning"; a scheme with required ones is chosen only so. */
  readonly options: S;
  /** Every bump level its policy may have (before the options are known). */
  readonly levels: readonly string[];
  /** As the project's versioning, it reads the files this other scheme reads by default (CalVer refines PEP 440). */
  readonly refines?: string;
  policy(options: Output<S>): Policy;
  load(options: Output<S>): VersionScheme | Promise<VersionScheme>;
}

/** Declares a scheme, its option types inferred from its options. */
export const defineScheme = <const N extends string, S extends Shape>(declaration: SchemeDeclaration<N, S>): SchemeDeclaration<N, S> => declaration;

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

/** The spelling of a meaning the scheme can always spell (PEP 440 spells every meaning). */
export function spelling(scheme: VersionScheme, meaning: Meaning): string {
  const spelled = scheme.spell(meaning);
  if ('none' in spelled) throw new Error(`${scheme.title} cannot spell this version: ${spelled.none}`);
  return spelled.version;
}
