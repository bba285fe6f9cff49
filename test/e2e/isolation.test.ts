// The tests' own environment: what surrounds a test run (a developer's global git configuration,
// a git hook's GIT_DIR and GIT_INDEX_FILE) must not change what a test sees.
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.js';
import { testEnv } from '../helpers/env.js';
import { cleanupTempDirs, layoutRepo, tempDir } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

describe('test isolation', () => {
  it("keeps a developer's global git configuration and a surrounding hook's GIT_* away from every test", () => {
    const home = tempDir();
    const global = path.join(home, '.gitconfig');
    writeFileSync(global, '[tag]\n\tgpgSign = true\n[core]\n\thooksPath = /nonexistent/hooks\n[commit]\n\tgpgSign = true\n');
    const hostile = {
      GIT_CONFIG_GLOBAL: global,
      GIT_DIR: path.join(home, 'not-a-repository'),
      GIT_INDEX_FILE: path.join(home, 'index'),
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'user.useConfigOnly',
      GIT_CONFIG_VALUE_0: 'true',
    };
    const saved = { ...process.env };
    Object.assign(process.env, hostile);
    try {
      expect(Object.keys(testEnv()).filter((k) => k in hostile && k !== 'GIT_CONFIG_GLOBAL')).toEqual([]);
      expect(testEnv().GIT_CONFIG_GLOBAL).toBe('/dev/null');
      // Signed commits and tags, another git directory or index: any of them would fail these.
      const repo = layoutRepo('1.0.0').commit().tag('v1.0.0', true);
      expect(repo.git('tag', '--list')).toBe('v1.0.0\n');
      expect(run(['check'], repo.dir).code).toBe(0);
      expect(run(['hook', 'install'], repo.dir).code).toBe(0);
      expect(existsSync(repo.path('.git/hooks/pre-commit'))).toBe(true);
    } finally {
      for (const name of Object.keys(hostile)) delete process.env[name];
      Object.assign(process.env, saved);
    }
  });
});
