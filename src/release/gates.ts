// The release gates: each says whether the release may go on, and why not.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { changedTrackedFiles, currentBranch, headCommit, tagCommit } from '../git/git.js';

export interface GateResult {
  ok: boolean;
  detail: string;
}

export interface ToolsNeeded {
  /** Interpreter → the modules it must import (`python3 -m build` → python3 needs build). */
  modules: Map<string, Set<string>>;
  programs: Set<string>;
  /** In words, for the plan: "python3 imports build, twine; sh is on PATH". */
  describe: string;
}

/** Every interpreter-module pair the commands need, and every plain program; `extra` adds modules per interpreter. */
export function toolsNeeded(commands: string[][], extra: [string, string[]][] = []): ToolsNeeded {
  const modules = new Map<string, Set<string>>();
  const programs = new Set<string>();
  const add = (python: string, mods: string[]) => modules.set(python, new Set([...(modules.get(python) ?? []), ...mods]));
  for (const argv of commands) {
    if (argv[1] === '-m' && argv[2]) add(argv[0]!, [argv[2]]);
    else programs.add(argv[0]!);
  }
  for (const [python, mods] of extra) add(python, mods);
  const others = [...programs].filter((p) => !modules.has(p));
  const describe = [...[...modules].map(([p, m]) => `${p} imports ${[...m].join(', ')}`), ...(others.length ? [`${others.join(', ')} on PATH`] : [])].join('; ');
  return { modules, programs, describe };
}

/** Runs the interpreters once each to see that they import what the commands need. */
export function toolsGate(commands: string[][], extra: [string, string[]][] = []): GateResult {
  const { modules, programs } = toolsNeeded(commands, extra);
  const problems: string[] = [];
  for (const [python, mods] of modules) {
    const names = [...mods];
    // Module names travel as arguments, never spliced into code.
    const res = spawnSync(python, ['-c', 'import importlib, sys\nfor m in sys.argv[1:]: importlib.import_module(m)', ...names], { encoding: 'utf8' });
    if (res.error) problems.push(`${python} was not found; set release.python (or --python) to an interpreter with ${names.join(' and ')}`);
    else if (res.status !== 0) {
      const missing = /No module named '([^']+)'/.exec(res.stderr)?.[1] ?? names.join(' or ');
      if (missing === 'venv' || missing === 'ensurepip')
        problems.push(`${python} cannot import ${missing}, which the installed-version check needs to create environments: install it (Debian/Ubuntu: apt-get install python3-venv)`);
      else problems.push(
        `${python} cannot import ${missing}: install build and twine (Debian/Ubuntu: apt-get install twine python3-build, which puts them into /usr/bin/python3; elsewhere: ${python} -m pip install build twine), or set release.python (or --python) to an interpreter that has them`,
      );
    }
  }
  for (const program of programs) if (!onPath(program)) problems.push(`${program} was not found on PATH`);
  if (problems.length) return { ok: false, detail: problems.join('; ') };
  const found = [...programs].filter((p) => !modules.has(p));
  return { ok: true, detail: [...[...modules].map(([p, m]) => `${[...m].join(', ')} importable by ${p}`), ...(found.length ? [`found ${found.join(', ')}`] : [])].join('; ') };
}

export async function cleanTreeGate(gitTop: string): Promise<GateResult> {
  const dirty = await changedTrackedFiles(gitTop);
  if (dirty.length === 0) return { ok: true, detail: 'no uncommitted changes' };
  return { ok: false, detail: `uncommitted changes in ${dirty.slice(0, 5).join(', ')}${dirty.length > 5 ? ', …' : ''}; commit or stash them (or pass --allow-dirty)` };
}

export async function branchGate(gitTop: string, wanted: string): Promise<GateResult> {
  const branch = await currentBranch(gitTop);
  if (branch === wanted) return { ok: true, detail: `on ${wanted}` };
  return { ok: false, detail: `releases are made from ${wanted}, but ${branch ? `this is ${branch}` : 'HEAD is detached'}` };
}

export async function tagGate(gitTop: string, tag: string): Promise<GateResult> {
  const [tagged, head] = await Promise.all([tagCommit(gitTop, tag), headCommit(gitTop)]);
  if (!head) return { ok: false, detail: 'the repository has no commits to release' };
  if (!tagged) return { ok: true, detail: `${tag} is free` };
  if (tagged === head) return { ok: true, detail: `${tag} already tags HEAD` };
  return { ok: false, detail: `${tag} already tags another commit (${tagged.slice(0, 12)}); bump the version first` };
}

/** In GitHub Actions on a tag push, the triggering tag must be the one this release would make. */
export function githubRefGate(env: NodeJS.ProcessEnv, tag: string): GateResult | undefined {
  if (env.GITHUB_ACTIONS !== 'true' || env.GITHUB_REF_TYPE !== 'tag') return undefined;
  const ref = env.GITHUB_REF_NAME ?? '';
  if (ref === tag) return { ok: true, detail: `triggered by ${tag}` };
  return { ok: false, detail: `the workflow was triggered by tag ${ref || '(unknown)'}, but the version says ${tag}` };
}

function onPath(program: string): boolean {
  const candidates = program.includes('/') ? [program] : (process.env.PATH ?? '').split(path.delimiter).map((d) => path.join(d, program));
  return candidates.some((c) => {
    try {
      accessSync(c, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}
