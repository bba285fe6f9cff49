// Tag prefixes and branch names are judged as git judges ref names: git check-ref-format is the oracle.
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { branchProblem, refPrefixProblem } from '../../src/git/ref-name.js';

const gitAccepts = (ref: string) => spawnSync('git', ['check-ref-format', ref]).status === 0;
/** Characters git treats specially in ref names, and ordinary ones. */
const name = fc.string({
  unit: fc.constantFrom('a', 'v', '1', '-', '.', '/', '@', '{', ' ', '~', '^', ':', '?', '*', '[', '\\', '\n', '\u001b', 'é', 'k', 'l', 'o', 'c'),
  maxLength: 8,
});

describe('ref names', () => {
  it('a tag prefix is refused exactly when git refuses <prefix>1.0.0 as a tag, or it starts with "-"', () => {
    fc.assert(
      fc.property(name, (prefix) => {
        const ours = refPrefixProblem(prefix) === undefined;
        expect(ours, JSON.stringify(prefix)).toBe(gitAccepts(`refs/tags/${prefix}1.0.0`) && !prefix.startsWith('-'));
      }),
      { numRuns: 300 },
    );
  });

  it('a branch name is refused exactly when git refuses it as a branch, or it starts with "-" or is "@"', () => {
    fc.assert(
      fc.property(
        name.filter((n) => n !== ''),
        (branch) => {
          const ours = branchProblem(branch) === undefined;
          expect(ours, JSON.stringify(branch)).toBe(gitAccepts(`refs/heads/${branch}`) && !branch.startsWith('-') && branch !== '@');
        },
      ),
      { numRuns: 300 },
    );
  });
});
