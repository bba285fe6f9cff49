// A table tester for source kinds, in the manner of ESLint's RuleTester: valid texts give their
// versions at their positions, invalid ones give problem kinds (and codes) at theirs. It goes
// through the kind registry, in process, and pins ids and positions, never a message's words.
import { describe, expect, it } from 'vitest';
import { lineIndex } from '../../../src/core/text.js';
import type { SourceConfig } from '../../../src/config/types.js';
import { locatorFor, type SourceType } from '../../../src/sources/index.js';
import type { ProblemKind } from '../../../src/sources/types.js';

/** A place in the text, 1-based, as check reports it. */
interface At {
  line: number;
  column: number;
}

export interface ValidCase {
  name?: string;
  text: string;
  options?: Record<string, unknown>;
  /** Every version found, in order, where its first character is. */
  versions: (At & { value: string })[];
  /** python: metadata lookups, where the distribution's name is. */
  lookups?: (At & { distribution: string })[];
  /** Warnings that leave the versions checkable (uncheckable bindings before the literal, …). */
  problems?: (Partial<At> & { kind: ProblemKind })[];
}

export interface InvalidCase {
  name?: string;
  text: string;
  options?: Record<string, unknown>;
  /** What is wrong, where (no position when the whole file is at fault). */
  problems: (Partial<At> & { kind: ProblemKind; code?: string })[];
  /** Versions still found beside the problems (default: none). */
  versions?: (At & { value: string })[];
}

const title = (c: { name?: string; text: string }) => c.name ?? JSON.stringify(c.text.length > 60 ? `${c.text.slice(0, 60)}…` : c.text);

/** Runs the tables of one kind: each case is one test. */
export function testSourceKind(type: SourceType, tables: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  const locate = async (text: string, options: Record<string, unknown> = {}) => {
    const locator = await locatorFor(type);
    const located = locator(text, { file: 'f', type, ...options } as SourceConfig);
    const at = lineIndex(text);
    // A range covers the text as written: it is the value itself unless an escape was decoded.
    for (const h of located.hits)
      if (!text.slice(h.start, h.end).includes('\\')) expect(text.slice(h.start, h.end), 'a version range slices out its value').toBe(h.value);
    return {
      versions: located.hits.map((h) => ({ value: h.value, ...at(h.start) })),
      lookups: located.lookups.map((l) => ({ distribution: l.distribution, ...at(l.start) })),
      problems: located.problems.map((p) => ({ kind: p.kind, ...(p.code ? { code: p.code } : {}), ...(p.offset === undefined ? {} : at(p.offset)) })),
    };
  };

  describe(`source kind ${type}`, () => {
    describe('valid', () => {
      it.each(tables.valid.map((c) => [title(c), c] as const))('%s', async (_, c) => {
        const found = await locate(c.text, c.options);
        expect(found).toEqual({ versions: c.versions, lookups: c.lookups ?? [], problems: c.problems ?? [] });
      });
    });
    describe('invalid', () => {
      it.each(tables.invalid.map((c) => [title(c), c] as const))('%s', async (_, c) => {
        const found = await locate(c.text, c.options);
        expect({ problems: found.problems, versions: found.versions }).toEqual({ problems: c.problems, versions: c.versions ?? [] });
      });
    });
  });
}
