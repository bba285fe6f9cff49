import { describe, expect, it } from 'vitest';
import { maskedStream, maskText, secretsFrom } from '../../src/release/mask.js';
import { planText, runPlan, StepFailed, type Step } from '../../src/release/plan.js';

describe('masking', () => {
  it('collects the given credentials and ~/.pypirc passwords, short ones included', () => {
    expect(secretsFrom(['pypi-abcdef'], '[pypi]\nusername = __token__\npassword = pypi-xyz123\n')).toEqual(['pypi-abcdef', 'pypi-xyz123']);
    expect(secretsFrom(['xy'])).toEqual(['xy']);
  });

  it('hides secrets and URL credentials', () => {
    expect(maskText('token pypi-abcdef used', ['pypi-abcdef'])).toBe('token **** used');
    expect(maskText('https://user:hunter22@example.org/legacy/', [])).toBe('https://user:****@example.org/legacy/');
  });

  it('masks a secret split across chunks of output', () => {
    let out = '';
    const lines = maskedStream((s: string) => (out += s), ['pypi-abcdef']);
    lines.push('first pypi-ab');
    lines.push('cdef line\nsecond');
    lines.push(' pypi-abcdef');
    lines.end();
    expect(out).toBe('first **** line\nsecond ****');
  });
});

describe('the release plan', () => {
  const step = (name: string, description: string): Step => ({ name, description, stage: 'gate', run: async () => 'ok' });

  it('prints every step numbered, in order, with its description', () => {
    const steps = Array.from({ length: 10 }, (_, i) => step(`s${i + 1}`, `does ${i + 1}`));
    expect(planText(steps.slice(0, 2))).toBe('  1. s1: does 1\n  2. s2: does 2\n');
    expect(planText(steps).split('\n')[9]).toBe('  10. s10: does 10');
    expect(planText(steps).split('\n')[0]).toBe('   1. s1: does 1');
  });

  it('runs the steps in order and stops at the first failure, naming it', async () => {
    const ran: string[] = [];
    const out: string[] = [];
    const steps: Step[] = [
      { name: 'a', description: '', stage: 'gate', run: async () => (ran.push('a'), 'fine') },
      { name: 'b', description: '', stage: 'built', run: async () => { ran.push('b'); throw new StepFailed('broken'); } },
      { name: 'c', description: '', stage: 'built', run: async () => void ran.push('c') },
    ];
    let cleaned = 0;
    await expect(runPlan(steps, (s) => out.push(s), () => cleaned++)).rejects.toThrow('release stopped at "b"; nothing was uploaded or tagged');
    expect(ran).toEqual(['a', 'b']);
    expect(out).toEqual(['✔ a: fine\n', '✖ b: broken\n']);
    expect(cleaned).toBe(1);
  });
});
