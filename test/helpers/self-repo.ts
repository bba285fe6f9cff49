// This repository as a user's git would fetch it: its current files (tracked, and new ones not yet
// committed, never ignored ones such as dist/ and node_modules/), committed in a fresh repository
// and tagged, so that `repo: file://…` and `uses:` routes are tested on the code under test.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { PROJECT } from './cli.js';
import { tempRepo, type TempRepo } from './repo.js';

export function selfRepo(tag = 'v0.1.0'): TempRepo {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: PROJECT, encoding: 'utf8' })
    .split('\0')
    .filter(Boolean);
  const repo = tempRepo();
  for (const file of files) {
    const from = path.join(PROJECT, file);
    mkdirSync(path.dirname(repo.path(file)), { recursive: true });
    try {
      copyFileSync(from, repo.path(file));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e; // deleted in the work tree, not yet committed
    }
  }
  return repo.commit('heimdall-version').tag(tag, true);
}
