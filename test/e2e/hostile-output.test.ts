// Versions, file names and keys come from the repository; printed, they must not forge a line, a
// terminal sequence or a CI log command (GitHub runs "::command::" at a line's start, after spaces,
// and "##[command]" anywhere in a line).
import { afterAll, describe, expect, it } from 'vitest';
import { run, type RunResult } from '../helpers/cli.js';
import { cleanupTempDirs, pyproject, tempRepo, VPY, versionPy } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

/** A payload for each trick: a new line carrying a workflow command, a carriage return, terminal escapes, a bidi override, a V1 command. */
const PAYLOAD = '\n::error file=forged.py::forged\r::warning::x\u001b]0;title\u0007\u001b[31mred\u009b2J\u202eevil##[add-mask]secret';
/** The same, where only text that TOML can hold in a key or a file name fits. */
const NAME = '::error::forged##[group]x\u202e';

const FORMATS = [['check'], ['check', '--format', 'github'], ['check', '--format', 'json'], ['check', '--format', 'sarif'], ['show', '--json']];

/** What heimdall-version meant to print in the github format: annotations with escaped properties and data. */
const OUR_ANNOTATION = /^::(error|warning) (file=[^,:\r\n]*,)?(line=\d+,)?(col=\d+,)?title=[a-z-]+::[^\r\n]*$/;

function expectInert(res: RunResult, args: string[]) {
  const what = `${args.join(' ')}\n${res.stdout}\n${res.stderr}`;
  for (const [stream, text] of [
    ['stdout', res.stdout],
    ['stderr', res.stderr],
  ] as const) {
    // Nothing but line feeds among the control characters, no C1 controls, no bidi overrides.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
    expect(text, `${stream} of ${what}`).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/);
    expect(text, `${stream} of ${what}`).not.toContain('##[');
    for (const line of text.split('\n')) {
      if (!line.trimStart().startsWith('::')) continue;
      expect(stream === 'stdout' && args.includes('github') && OUR_ANNOTATION.test(line), `${stream} line ${JSON.stringify(line)} of ${what}`).toBe(true);
    }
  }
}

describe('output made of what the repository holds', () => {
  it('a version that holds a payload is printed inert in every format', () => {
    const version = JSON.stringify(`0.2.0${PAYLOAD}`);
    const repo = tempRepo({ 'pyproject.toml': `[project]\nname = "heimdall-mcp"\nversion = ${version}\n`, [VPY]: versionPy('0.2.0') }).commit();
    for (const args of FORMATS) {
      const res = run(args, repo.dir);
      // show --json reports the primary's version as it is read; the JSON is inert.
      expect(res.code, `${args.join(' ')}: ${res.stderr}`).toBe(args[0] === 'show' ? 0 : 1);
      expectInert(res, args);
    }
  });

  it("a file name (from the build backend's settings) that holds a payload is printed inert in every format", () => {
    const file = `src/x${PAYLOAD}.py`;
    const repo = tempRepo({
      'pyproject.toml': `${pyproject('0.2.0').replace(/version = .*\n/, 'dynamic = ["version"]\n')}\n[tool.hatch.version]\npath = ${JSON.stringify(file)}\n`,
    }).commit();
    for (const args of FORMATS) {
      const res = run(args, repo.dir);
      // SARIF cannot locate such a file (sarif.test.ts): a located error instead.
      expect(res.code, `${args.join(' ')}: ${res.stderr}`).toBe(args.includes('sarif') ? 2 : 1);
      expectInert(res, args);
    }
  });

  it('a configured file name that starts like a workflow command is printed inert', () => {
    const repo = tempRepo({
      'pyproject.toml': pyproject('0.2.0'),
      '.heimdallrc.json': JSON.stringify({
        sources: [
          { file: 'pyproject.toml', type: 'toml' },
          { file: `  ${NAME}.toml`, type: 'toml' },
        ],
      }),
    }).commit();
    for (const args of FORMATS) {
      const res = run(args, repo.dir);
      expect(res.code, `${args.join(' ')}: ${res.stderr}`).toBe(args[0] === 'show' ? 0 : 1);
      expectInert(res, args);
    }
  });

  it('a configuration key or file name that holds a payload is quoted inert in the configuration error, in every format', () => {
    for (const config of [{ [`x${PAYLOAD}`]: 1 }, { sources: [{ file: `a${PAYLOAD}`, type: 'toml' }] }, { rules: { [`r${PAYLOAD}`]: 'off' } }]) {
      const repo = tempRepo({ 'pyproject.toml': pyproject('0.2.0'), '.heimdallrc.json': JSON.stringify(config) }).commit();
      for (const args of FORMATS) {
        const res = run(args, repo.dir);
        expect(res.code, `${args.join(' ')}: ${res.stderr}`).toBe(2);
        expectInert(res, args);
      }
    }
  });

  it('a YAML configuration key that holds a payload is quoted inert', () => {
    const repo = tempRepo({ 'pyproject.toml': pyproject('0.2.0'), '.heimdallrc.yaml': `${JSON.stringify(`k${PAYLOAD}`)}: 1\n` }).commit();
    const res = run(['check', '--format', 'github'], repo.dir);
    expect(res.code).toBe(2);
    expectInert(res, ['check', '--format', 'github']);
    expect(res.stderr).toContain('\\n::error file=forged.py::forged\\r');
  });
});

describe('show', () => {
  const cases: [string, string, string][] = [
    ['a second line', '0.2.0\nINJECTED=1', 'not a valid PEP 440 version'],
    ['a trailing line break', '0.2.0\n', 'not a valid PEP 440 version'],
    ['a space', '0.2.0 x', 'not a valid PEP 440 version'],
    ['no version at all', 'latest', 'not a valid PEP 440 version'],
  ];
  for (const [what, version, why] of cases) {
    it(`prints nothing and fails when the primary version holds ${what} (VERSION=$(show) and $GITHUB_ENV take it as it is)`, () => {
      const repo = tempRepo({ 'pyproject.toml': `[project]\nname = "heimdall-mcp"\nversion = ${JSON.stringify(version)}\n` }).commit();
      const res = run(['show'], repo.dir);
      expect(res).toMatchObject({ code: 1, stdout: '' });
      expect(res.stderr).toContain(`pyproject.toml states ${JSON.stringify(version)}, which is ${why}`);
      expectInert(res, ['show']);
    });
  }

  it('prints a valid version alone on one line', () => {
    const repo = tempRepo({ 'pyproject.toml': pyproject('1.2.3-rc.1') }).commit();
    expect(run(['show'], repo.dir)).toMatchObject({ code: 0, stdout: '1.2.3-rc.1\n', stderr: '' });
  });
});

describe('the diff of a change', () => {
  // A line beside the version, shown as the diff's context, carries the payload: a comment in version.py.
  const HOSTILE = `# ${PAYLOAD.replace(/[\n\r]/g, '')}\n`;
  const files = (runtime: string) => ({
    'pyproject.toml': pyproject('0.2.0'),
    [VPY]: `${versionPy(runtime).replace('__version__', `${HOSTILE}__version__`)}# \u202eevil ##[group]x\n`,
  });

  for (const args of [
    ['bump', 'patch', '--dry-run'],
    ['bump', 'patch', '--yes'],
  ]) {
    it(`${args.join(' ')} prints the context lines around a version inert`, () => {
      const repo = tempRepo(files('0.2.0')).commit();
      const res = run(args, repo.dir);
      expect(res.code, res.stderr).toBe(0);
      expect(res.stdout).toContain('+version = "0.2.1"');
      expect(res.stdout).toContain('\\x1b]0;title');
      expectInert(res, args);
    });
  }

  it('check --fix --dry-run prints the context lines inert', () => {
    const repo = tempRepo(files('0.1.0')).commit();
    const res = run(['check', '--fix', '--dry-run'], repo.dir);
    expect(res.stdout).toContain('\\x1b]0;title');
    expectInert(res, ['check', '--fix', '--dry-run']);
  });
});

describe('init', () => {
  it('prints the versions and settings it found inert', () => {
    const version = JSON.stringify(`0.2.0${PAYLOAD}`);
    const repo = tempRepo({
      'pyproject.toml': `[project]\nname = "heimdall-mcp"\nversion = ${version}\n\n[tool.bumpversion]\nmessage = ${JSON.stringify(`bump {new}${PAYLOAD}`)}\n`,
      [VPY]: versionPy('0.2.0'),
    }).commit();
    const res = run(['init'], repo.dir);
    expect(res.stdout).toContain('\\x1b]0;title');
    expectInert(res, ['init']);
  });
});
