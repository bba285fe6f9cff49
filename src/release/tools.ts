// Whether the interpreters import what the commands need (`python3 -m build` → python3 needs build)
// and the other programs are on PATH: asked once per interpreter, module names as arguments.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

export interface ToolsNeeded {
  /** Interpreter → the modules it must import. */
  modules: Map<string, Set<string>>;
  programs: Set<string>;
  /** In words, for the plan: "python3 imports build, twine; sh on PATH". */
  describe: string;
}

export interface ToolsFound {
  ok: boolean;
  /** 'tools-found', or what is missing first: 'interpreter-missing', 'module-missing', 'venv-missing', 'program-missing'. */
  code: string;
  detail: string;
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
  const describe = [...[...modules].map(([p, m]) => `${p} imports ${[...m].join(', ')}`), ...(others.length ? [`${others.join(', ')} on PATH`] : [])].join(
    '; ',
  );
  return { modules, programs, describe };
}

/** Runs each interpreter once, as the commands will run (environment, working directory), to see that it imports what they need. */
export function findTools(commands: string[][], extra: [string, string[]][], run: { cwd: string; env: NodeJS.ProcessEnv }): ToolsFound {
  const { modules, programs } = toolsNeeded(commands, extra);
  const problems: { code: string; text: string }[] = [];
  for (const [python, mods] of modules) {
    const names = [...mods];
    // Module names travel as arguments, never spliced into code.
    const res = spawnSync(python, ['-c', 'import importlib, sys\nfor m in sys.argv[1:]: importlib.import_module(m)', ...names], {
      encoding: 'utf8',
      cwd: run.cwd,
      env: run.env,
    });
    if (res.error)
      problems.push({
        code: 'interpreter-missing',
        text: `${python} was not found; set release.python (or --python) to an interpreter with ${names.join(' and ')}`,
      });
    else if (res.status !== 0) {
      const missing = /No module named '([^']+)'/.exec(res.stderr)?.[1] ?? names.join(' or ');
      if (missing === 'venv' || missing === 'ensurepip')
        problems.push({
          code: 'venv-missing',
          text: `${python} cannot import ${missing}, which the installed-version check needs to create environments: install it (Debian/Ubuntu: apt-get install python3-venv)`,
        });
      else
        problems.push({
          code: 'module-missing',
          text: `${python} cannot import ${missing}: install build and twine (Debian/Ubuntu: apt-get install twine python3-build, which puts them into /usr/bin/python3; elsewhere: ${python} -m pip install build twine), or set release.python (or --python) to an interpreter that has them`,
        });
    }
  }
  for (const program of programs) if (!onPath(program, run.env)) problems.push({ code: 'program-missing', text: `${program} was not found on PATH` });
  if (problems.length) return { ok: false, code: problems[0]!.code, detail: problems.map((p) => p.text).join('; ') };
  const found = [...programs].filter((p) => !modules.has(p));
  return {
    ok: true,
    code: 'tools-found',
    detail: [...[...modules].map(([p, m]) => `${[...m].join(', ')} importable by ${p}`), ...(found.length ? [`found ${found.join(', ')}`] : [])].join('; '),
  };
}

function onPath(program: string, env: NodeJS.ProcessEnv): boolean {
  const candidates = program.includes('/') ? [program] : (env.PATH ?? '').split(path.delimiter).map((d) => path.join(d, program));
  return candidates.some((c) => {
    try {
      accessSync(c, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}
