import { describe, expect, it } from 'vitest';
import { maskedStream, maskText, secretsFrom } from '../../src/release/mask.js';
import { planText } from '../../src/cli/render-steps.js';
import type { StepContext } from '../../src/release/context.js';
import { fakeContext } from '../helpers/step-context.js';
import type { StepEvent } from '../../src/release/events.js';
import { planOf, runSteps, type PlannedStep } from '../../src/release/runner.js';
import { RELEASE_STEPS, VERIFY_STEPS } from '../../src/release/registry.js';
import { failed, passed, StepFailed, stepName, type Step } from '../../src/release/step.js';

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
      {
        name: 'b',
        description: () => '',
        stage: 'built',
        run: async () => {
          ran.push('b');
          throw new StepFailed('broken', 'broken');
        },
      },
      { name: 'c', description: () => '', stage: 'built', run: async () => (ran.push('c'), passed('never')) },
    ];
    const result = await runSteps(
      steps,
      fakeContext((e) => events.push(e)),
    );
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
    expect(result.stopped).toMatchObject({
      step: 'b',
      code: 'interrupted-before',
      message: 'interrupted before b; the release stopped and no tag was created',
    });
  });

  /** The steps' events as [step, what]: a step's start and outcome, or a command it ran. */
  const trace = (events: StepEvent[]) =>
    events.map((e) => (e.type === 'step' ? [e.step, e.status] : e.type === 'command' ? [e.step, `command ${e.name}`] : [e.type, '']));
  const command = (ctx: StepContext, name: string) => ctx.emit({ type: 'command', step: ctx.step, name, shown: name, part: true });

  it('a step marked early runs beside the step before it, and what it reports waits for its turn', async () => {
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const events: StepEvent[] = [];
    const steps: Step[] = [
      // Finishes only once the next step has started: one after the other, this run would never end.
      { name: 'a', description: () => '', stage: 'built', run: async (ctx) => (command(ctx, 'pip a'), await running, passed('fine')) },
      { name: 'b', description: () => '', stage: 'built', early: true, run: async (ctx) => (command(ctx, 'pip b'), started(), passed('fine')) },
      { name: 'c', description: () => '', stage: 'built', run: async (ctx) => (command(ctx, 'pip c'), passed('fine')) },
    ];
    const result = await runSteps(
      steps,
      fakeContext((e) => events.push(e)),
    );
    expect(result.ok).toBe(true);
    expect(trace(events)).toEqual([
      ['a', 'started'],
      ['a', 'command pip a'],
      ['a', 'passed'],
      ['b', 'started'],
      ['b', 'command pip b'],
      ['b', 'passed'],
      ['c', 'started'],
      ['c', 'command pip c'],
      ['c', 'passed'],
    ]);
  });

  it('when the step before it fails, the early step is stopped and waited for, and nothing of it is shown', async () => {
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const events: StepEvent[] = [];
    const ran: string[] = [];
    const steps: Step[] = [
      { name: 'a', description: () => '', stage: 'built', run: async () => (await running, failed('broken', 'broken')) },
      {
        name: 'b',
        description: () => '',
        stage: 'built',
        early: true,
        async run(ctx) {
          command(ctx, 'pip b');
          started();
          await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve, { once: true }));
          ran.push(`b stopped (${ctx.signal.reason})`);
          throw new StepFailed('interrupted', 'interrupted during b');
        },
      },
    ];
    const result = await runSteps(
      steps,
      fakeContext((e) => events.push(e)),
    );
    expect(result.stopped).toMatchObject({ step: 'a', code: 'broken' });
    expect(ran).toEqual(['b stopped (SIGINT)']); // settled before the run returned
    expect(trace(events)).toEqual([
      ['a', 'started'],
      ['a', 'failed'],
    ]);
  });

  it('an early step is timed from its own start to its own end, not to its turn', async () => {
    let now = 0;
    let bDone!: () => void;
    const bEnded = new Promise<void>((resolve) => (bDone = resolve));
    const steps: Step[] = [
      // a runs 10 s; b, beside it, 1 s.
      // a moves the clock on once b's end is recorded (a turn of the event loop later).
      {
        name: 'a',
        description: () => '',
        stage: 'built',
        async run() {
          await bEnded;
          await new Promise((r) => setImmediate(r));
          now = 10_000;
          return passed('fine');
        },
      },
      {
        name: 'b',
        description: () => '',
        stage: 'built',
        early: true,
        async run() {
          await null;
          now = 1_000;
          bDone();
          return passed('fine');
        },
      },
    ];
    const result = await runSteps(steps, { ...fakeContext(() => {}), clock: { now: () => now, sleep: async () => {} } });
    expect(result.steps.map((s) => [s.step, s.seconds])).toEqual([
      ['a', 10],
      ['b', 1],
    ]);
  });

  it("an early step's failure stops the run at its own turn; Ctrl-C stops both", async () => {
    const events: StepEvent[] = [];
    const failing: Step[] = [
      { name: 'a', description: () => '', stage: 'built', run: async () => passed('fine') },
      { name: 'b', description: () => '', stage: 'built', early: true, run: async () => failed('broken', 'broken') },
      { name: 'c', description: () => '', stage: 'built', run: async () => passed('never') },
    ];
    const result = await runSteps(
      failing,
      fakeContext((e) => events.push(e)),
    );
    expect(result.stopped).toMatchObject({ step: 'b', code: 'broken' });
    expect(trace(events)).toEqual([
      ['a', 'started'],
      ['a', 'passed'],
      ['b', 'started'],
      ['b', 'failed'],
    ]);
    const controller = new AbortController();
    const seen: string[] = [];
    const untilAborted = (ctx: StepContext, who: string) =>
      new Promise<never>((_, reject) =>
        ctx.signal.addEventListener(
          'abort',
          () => (seen.push(`${who} ${ctx.signal.reason}`), reject(new StepFailed('interrupted', `interrupted during ${who}`))),
          {
            once: true,
          },
        ),
      );
    const interrupted: Step[] = [
      { name: 'a', description: () => '', stage: 'built', run: (ctx) => (queueMicrotask(() => controller.abort('SIGINT')), untilAborted(ctx, 'a')) },
      { name: 'b', description: () => '', stage: 'built', early: true, run: (ctx) => untilAborted(ctx, 'b') },
    ];
    const stopped = await runSteps(interrupted, { ...fakeContext(() => {}), signal: controller.signal });
    expect(stopped.stopped).toMatchObject({ step: 'a', code: 'interrupted' });
    expect(seen.sort()).toEqual(['a SIGINT', 'b SIGINT']);
  });

  it('a command that exits non-zero is a failure with its exit code, and says no tag was created on an upload', async () => {
    const ctx = { ...fakeContext(() => {}), mode: 'upload' as const };
    const steps: Step[] = [
      { name: 'upload (PyPI)', description: () => '', stage: 'built', run: async () => failed('exit-code', 'exit code 3 (its output is above)', 3) },
    ];
    expect((await runSteps(steps, ctx)).stopped?.message).toBe('step upload (PyPI) failed with exit code 3; the release stopped and no tag was created');
  });
});

describe('the registries', () => {
  const names = (registry: readonly Step[], ctx: StepContext) => planOf(registry, ctx).map((s) => stepName(s, ctx));
  const release = {
    validate: ['python3', '-c', 'pass'],
    branch: 'main',
    smoke: [],
    indexes: { testpypi: 'http://127.0.0.1:1/simple/', pypi: 'http://127.0.0.1:1/simple/' },
  } as unknown as StepContext['release'];

  it('an upload from a git repository takes every gate, the build, the checks, the upload and the tag, in order', () => {
    const ctx = { ...fakeContext(() => {}), mode: 'upload' as const, gitTop: '/repo', dist: '/repo/dist', release, push: true };
    expect(names(RELEASE_STEPS, ctx)).toEqual([
      'versions consistent',
      'version usable by Python',
      'tools present',
      'work tree clean',
      'release branch',
      'tag free',
      'validate',
      'clean',
      'build',
      'artifacts',
      'installed version',
      'installed version (sdist)',
      'twine check',
      'upload (PyPI)',
      'tag',
      'push',
    ]);
  });

  it('an MCP server is asked its announced version after the installed-version gates, and again after an install from the index', () => {
    const mcp = { command: { argv: ['demo-mcp'], from: 'release.mcp.command' }, timeoutMs: 20_000 };
    const ctx = { ...fakeContext(() => {}), gitTop: '/repo', dist: '/repo/dist', release, mcp };
    expect(names(RELEASE_STEPS, ctx).slice(-4)).toEqual(['installed version', 'installed version (sdist)', 'announced version', 'twine check']);
    const index = { label: 'TestPyPI', url: 'http://127.0.0.1:1/simple/', extra: 'http://127.0.0.1:1/simple/' };
    expect(names(RELEASE_STEPS, { ...ctx, mode: 'test-upload', index }).slice(-2)).toEqual(['install from TestPyPI', 'announced version (TestPyPI)']);
    const verify = { ...ctx, command: 'verify' as const };
    expect(names(VERIFY_STEPS, verify).slice(-3)).toEqual(['installed version', 'installed version (sdist)', 'announced version']);
    // server.json listing this distribution: its name in the wheel's description; a publish command: the registry after the tag.
    const listed = { ...ctx, mode: 'upload' as const, mcp: { ...mcp, registryName: 'io.github.o/demo', publish: ['mcp-publisher', 'publish'] } };
    expect(names(RELEASE_STEPS, listed)).toContain('mcp-name');
    expect(names(RELEASE_STEPS, listed).slice(-3)).toEqual(['upload (PyPI)', 'tag', 'MCP Registry']);
    expect(names(RELEASE_STEPS, { ...listed, mode: 'test-upload', index })).not.toContain('MCP Registry');
    // release.mcp.probe: false (or no MCP server): no command, no gate.
    expect(names(RELEASE_STEPS, { ...ctx, mcp: { timeoutMs: 20_000 } })).not.toContain('announced version');
  });

  it('a test upload installs from the index after uploading, and is not tagged; outside git an upload stops at a gate', () => {
    const index = { label: 'TestPyPI', url: 'http://127.0.0.1:1/simple/', extra: 'http://127.0.0.1:1/simple/' };
    const ctx = { ...fakeContext(() => {}), mode: 'test-upload' as const, gitTop: '/repo', dist: '/repo/dist', release, index };
    expect(names(RELEASE_STEPS, ctx).slice(-3)).toEqual(['twine check', 'upload (TestPyPI)', 'install from TestPyPI']);
    expect(names(RELEASE_STEPS, { ...ctx, gitTop: undefined } as StepContext)).toContain('git repository');
  });

  it('verify checks the artifacts, or with an index only what it serves', () => {
    const ctx = { ...fakeContext(() => {}), command: 'verify' as const, dist: '/repo/dist', release };
    expect(names(VERIFY_STEPS, ctx)).toEqual(['version usable by Python', 'tools present', 'artifacts', 'installed version', 'installed version (sdist)']);
    const url = 'http://127.0.0.1:1/simple/';
    expect(names(VERIFY_STEPS, { ...ctx, dist: undefined, index: { label: url, url, extra: url } } as StepContext)).toEqual([
      'version usable by Python',
      'tools present',
      `install from ${url}`,
    ]);
  });
});
