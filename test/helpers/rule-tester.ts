// ESLint's RuleTester for our rules: a table of valid cases (no report) and invalid cases (each
// report's message id and position, not its words), each run in-process over in-memory files
// through the real loading (configuration, source adapters, schemes) and the real engine.
import { describe, expect, it } from 'vitest';
import { ruleContext, versionTags } from '../../src/core/inspect.js';
import { loadProject } from '../../src/core/project.js';
import { runRules } from '../../src/rules/index.js';
import type { Finding, MessageData, Rule, TagState } from '../../src/rules/types.js';
import { memoryConfig, memoryReader, type MemoryFiles } from './memory-reader.js';

export interface RuleCase {
  /** The behaviour the case pins, as a test name. */
  name: string;
  files: MemoryFiles;
  /** The configuration as .heimdallrc.json holds it; without one, the layout the files declare (zero configuration). */
  config?: Record<string, unknown>;
  /** The rule's options, set with its severity. */
  options?: Record<string, unknown>;
  /** Tag names reachable from HEAD and on HEAD, and the rest of the tag state; default: a repository with no tags. */
  tags?: { reachable?: string[]; head?: string[]; shallow?: boolean; changedSinceHead?: boolean; staged?: boolean } | { unavailable: string };
  releasing?: boolean;
}

/** A report as the table pins it: the position is compared exactly (absent means none); severity defaults to error. */
export interface Expected {
  messageId: string;
  file?: string;
  line?: number;
  column?: number;
  severity?: 'error' | 'warn';
  /** Values the message is made of, where the case is about one of them (compared as a subset). */
  data?: MessageData;
}

export interface InvalidCase extends RuleCase {
  errors: Expected[];
}

/** Loads the case's package as check does and runs the one rule, set to "error" (a warnOnly report shows as "warn"). */
export async function runRule(rule: Rule, c: RuleCase): Promise<Finding[]> {
  const setting = c.options ? ['error', c.options] : 'error';
  const loaded = memoryConfig(c.files, c.config, { [rule.meta.id]: setting });
  const tags = c.tags ?? {};
  const reachable = 'unavailable' in tags ? [] : [...(tags.reachable ?? []), ...(tags.head ?? [])];
  const project = await loadProject(loaded, memoryReader(c.files), async (prefix) => reachable.filter((t) => t.startsWith(prefix)));
  const pkg = project.packages[0]!;
  const state: TagState =
    'unavailable' in tags
      ? { available: false, reason: tags.unavailable }
      : {
          available: true,
          ...versionTags(pkg.tagReader, { newestReachable: reachable, onHead: tags.head ?? [] }),
          shallow: tags.shallow ?? false,
          changedSinceHead: tags.changedSinceHead ?? false,
          staged: tags.staged ?? false,
        };
  return runRules(ruleContext(pkg, state, c.releasing ?? false), loaded.config.rules, [rule]);
}

/** What the table compares: id, position and severity; data only where the case names some. */
function pinned(finding: Finding, expected: Expected | undefined): Expected {
  const { messageId, file, line, column, severity, data } = finding;
  const picked = expected?.data && data ? Object.fromEntries(Object.keys(expected.data).map((k) => [k, data[k]])) : undefined;
  return JSON.parse(JSON.stringify({ messageId, file, line, column, ...(severity === 'warn' ? { severity } : {}), ...(picked ? { data: picked } : {}) }));
}

const normalized = ({ severity, ...rest }: Expected): Expected => ({ ...rest, ...(severity === 'warn' ? { severity } : {}) });

/** One describe block per rule: every valid case reports nothing, every invalid case exactly its errors, and every message id is exercised. */
export function ruleTester(rule: Rule, table: { valid: RuleCase[]; invalid: InvalidCase[] }): void {
  describe(rule.meta.id, () => {
    describe('valid', () => {
      for (const c of table.valid) it(c.name, async () => expect(await runRule(rule, c)).toEqual([]));
    });
    describe('invalid', () => {
      for (const c of table.invalid)
        it(c.name, async () => {
          const found = await runRule(rule, c);
          expect(found.map((f, i) => pinned(f, c.errors[i]))).toEqual(c.errors.map(normalized));
        });
    });
    it('has an invalid case for every message id', () => {
      const covered = new Set(table.invalid.flatMap((c) => c.errors.map((e) => e.messageId)));
      expect(Object.keys(rule.meta.messages).filter((id) => !covered.has(id))).toEqual([]);
    });
  });
}
