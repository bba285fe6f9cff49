import { describe, expect, it } from 'vitest';
import { maskedStream, maskText, secretsFrom } from '../../src/release/mask.js';
import { planText } from '../../src/cli/render-steps.js';
import type { StepContext } from '../../src/release/context.js';
import type { StepEvent } from '../../src/release/events.js';
import { planOf, runSteps, type PlannedStep } from '../../src/release/runner.js';
import { failed, passed, StepFailed, type Step } from '../../src/release/step.js';

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
  const plan = (n: number): PlannedStep[] => Array.from({ length: n }, (_, i) => ({ name: `s${i + 1}`, description: `does ${i + 1}`, stage: 'gate' }));

  it('prints every step numbered, in order, with its description', () => {
    expect(planText(plan(2))).toBe('  1. s1: does 1\n  2. s2: does 2\n');
    expect(planText(plan(10)).split('\n')[9]).toBe('  10. s10: does 10');
    expect(planText(plan(10)).split('\n')[0]).toBe('   1. s1: does 1');
  });

  it('runs the steps in order and stops at the first failure, naming it, with codes in its events', async () => {
    const ran: string[] = [];
    const events: StepEvent[] = [];
    const steps: Step[] = [
      { name: 'a', description: () => 'first', stage: 'gate', run: async () => (ran.push('a'), passed('fine', 'fine')) },
      { name: 'b', description: () => '', stage: 'built', run: async () => { ran.push('b'); throw new StepFailed('broken', 'broken'); } },
      { name: 'c', description: () => '', stage: 'built', run: async () => (ran.push('c'), passed('never')) },
    ];
    const result = await runSteps(steps, fakeContext((e) => events.push(e)));
    expect(ran).toEqual(['a', 'b']);
    expect(result.ok).toBe(false);
    expect(result.stopped).toMatchObject({ step: 'b', code: 'broken', message: 'release stopped at "b"; nothing was uploaded or tagged' });
    expect(events.map((e) => (e.type === 'step' ? [e.step, e.status, e.status === 'started' ? e.description : e.code] : []))).toEqual([
      ['a', 'started', 'first'],
      ['a', 'passed', 'fine'],
      ['b', 'started', ''],
      ['b', 'failed', 'broken'],
    ]);
  });

  it('takes only the steps whose condition holds, and an aborted run stops before the next step', async () => {
    const controller = new AbortController();
    const steps: Step[] = [
      { name: 'a', description: () => '', stage: 'gate', run: async () => (controller.abort('SIGINT'), passed('ok')) },
      { name: 'skipped', description: () => '', when: () => false, stage: 'gate', run: async () => passed('never') },
      { name: 'b', description: () => '', stage: 'gate', run: async () => passed('never') },
    ];
    const ctx = { ...fakeContext(() => {}), signal: controller.signal };
    const plan = planOf(steps, ctx);
    expect(plan.map((s) => s.name)).toEqual(['a', 'b']);
    const result = await runSteps(plan, ctx);
    expect(result.stopped).toMatchObject({ step: 'b', code: 'interrupted-before', message: 'interrupted before b; the release stopped and no tag was created' });
  });

  it('a command that exits non-zero is a failure with its exit code, and says no tag was created on an upload', async () => {
    const ctx = { ...fakeContext(() => {}), mode: 'upload' as const };
    const steps: Step[] = [{ name: 'upload (PyPI)', description: () => '', stage: 'built', run: async () => failed('exit-code', 'exit code 3 (its output is above)', 3) }];
    expect((await runSteps(steps, ctx)).stopped?.message).toBe('step upload (PyPI) failed with exit code 3; the release stopped and no tag was created');
  });
});

/** A context with nothing behind it: enough for steps that touch nothing. */
function fakeContext(emit: (e: StepEvent) => void): StepContext {
  return {
    command: 'release',
    mode: 'no-upload',
    root: '/nonexistent',
    primaryFile: 'pyproject.toml',
    tagPrefix: 'v',
    tagMessage: '',
    pythonSources: [],
    distShown: 'dist/',
    allowDirty: false,
    push: false,
    requireSmoke: false,
    askFirst: false,
    env: {},
    projectEnv: {},
    uploadEnv: {},
    secrets: [],
    scratch: { make: () => '/nonexistent', removeAll: () => {} },
    clock: { now: () => 0, sleep: async () => {} },
    signal: new AbortController().signal,
    emit,
    state: { files: [], metadata: new Map() },
    step: '',
    release: {} as StepContext['release'],
  };
}
