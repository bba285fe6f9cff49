// The refusal's advice follows each rule's meta.fixable: what check --fix repairs, and what needs an edit by hand.
import { describe, expect, it } from 'vitest';
import { howToRepair } from '../../src/report/advice.js';
import { RULES } from '../../src/rules/index.js';

const error = (rule: string, file: string, line: number) => ({ rule, severity: 'error', file, line });

describe('the advice after a refusal', () => {
  it('knows which rules --fix repairs from their meta', () => {
    expect(RULES.filter((r) => 'fixable' in r.meta && r.meta.fixable).map((r) => r.meta.id)).toEqual(['version-spelling', 'version-mismatch']);
  });

  it('sends fixable errors to --fix, spelling included (--fix normalizes it)', () => {
    expect(howToRepair([error('version-mismatch', 'a.py', 3), error('version-spelling', 'b.py', 1)])).toBe(
      'heimdall-version check --fix repairs the drifted literals',
    );
  });

  it('names what needs an edit by hand, then what --fix repairs; warnings do not count', () => {
    const diagnostics = [error('runtime-lookup', 'v.py', 6), error('version-mismatch', 'a.py', 3), { rule: 'source-missing', severity: 'warn', file: 'x' }];
    expect(howToRepair(diagnostics)).toBe(
      'edit v.py:6 (runtime-lookup) as the message says (--fix cannot repair it), then heimdall-version check --fix repairs the drifted literals',
    );
  });
});
