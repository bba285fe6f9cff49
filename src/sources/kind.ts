// What a source kind is: everything about one file kind, declared in one module (src/sources/<kind>.ts)
// and registered with one line in src/sources/index.ts.
import type { Output, Shape } from '../config/fields.js';
import type { Locator, ManyLocator, VersionHit } from './types.js';
import type { SchemeName } from '../version/schemes.js';

/** What init's detection may look at: the project's files, read-only. */
export interface DetectContext {
  /** A file's decoded text, or undefined when it is absent or not UTF-8. */
  read(file: string): string | undefined;
  /** Files up to three directories deep ('/'-separated, relative to the root), without dependencies, builds, tests and docs. */
  files(): string[];
}

export interface Detected<C> {
  source: C;
  /** The version it states, if any. */
  value?: string;
  /** The distribution a runtime lookup names, if any. */
  lookup?: string;
  /** It may be the primary source (the first such one found with a version is). */
  mayBePrimary?: boolean;
  /** Kept whatever its value, for this reason (its drift is shown): e.g. Sphinx's documentation version. */
  keep?: string;
}

interface KindBase<T extends string, S extends Shape> {
  type: T;
  /** The scheme its versions are read in: PEP 440 for Python files, SemVer for JavaScript ones, or the primary source's. */
  scheme: SchemeName | 'primary';
  /** One line for the README and the schema. */
  description: string;
  /** Its options beside file, type, primary and name: each with description, required, default. */
  options: S;
  /** A problem across the kind's options (each option alone is already valid), for the configuration's error. */
  conflict?(options: Output<S>): string | undefined;
  /** What the version is looked for under (key, variable, …), before the file is read. */
  label(options: Output<S>): string;
  /** The text written over a located version (default: the version itself). */
  replace?(hit: VersionHit, version: string): string;
  /**
   * Its versions are plain literals: another run of version characters in a literal's place is read as
   * that version and changes nothing else in the file's reading (audit then reuses the reading of a
   * commit for the next one whose file differs only there).
   */
  plainHits?: boolean;
  /** Other files its locator needs facts from (package.json, for its name); read with the sources. */
  alsoReads?: readonly string[];
  /**
   * Whether its versions name a published release (server.json with "follows": "release"): between
   * releases (a development version) it may name the newest release, and bump leaves it alone then.
   */
  namesRelease?(options: Output<S>): boolean;
  /** For init: the sources of this kind a project seems to have. */
  detect?(context: DetectContext): Detected<{ file: string; type: T } & Output<S>>[];
}

/** A kind locates eagerly (`locate`), or loads its locator on first use (`load`: js loads Babel only then). */
export interface SourceKind<T extends string = string, S extends Shape = Shape> extends KindBase<T, S> {
  locate?: Locator<Output<S>>;
  /** Locates every source of the kind in a run at once, when that costs less than one by one (regex: one time bound). */
  locateAll?: ManyLocator<Output<S>>;
  load?(): Promise<Locator<Output<S>>>;
}

/** Declares a kind (exactly one of locate and load), its types inferred from its options. */
export const defineKind = <const T extends string, S extends Shape>(
  kind: KindBase<T, S> & ({ locate: Locator<Output<S>>; locateAll?: ManyLocator<Output<S>> } | { load(): Promise<Locator<Output<S>>> }),
): SourceKind<T, S> => kind;
