// The audit's HTML page in a real headless Chromium (Debian's chromium): it loads with no console
// message (no script error, nothing its policy had to block), the elements for each release and
// each drift window are in the DOM, a repository's strings are text and never markup, and a
// screenshot is kept as a test artifact (outside the repository).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.js';
import { needs, testEnv } from '../helpers/env.js';
import { cleanupTempDirs, pyproject, tempDir, tempRepo, VPY, type TempRepo } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

const hasChromium = needs(
  spawnSync('chromium', ['--version'], { encoding: 'utf8' }).status === 0,
  'the HTML audit page in a browser (audit-html.test.ts)',
  "it needs Debian's headless Chromium: apt-get install chromium",
);

/** Where screenshots are kept: HEIMDALL_TEST_ARTIFACTS, else a directory in the system's temp. */
const ARTIFACTS = process.env.HEIMDALL_TEST_ARTIFACTS ?? path.join(os.tmpdir(), 'heimdall-version-test-artifacts');

/** Runs headless Chromium on a page: its console (logged to stderr) and what it was asked for (the DOM, a screenshot). */
function chromium(page: string, ...args: string[]): { stdout: string; console: string[] } {
  const profile = tempDir('hv-chromium-');
  const res = spawnSync(
    'chromium',
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      `--user-data-dir=${profile}`,
      '--enable-logging=stderr',
      '--v=0',
      ...args,
      `file://${page}`,
    ],
    // A safety net only: the browser exits when it has rendered the page.
    { encoding: 'utf8', env: testEnv(), timeout: 180_000, maxBuffer: 64 << 20 },
  );
  expect(res.status, res.stderr).toBe(0);
  return { stdout: res.stdout, console: res.stderr.split('\n').filter((l) => l.includes(':CONSOLE')) };
}

const runtime = (dist: string, fallback: string) =>
  `try:\n    from importlib.metadata import version\n    SYSTEM_VERSION = version("${dist}")\nexcept Exception:\n    SYSTEM_VERSION = "${fallback}"\n`;

function release(repo: TempRepo, version: string, dist = 'heimdall-mcp', fallback = version): TempRepo {
  return repo.write('pyproject.toml', pyproject(version)).write(VPY, runtime(dist, fallback)).commit(version);
}

describe.skipIf(!hasChromium)('the audit page in headless Chromium', () => {
  it('draws every release and the drift window, with no console message, and is kept as a screenshot', () => {
    const repo = tempRepo();
    release(repo, '0.2.9').tag('v0.2.9');
    for (const v of ['0.2.10', '0.3.0', '0.3.1', '0.3.2']) release(repo, v, 'heimdall-mcp-server', '0.1.0').tag(`v${v}`, v === '0.3.0');
    release(repo, '0.3.3').tag('v0.3.3');
    release(repo, '0.3.5'); // untagged: a finding beside the timeline
    const page = path.join(tempDir(), 'audit.html');
    const res = run(['audit', '--format', 'html', '--output', page], repo.dir);
    expect(res.code).toBe(1);
    const html = readFileSync(page, 'utf8');
    expect(html).not.toMatch(/<script|<link|src=|href=/i);

    const dom = chromium(page, '--dump-dom');
    expect(dom.console).toEqual([]);
    const releases = [...dom.stdout.matchAll(/<g class="release[^"]*" data-release="(\d+)"/g)].map((m) => Number(m[1]));
    expect(releases).toEqual([0, 1, 2, 3, 4, 5]);
    expect(dom.stdout.match(/<g class="window" data-window="\d+"/g)).toHaveLength(2); // the lookup and the stale literal
    expect(dom.stdout).toContain(`v0.2.10 … v0.3.2: ${VPY} reports 0.1.0 at run time`);
    expect(dom.stdout).toContain('the version changed to 0.3.5 at commit');

    mkdirSync(ARTIFACTS, { recursive: true });
    const shot = path.join(ARTIFACTS, 'audit-timeline.png');
    const screenshot = chromium(page, `--screenshot=${shot}`, '--window-size=1400,600');
    expect(screenshot.console).toEqual([]);
    expect(existsSync(shot)).toBe(true);
    expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG');
  });

  it("writes a repository's strings as text: markup in a version and a file name stays inert", () => {
    const repo = tempRepo();
    const evil = '<img src=http://127.0.0.1:9/x onerror=alert(1)>';
    repo.write('notes"<u>.txt', `V=${evil}\n`);
    repo.write(
      '.heimdallrc.json',
      JSON.stringify({
        sources: [
          { file: 'pyproject.toml', type: 'toml', primary: true },
          { file: 'notes"<u>.txt', type: 'regex', pattern: 'V=(?<version>.*)' },
        ],
      }),
    );
    release(repo, '1.0.0').tag('v1.0.0');
    release(repo, '1.0.1').tag('v1.0.1');
    const page = path.join(tempDir(), 'audit.html');
    expect(run(['audit', '--format', 'html', '--output', page], repo.dir).code).toBe(1);
    const dom = chromium(page, '--dump-dom');
    expect(dom.console).toEqual([]);
    expect(dom.stdout).not.toMatch(/<img|<u>/);
    expect(dom.stdout).toContain('notes&quot;&lt;u&gt;.txt');
    expect(dom.stdout).toContain('&lt;img src=http://127.0.0.1:9/x onerror=alert(1)&gt;');
  });
});
