// init and hook install/uninstall as library use cases (the built dist/index.js): results and typed
// events, no printing; the CLI only words them.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT } from '../helpers/cli.js';
import { cleanupTempDirs, layoutRepo, pyproject, tempRepo } from '../helpers/repo.js';

afterAll(cleanupTempDirs);
type Api = typeof import('../../src/index.js');
let api: Api;
beforeAll(async () => {
  api = (await import(path.join(PROJECT, 'dist/index.js'))) as Api;
});

describe('init()', () => {
  it('returns what it found and wrote, and tells it as events in order', async () => {
    const repo = tempRepo({ 'pyproject.toml': pyproject('0.2.0'), 'pkg/__init__.py': '__version__ = "0.1.0"\n' });
    const events: import('../../src/index.js').InitEvent[] = [];
    const result = await api.init({ cwd: repo.dir, onEvent: (e) => events.push(e) });
    expect(events.map((e) => e.type)).toEqual(['found', 'written']);
    expect(result.file).toBe(path.join(repo.dir, '.heimdallrc.json'));
    expect(result.candidates.map((c) => [c.source.file, c.kept, c.drift])).toEqual([
      ['pyproject.toml', true, undefined],
      ['pkg/__init__.py', true, { primary: '0.2.0', short: false }],
    ]);
    expect(JSON.parse(readFileSync(result.file!, 'utf8'))).toEqual(result.config);
    expect(result.config!.$schema).toBeUndefined(); // no ownSchema given and none in node_modules: nothing guessed
  });

  it('refuses a second configuration with a UserError (exit 2) and writes nothing', async () => {
    const repo = tempRepo({
      'pyproject.toml': pyproject('0.2.0'),
      '.heimdallrc.yaml': 'sources:\n  - { file: pyproject.toml, type: toml, key: project.version }\n',
    });
    const refused = api.init({ cwd: repo.dir, force: true });
    await expect(refused).rejects.toBeInstanceOf(api.UserError);
    await expect(refused).rejects.toMatchObject({ exitCode: 2 });
    expect(existsSync(repo.path('.heimdallrc.json'))).toBe(false);
  });
});

describe('installHook() and uninstallHook()', () => {
  it('say where the check went and what was done, as a result and as events', async () => {
    const repo = layoutRepo().commit();
    const events: import('../../src/index.js').HookEvent[] = [];
    const hook = path.join(repo.dir, '.git', 'hooks', 'pre-commit');
    const installed = await api.installHook({ cwd: repo.dir, onEvent: (e) => events.push(e) });
    expect(installed).toEqual({ action: 'install', manager: 'git', file: hook, outcome: 'created' });
    expect(events).toEqual([
      { type: 'target', manager: 'git', file: hook },
      { type: 'done', ...installed },
    ]);
    expect(readFileSync(hook, 'utf8')).toContain('heimdall-version check --staged');
    expect((await api.installHook({ cwd: repo.dir })).outcome).toBe('already-installed');
    expect(await api.uninstallHook({ cwd: repo.dir })).toEqual({ action: 'uninstall', manager: 'git', file: hook, outcome: 'deleted' });
    expect(existsSync(hook)).toBe(false);
  });
});
