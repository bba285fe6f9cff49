// The contract between a source adapter and the rest of the tool.
// Offsets are UTF-16 indices into the decoded text, exactly as JavaScript strings count them;
// a leading BOM (\uFEFF) is part of the text. `start`/`end` delimit the version itself, never quotes.

/** One located occurrence of the version: a literal that `check` compares and `bump` rewrites. */
export interface VersionHit {
  value: string;
  start: number;
  end: number;
  /** Where a source states the version in several places (server.json): which one this is, for messages. */
  label?: string;
}

/** python only: `version("dist")` style lookup of installed metadata. Range covers the string literal's content. */
export interface RuntimeLookup {
  distribution: string;
  start: number;
  end: number;
}

export type ProblemKind =
  | 'parse-error' // the file cannot be parsed
  | 'not-found' // the key / variable / pattern is not there
  | 'ambiguous' // found more than once where only one may be (duplicate JSON key, ...)
  | 'dynamic' // pyproject declares the version dynamic and has no static one
  | 'uncheckable'; // assigned from something that is neither a literal nor a metadata lookup

export interface SourceProblem {
  kind: ProblemKind;
  /** A stable name of the reader's finding where the kind alone is too coarse (JSON: "CommaExpected", …); the words may change. */
  code?: string;
  /** Plain words for a user; says what is wrong and, where it can, what to do. */
  message: string;
  /** Where it is, if known: an offset into the text. */
  offset?: number;
}

export interface Located {
  hits: VersionHit[];
  lookups: RuntimeLookup[];
  problems: SourceProblem[];
  /** The key / variable / export actually used (after defaults), for messages: e.g. "__version__". */
  label: string;
}

/** What a locator may know of the package besides the file: the names that say which entries are this distribution. */
export interface LocateContext {
  /** [project] name (or [tool.poetry] name). */
  distribution?: string;
  /** package.json's name, when a kind asks for it (`alsoReads`). */
  npmName?: string;
}

/** Finds the version in a file's text, given the source's options. */
export type Locator<O> = (text: string, options: O, context?: LocateContext) => Located;

/** Locates the version in many texts at once, each with its source's options, in order. */
export type ManyLocator<O> = (items: { text: string; options: O }[], context?: LocateContext) => Located[];
