// Throwaway git repositories in a temp dir, driven by the real `git`.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT } from './cli.js';
import { testEnv } from './env.js';

const made: string[] = [];

export class TempRepo {
  constructor(readonly dir: string) {}

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, encoding: 'utf8', env: testEnv() });
  }

  write(file: string, content: string | Buffer): this {
    const full = path.join(this.dir, file);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
    return this;
  }

  read(file: string): string {
    return readFileSync(path.join(this.dir, file), 'utf8');
  }

  bytes(file: string): Buffer {
    return readFileSync(path.join(this.dir, file));
  }

  path(file = ''): string {
    return path.join(this.dir, file);
  }

  commit(message = 'commit'): this {
    this.git('add', '-A');
    this.git('commit', '-q', '--allow-empty', '-m', message);
    return this;
  }

  tag(name: string, annotated = false): this {
    if (annotated) this.git('tag', '-a', name, '-m', name);
    else this.git('tag', name);
    return this;
  }
}

export function tempDir(prefix = 'hv-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** A new repository (git init, branch main), optionally seeded with files; nothing committed. */
export function tempRepo(files: Record<string, string | Buffer> = {}, init = true): TempRepo {
  const repo = new TempRepo(tempDir());
  if (init) repo.git('init', '-q', '-b', 'main');
  for (const [file, content] of Object.entries(files)) repo.write(file, content);
  return repo;
}

/** A repository holding a copy of examples/<name>, without its .heimdallrc.json: the zero-config case. */
export function exampleRepo(name = 'heimdall-mcp', init = true): TempRepo {
  const repo = tempRepo({}, init);
  cpSync(path.join(PROJECT, 'examples', name), repo.dir, { recursive: true, filter: (src) => path.basename(src) !== '.heimdallrc.json' });
  return repo;
}

export function cleanupTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export const pyproject = (version: string, extra = '') => `[project]\nname = "heimdall-mcp"\nversion = "${version}"\n${extra}`;

export const versionPy = (version: string) => `"""Version."""\n\n__version__ = "${version}"\n`;

export const VPY = 'cognitive_memory/core/version.py';

/** The heimdall-mcp layout at `version`, nothing committed. */
export const layoutRepo = (version = '0.2.0') => tempRepo({ 'pyproject.toml': pyproject(version), [VPY]: versionPy(version) });
