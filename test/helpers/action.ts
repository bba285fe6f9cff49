// Runs a composite GitHub Action (action.yml) as the runner would: its run steps in bash, with the
// ${{ inputs.* }}, ${{ github.action_path }} and ${{ runner.temp }} expressions substituted and
// GITHUB_ACTION_PATH/RUNNER_TEMP set. `uses:` steps are returned for the caller to assert on.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { tempDir } from './repo.js';
import { testEnv } from './env.js';

interface ActionStep {
  if?: string;
  uses?: string;
  with?: Record<string, string>;
  name?: string;
  shell?: string;
  run?: string;
  env?: Record<string, string>;
  'working-directory'?: string;
}
export interface Action {
  inputs: Record<string, { default?: string; required?: boolean; description: string }>;
  runs: { using: string; steps: ActionStep[] };
}

export const readAction = (dir: string): Action => parse(readFileSync(path.join(dir, 'action.yml'), 'utf8')) as Action;

export interface ActionRun {
  skipped: ActionStep[];
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs every `run:` step in order (stopping at the first failure) in `workspace`; `uses:` steps are skipped and returned. */
export function runAction(actionDir: string, given: Record<string, string>, workspace: string, env: NodeJS.ProcessEnv = {}): ActionRun {
  const action = readAction(actionDir);
  const inputs = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, given[k] ?? v.default ?? '']));
  const temp = tempDir('hv-runner-temp-');
  const expand = (s: string) =>
    s.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, expr: string) => {
      if (expr.startsWith('inputs.')) return inputs[expr.slice(7)] ?? '';
      if (expr === 'github.action_path') return actionDir;
      if (expr === 'runner.temp') return temp;
      throw new Error(`unsupported expression ${expr}`);
    });
  const skipped: ActionStep[] = [];
  let last = { code: 0, stdout: '', stderr: '' };
  for (const step of action.runs.steps) {
    if (step.uses) {
      skipped.push({ ...step, with: Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, expand(String(v))])) });
      continue;
    }
    if (step.shell !== 'bash') throw new Error(`step ${step.name}: shell ${step.shell} is not bash`);
    const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(String(v))]));
    const cwd = path.resolve(workspace, expand(step['working-directory'] ?? '.'));
    // The runner's bash: bash --noprofile --norc -eo pipefail {0}
    const res = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', expand(step.run!)], {
      cwd,
      encoding: 'utf8',
      env: { ...testEnv(), ...env, GITHUB_ACTION_PATH: actionDir, RUNNER_TEMP: temp, GITHUB_WORKSPACE: workspace, ...stepEnv },
    });
    last = { code: res.status ?? -1, stdout: res.stdout, stderr: res.stderr };
    if (last.code !== 0) break;
  }
  return { skipped, ...last };
}
