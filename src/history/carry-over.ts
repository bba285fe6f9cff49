// A reading carried over to the next commit when its files differ from the last reading's only in
// the version literals: every other byte the same, each literal replaced by another run of version
// characters. Then the configuration, the layout and every source's shape are the same, and only the
// versions and the positions after them move; the rules still run on what the commit holds. A
// release history bumps those literals and little else, so most commits are read without parsing.
import type { LoadedSource, Package } from '../core/package.js';
import { kindOf } from '../sources/index.js';

/** What a version literal may be made of here: no quote, escape, brace, space or comment sign, so no reader reads it as anything else. */
const VERSION_CHAR = /[0-9A-Za-z.+!_-]/;
const VERSION_RUN = /[0-9A-Za-z.+!_-]*/y;

export interface Span {
  start: number;
  end: number;
  line: number;
  column: number;
}

/** The literals of one file's sources, in order, when they are plain and apart; undefined when another reading is needed. */
export function literalSpans(pkg: Package, file: string): Span[] | undefined {
  const spans = new Map<number, Span>();
  for (const source of pkg.sources) {
    if (source.file !== file) continue;
    if (!kindOf(source.config.type).plainHits || source.text === undefined) return undefined;
    for (const hit of source.hits) {
      if (source.text.slice(hit.start, hit.end) !== hit.value) return undefined;
      spans.set(hit.start, { start: hit.start, end: hit.end, line: hit.line, column: hit.column });
    }
  }
  const sorted = [...spans.values()].sort((a, b) => a.start - b.start);
  for (const [i, span] of sorted.entries()) if (span.end <= span.start || (i > 0 && span.start < sorted[i - 1]!.end)) return undefined;
  return sorted.length ? sorted : undefined;
}

/**
 * The new values of `spans` when `now` is `before` with each span replaced by a run of version characters
 * (one with a digit: a sentinel such as "unknown" is read otherwise); undefined when anything else differs.
 */
export function replacedValues(before: string, spans: Span[], now: string): string[] | undefined {
  const values: string[] = [];
  let was = 0;
  let at = 0;
  for (const span of spans) {
    // The bytes up to the literal are the same, and the literal is delimited on both sides.
    if (now.length - at < span.start - was || !sameSlice(before, was, now, at, span.start - was)) return undefined;
    at += span.start - was;
    if ((span.start > 0 && VERSION_CHAR.test(before[span.start - 1]!)) || (span.end < before.length && VERSION_CHAR.test(before[span.end]!))) return undefined;
    VERSION_RUN.lastIndex = at;
    const value = VERSION_RUN.exec(now)![0];
    if (!/\d/.test(value)) return undefined;
    values.push(value);
    at += value.length;
    was = span.end;
  }
  return now.length - at === before.length - was && sameSlice(before, was, now, at, before.length - was) ? values : undefined;
}

const sameSlice = (a: string, from: number, b: string, at: number, length: number) => a.startsWith(b.slice(at, at + length), from);

/** A file changed at this commit: its text now, its literals and their new values. */
export interface Changed {
  text: string;
  spans: Span[];
  values: string[];
}

/**
 * The package as it is at the next commit: `changed` holds its changed files (relative to its root);
 * `texts` every file changed since the full reading `read` belongs to, as it is now.
 */
export function carryOver(pkg: Package, changed: Map<string, Changed>, read: Package['read'], texts: ReadonlyMap<string, string>): Package {
  const sources = pkg.sources.map((source): LoadedSource => {
    const change = changed.get(source.file);
    if (!change) return source;
    const { spans, values } = change;
    const deltas = spans.map((s, i) => values[i]!.length - (s.end - s.start));
    // An offset moves by the literals before it; a column by those before it on its line.
    const offset = (at: number) => at + spans.reduce((sum, s, i) => (s.end <= at ? sum + deltas[i]! : sum), 0);
    const column = (line: number, col: number) =>
      col + spans.reduce((sum, s, i) => (s.line === line && s.column + (s.end - s.start) <= col ? sum + deltas[i]! : sum), 0);
    const valueAt = new Map(spans.map((s, i) => [s.start, values[i]!]));
    return {
      ...source,
      text: change.text,
      hits: source.hits.map((hit) => {
        const value = valueAt.get(hit.start)!;
        const start = offset(hit.start);
        return { ...hit, value, start, end: start + value.length, column: column(hit.line, hit.column) };
      }),
      lookups: source.lookups.map((l) => ({ ...l, start: offset(l.start), end: offset(l.end), column: column(l.line, l.column) })),
      problems: source.problems.map((p) => (p.line === undefined || p.column === undefined ? p : { ...p, column: column(p.line, p.column) })),
    };
  });
  const primary = sources[pkg.sources.indexOf(pkg.primary)] ?? pkg.primary;
  const values = [...new Set(primary.hits.map((h) => h.value))];
  return {
    ...pkg,
    sources,
    primary,
    version: values.length === 1 ? values[0] : undefined,
    // A changed file a rule reads is read as it is now (and only if the rule could read it before).
    read: (file) => {
      const text = texts.get(file);
      return text === undefined ? read(file) : (read(file), { text });
    },
  };
}
