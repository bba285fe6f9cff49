// The MCP Registry side of a release, end to end with Debian's build and twine and the loopback
// index: the wheel's description must carry `mcp-name: <server.json name>`, and release.mcp.publish
// runs after the upload and the tag, once the index serves the release (waited for through the clock).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAsync as run } from '../helpers/cli.js';
import { needs, testEnv } from '../helpers/env.js';
import { startPypiServer, type PypiServer } from '../helpers/pypi-server.js';
import { cleanupTempDirs, tempDir, tempRepo, type TempRepo } from '../helpers/repo.js';
import { renderSteps } from '../../src/cli/render-steps.js';
import { RULE_IDS } from '../../src/rules/index.js';
import { release, type StepEvent } from '../../src/index.js';

const PY = '/usr/bin/python3';
const hasTools = needs(
  spawnSync(PY, ['-c', 'import build, twine, setuptools']).status === 0,
  `the MCP publish tests (test/e2e/mcp-publish.test.ts): ${PY} lacks build, twine or setuptools`,
  'apt-get install twine python3-build',
);
const PASSWORD = 'pypi-mcp-publish-token';
const NAME = 'io.github.example/demo-mcp';

let server: PypiServer;
beforeAll(async () => {
  server = await startPypiServer({ username: '__token__', password: PASSWORD, lagging: 1 });
});
afterAll(async () => {
  await server?.close();
  cleanupTempDirs();
});

/** Records what the publish command saw: its arguments, its directory, and whether twine's password reached it. */
const RECORDER = `import os, sys
open(os.environ["PUBLISH_LOG"], "a").write("%s|%s|%s\\n" % (" ".join(sys.argv[1:]), os.getcwd(), os.environ.get("TWINE_PASSWORD")))
print("publishing", sys.argv[1:], flush=True)
sys.exit(int(os.environ.get("PUBLISH_EXIT", "0")))
`;

/** A package without dependencies that is listed in server.json (a pypi entry), its README as the description. */
function registryRepo(version: string, readme: string): TempRepo {
  const rules = Object.fromEntries(['mcp-registry-name'].filter((r) => (RULE_IDS as string[]).includes(r)).map((r) => [r, 'off']));
  return tempRepo({
    'pyproject.toml': `[build-system]\nrequires = ["setuptools>=61"]\nbuild-backend = "setuptools.build_meta"\n\n[project]\nname = "demo-mcp"\nversion = "${version}"\nreadme = "README.md"\n\n[tool.setuptools]\npackages = ["demo_mcp"]\n`,
    'README.md': readme,
    'demo_mcp/__init__.py': '',
    'server.json': `${JSON.stringify({ name: NAME, version, packages: [{ registryType: 'pypi', identifier: 'demo-mcp', version }] }, null, 2)}\n`,
    '.heimdallrc.json': JSON.stringify({
      sources: [{ file: 'pyproject.toml', type: 'toml', key: 'project.version', primary: true }],
      rules,
      release: {
        python: PY,
        build: [PY, '-m', 'build', '--no-isolation', '--wheel'],
        repositories: { pypi: server.url, testpypi: server.url },
        indexes: { testpypi: server.simple, pypi: server.simple },
        mcp: { probe: false, publish: [PY, '-c', RECORDER, 'publish', '--verbose'] },
      },
    }),
  }).commit('initial');
}

const env = (extra: Record<string, string> = {}): Record<string, string> => ({
  TWINE_USERNAME: '__token__',
  TWINE_PASSWORD: PASSWORD,
  HOME: tempDir(),
  CI: 'true',
  PUBLISH_LOG: path.join(tempDir(), 'publish.log'),
  ...extra,
});

describe.skipIf(!hasTools)('MCP Registry: mcp-name in the wheel, and the publish step', { timeout: 300_000 }, () => {
  it('a wheel whose description lacks mcp-name stops the release before the upload', async () => {
    const before = server.requests;
    const res = await run(['release', '--upload', '--yes'], registryRepo('1.0.0', '# demo-mcp\n\nAn MCP server.\n').dir, env());
    expect(res.code).toBe(1);
    expect(res.stdout).toContain(
      `✖ mcp-name: demo_mcp-1.0.0-py3-none-any.whl: its description lacks "mcp-name: ${NAME}", so the MCP Registry will refuse to list this release`,
    );
    expect(res.stderr).toContain('release stopped at "mcp-name"; nothing was uploaded or tagged');
    expect(server.requests).toBe(before);
  });

  it('after the upload and the tag, waits (through the clock) until the index serves the release, then publishes without the upload credentials', async () => {
    const repo = registryRepo('1.1.0', `# demo-mcp\n\n<!-- mcp-name: ${NAME} -->\n`);
    const e = env();
    const dry = await run(['release', '--upload', '--dry-run'], repo.dir, e);
    expect(dry.stdout).toContain(`MCP Registry: once ${server.simple} serves demo-mcp==1.1.0 (checked for up to 135s), run ${PY} -c`);
    // The library use case, in this process, with a clock that records the waits instead of waiting.
    const slept: number[] = [];
    const clock = { now: () => 0, sleep: async (ms: number) => void slept.push(ms) };
    const events: StepEvent[] = [];
    let out = '';
    const render = renderSteps({ out: (s) => (out += s), err: (s) => (out += s), color: false }, false);
    const res = await release({ cwd: repo.dir, mode: 'upload', yes: true, env: testEnv(e), clock, onEvent: (ev) => (events.push(ev), render(ev)) });
    expect(res.ok, out.slice(-1500)).toBe(true);
    expect(out).toContain(`✔ mcp-name: demo_mcp-1.1.0-py3-none-any.whl carries "mcp-name: ${NAME}"`);
    expect(slept).toEqual([5000]);
    expect(events).toContainEqual({
      type: 'wait',
      step: 'MCP Registry',
      seconds: 5,
      reason: `${server.simple} does not serve demo-mcp==1.1.0 yet; attempt 2 of 6`,
    });
    expect(res.steps.map((s) => s.step).slice(-3)).toEqual(['upload (PyPI)', 'tag', 'MCP Registry']);
    expect(readFileSync(e.PUBLISH_LOG!, 'utf8')).toBe(`publish --verbose|${repo.dir}|None\n`);
    expect(repo.git('tag', '--list')).toBe('v1.1.0\n');
  });

  it('a development release with server.json still at the last release stops before anything is built or uploaded', async () => {
    const repo = registryRepo('1.2.0', `# demo-mcp\n\n<!-- mcp-name: ${NAME} -->\n`);
    repo.git('tag', 'v1.2.0');
    const config = JSON.parse(repo.read('.heimdallrc.json'));
    repo.write('.heimdallrc.json', JSON.stringify({ ...config, versioning: 'pep440' }));
    repo.write('pyproject.toml', repo.read('pyproject.toml').replace('version = "1.2.0"', 'version = "1.3.0.dev0"'));
    repo.commit('start 1.3.0');
    // Between releases check allows server.json at the last release; publishing it with this upload would list 1.3.0.dev0 as 1.2.0.
    expect((await run(['check'], repo.dir)).code).toBe(0);
    const before = server.requests;
    const res = await run(['release', '--upload', '--yes'], repo.dir, env());
    expect(res.code).toBe(1);
    expect(res.stdout).toContain("✖ registry entry: server.json's version is 1.2.0, packages[0].version is 1.2.0, not 1.3.0.dev0:");
    expect(res.stderr).toContain('release stopped at the gate "registry entry"; nothing was built or uploaded');
    expect(server.requests).toBe(before);
    expect(existsSync(repo.path('dist'))).toBe(false);
  });

  it('a publish that fails after the upload says exactly what is published and what is not', async () => {
    const repo = registryRepo('1.2.0', `# demo-mcp\n\n<!-- mcp-name: ${NAME} -->\n`);
    const res = await run(['release', '--upload', '--yes'], repo.dir, env({ PUBLISH_EXIT: '3' }));
    expect(res.code).toBe(1);
    expect(res.stdout).toContain("publishing ['publish', '--verbose']\n");
    expect(res.stdout).toContain(
      '✖ MCP Registry: demo-mcp 1.2.0 is on PyPI (demo_mcp-1.2.0-py3-none-any.whl) and tagged v1.2.0; the MCP Registry was not updated:',
    );
    expect(res.stdout).toContain('exited with 3 (its output is above). Once fixed, run it again in the project; the PyPI release stands as it is');
    expect(res.stderr).toContain('release stopped at "MCP Registry" after the upload and the tag');
    expect(repo.git('tag', '--list')).toBe('v1.2.0\n');
  });
});
