// A step started early (beside the step before it) whose turn never comes is stopped whole, with
// real processes: even a command that ignores SIGINT, and what it started, are gone when the run
// returns (SIGINT to its process group, then SIGKILL after a grace period).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSteps } from '../../src/release/runner.js';
import { execute } from '../../src/release/run-command.js';
import { failed, passed, type Step } from '../../src/release/step.js';
import { cleanupTempDirs, tempDir } from '../helpers/repo.js';
import { fakeContext } from '../helpers/step-context.js';

afterAll(cleanupTempDirs);

/** Whether a process of this pid is still running (a zombie counts as gone). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
}

describe.skipIf(process.platform !== 'linux')('an early step stopped before its turn', () => {
  it('a command that ignores SIGINT, and the child it started, are killed; the run returns', async () => {
    const dir = tempDir();
    const pids = path.join(dir, 'pids');
    // The shell and its sleep ignore SIGINT (an ignored signal stays ignored across exec).
    const script = `trap '' INT; sleep 600 & echo "$$ $!" > ${pids}.tmp; mv ${pids}.tmp ${pids}; wait`;
    const steps: Step[] = [
      {
        name: 'a',
        description: () => '',
        stage: 'built',
        // Fails once b's command has started: the run ends before b's turn.
        async run() {
          while (!existsSync(pids)) await new Promise((r) => setTimeout(r, 20));
          return failed('broken', 'broken');
        },
      },
      {
        name: 'b',
        description: () => '',
        stage: 'built',
        early: true,
        run: async (ctx) => {
          await execute(ctx, 'ignores SIGINT', ['sh', '-c', script], { cwd: dir });
          return passed('never');
        },
      },
    ];
    const result = await runSteps(steps, { ...fakeContext(() => {}), root: dir });
    expect(result.stopped).toMatchObject({ step: 'a', code: 'broken' });
    const [shell, sleeper] = readFileSync(pids, 'utf8').trim().split(' ').map(Number);
    expect(alive(shell!), 'the command').toBe(false);
    expect(alive(sleeper!), "the command's child").toBe(false);
  }, 60_000);
});
