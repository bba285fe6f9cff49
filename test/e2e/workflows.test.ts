// The GitHub Action (action.yml) and the example workflows, parsed and run: every command they
// give runs against a fixture, as a runner would run it.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needs } from '../helpers/env.js';
import { PROJECT, run } from '../helpers/cli.js';
import { readAction, runAction } from '../helpers/action.js';
import { cleanupTempDirs, exampleRepo, type TempRepo } from '../helpers/repo.js';
import { selfRepo } from '../helpers/self-repo.js';

afterAll(cleanupTempDirs);
const PY = '/usr/bin/python3';
const hasTools = needs(
  spawnSync(PY, ['-c', 'import build, twine']).status === 0,
  `the release workflow's build job (workflows.test.ts): ${PY} lacks build or twine`,
  'apt-get install twine python3-build',
);
const ESBUILD = JSON.parse(readFileSync(path.join(PROJECT, 'node_modules', 'esbuild', 'package.json'), 'utf8')).version;
const ANNOTATION = '::error file=cognitive_memory/core/version.py,line=6,col=31,title=runtime-lookup::SYSTEM_VERSION looks up';
const yamlOf = (file: string) => parse(readFileSync(path.join(PROJECT, file), 'utf8'));
// What a runner sets that the CLI reads; the fixture is no release tag unless a test says so.
const RUNNER = { GITHUB_ACTIONS: 'true', GITHUB_REF_TYPE: 'branch', GITHUB_REF_NAME: 'main', NO_COLOR: '1', CI: 'true' };

describe('action.yml', () => {
  let actionDir: string;
  beforeAll(() => {
    actionDir = selfRepo('v1').dir; // what `uses: OWNER/heimdall-version@v1` checks out: no dist/, no node_modules/
  });

  it('is a composite action with inputs args, working-directory and node-version', () => {
    const action = readAction(PROJECT);
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs).sort()).toEqual(['args', 'node-version', 'working-directory']);
    expect(action.inputs.args!.default).toBe('check --format github');
    const setup = action.runs.steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a JavaScript template
    expect(setup).toMatchObject({ if: "inputs.node-version != ''", with: { 'node-version': '${{ inputs.node-version }}' } });
    expect(readFileSync(path.join(PROJECT, 'action.yml'), 'utf8')).toContain(`esbuild@${ESBUILD}`);
  });

  it('runs check --format github on the workspace: annotations, exit 1 on drift', () => {
    const repo = exampleRepo('heimdall-mcp-drifted').commit();
    const res = runAction(actionDir, {}, repo.dir, RUNNER);
    expect(res.stdout.split('\n')).toEqual(
      expect.arrayContaining([expect.stringMatching(new RegExp(`^${ANNOTATION.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`))]),
    );
    expect(res.code).toBe(1);
    expect(res.skipped.map((s) => s.uses)).toEqual(['actions/setup-node@v4']);
    expect(res.skipped[0]!.with).toEqual({ 'node-version': '20' });
  }, 300_000);

  it('takes args and a working directory; the args never reach a shell', () => {
    const repo = exampleRepo('heimdall-mcp').commit();
    const sarif = runAction(actionDir, { args: 'check --format sarif', 'working-directory': 'cognitive_memory' }, repo.dir, RUNNER);
    expect(sarif.code).toBe(0);
    expect(JSON.parse(sarif.stdout).version).toBe('2.1.0');
    const evil = runAction(actionDir, { args: 'check; touch pwned $(touch pwned2)' }, repo.dir, RUNNER);
    expect(evil.code).toBe(2);
    expect(existsSync(repo.path('pwned')) || existsSync(repo.path('pwned2')) || existsSync(repo.path('cognitive_memory/pwned'))).toBe(false);
  }, 300_000);

  it('examples/ci/github-check.yml: the action with its defaults blocks the drift', () => {
    const workflow = yamlOf('examples/ci/github-check.yml');
    const steps = workflow.jobs.check.steps as { uses?: string; with?: Record<string, string> }[];
    expect(steps[0]).toEqual({ uses: 'actions/checkout@v4', with: { 'fetch-depth': 0 } });
    expect(steps[1]!.uses).toBe('OWNER/heimdall-version@v1');
    const res = runAction(actionDir, steps[1]!.with ?? {}, exampleRepo('heimdall-mcp-drifted').commit().dir, RUNNER);
    expect(res.stdout).toContain(ANNOTATION);
    expect(res.code).toBe(1);
  }, 300_000);
});

describe('examples/release.yml', () => {
  const workflow = yamlOf('examples/release.yml');
  type Step = { uses?: string; run?: string; with?: Record<string, unknown> };

  it('is triggered by a published release, or by hand with a TestPyPI/PyPI choice', () => {
    expect(workflow.on.release).toEqual({ types: ['published'] });
    expect(workflow.on.workflow_dispatch.inputs.repository).toMatchObject({ type: 'choice', options: ['testpypi', 'pypi'] });
    expect(workflow.permissions).toEqual({ contents: 'read' });
  });

  it('publishes with trusted publishing from separate jobs, each in its environment with id-token: write', () => {
    const publish = (name: string, environment: string, condition: string) => {
      const job = workflow.jobs[name];
      expect(job.needs).toBe('build');
      expect(job.if).toBe(condition);
      expect(job.environment.name).toBe(environment);
      expect(job.permissions).toEqual({ 'id-token': 'write' });
      const steps = job.steps as Step[];
      expect(steps[0]).toMatchObject({ uses: 'actions/download-artifact@v4', with: { name: 'python-package-distributions', path: 'dist/' } });
      expect(steps[1]!.uses).toBe('pypa/gh-action-pypi-publish@release/v1');
      return steps[1]!;
    };
    expect(publish('publish-to-pypi', 'pypi', "github.event_name == 'release' || inputs.repository == 'pypi'").with).toBeUndefined();
    expect(publish('publish-to-testpypi', 'testpypi', "github.event_name == 'workflow_dispatch' && inputs.repository == 'testpypi'").with).toEqual({
      'repository-url': 'https://test.pypi.org/legacy/',
    });
    expect(workflow.jobs.build.permissions).toBeUndefined(); // the build job holds no id-token
  });

  describe.skipIf(!hasTools)('the build job, run against a fixture', () => {
    const steps = workflow.jobs.build.steps as Step[];
    const action = steps.find((s) => s.uses === 'OWNER/heimdall-version@v1')!;
    let actionDir: string;
    beforeAll(() => {
      actionDir = selfRepo('v1').dir;
    });
    const fixture = (): TempRepo => {
      const repo = exampleRepo('heimdall-mcp');
      // The runner's python (setup-python, then pip install build twine) is Debian's here, offline: no isolated build.
      repo.write('.heimdallrc.json', JSON.stringify({ release: { python: PY, build: [PY, '-m', 'build', '--no-isolation'] } }));
      return repo.commit();
    };

    it('checks out with the tags, installs build and twine, runs release --no-upload and keeps dist/', () => {
      expect(steps[0]).toMatchObject({ uses: 'actions/checkout@v4', with: { 'fetch-depth': 0 } });
      expect(steps.map((s) => s.run).filter(Boolean)).toEqual(['python3 -m pip install build twine']);
      expect(action.with).toEqual({ args: 'release --no-upload' });
      expect(steps.at(-1)).toEqual({ uses: 'actions/upload-artifact@v4', with: { name: 'python-package-distributions', path: 'dist/' } });
    });

    it('passes for a release whose tag is the version, and dist/ holds the wheel and the sdist', () => {
      const repo = fixture().tag('v0.2.0');
      const res = runAction(actionDir, action.with as Record<string, string>, repo.dir, { ...RUNNER, GITHUB_REF_TYPE: 'tag', GITHUB_REF_NAME: 'v0.2.0' });
      expect(res.stderr).not.toMatch(/\n\s+at /);
      expect(res.stdout).toContain('✔ GitHub tag');
      expect(res.code).toBe(0);
      const dist = readdirSync(repo.path('dist')).sort();
      expect(dist).toHaveLength(2);
      expect(dist[0]).toMatch(/^heimdall[-_]mcp-0\.2\.0-py3-none-any\.whl$|^heimdall[-_]mcp-0\.2\.0\.tar\.gz$/);
      expect(dist.some((f) => f.endsWith('.whl')) && dist.some((f) => f.endsWith('.tar.gz'))).toBe(true);
    }, 300_000);

    it('stops before building when the release was made from a tag that is not the version', () => {
      const repo = fixture();
      const res = runAction(actionDir, action.with as Record<string, string>, repo.dir, { ...RUNNER, GITHUB_REF_TYPE: 'tag', GITHUB_REF_NAME: 'v0.3.0' });
      expect(res.stdout).toContain('✖ GitHub tag');
      expect(res.code).toBe(1);
      expect(existsSync(repo.path('dist'))).toBe(false);
    }, 300_000);
  });
});

describe('examples/ci/gitlab-ci.yml', () => {
  it('installs from git the way the install test proves, then its check blocks the drift', () => {
    const script = yamlOf('examples/ci/gitlab-ci.yml').versions.script as string[];
    expect(script[0]).toBe(`npm install --global --install-links "git+https://github.com/OWNER/heimdall-version.git#v0.1.0" esbuild@${ESBUILD}`);
    const args = /^heimdall-version ([^>]+?) >/.exec(script[1]!)![1]!.split(' ');
    const res = run(args, exampleRepo('heimdall-mcp-drifted').commit().dir);
    expect(res.code).toBe(1);
    expect(JSON.parse(res.stdout).diagnostics.map((d: { rule: string }) => d.rule)).toContain('runtime-lookup');
  });
});
