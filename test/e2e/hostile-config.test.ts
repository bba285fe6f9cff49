// A configuration someone else wrote is data: it never makes heimdall-version run a file of the
// repository, read a file outside the project, or mean two things.
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.js';
import { cleanupTempDirs, layoutRepo, pyproject, tempDir, type TempRepo } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

/** Every command that loads the configuration, as a user would run it on a fresh clone. */
const COMMANDS = [['check'], ['check', '--staged'], ['show'], ['show', '--json'], ['init'], ['hook', 'install'], ['bump', 'patch', '--dry-run'], ['recover']];

/** A repository whose configuration imports `evil.<ext>`, which writes the returned marker when run. */
function planted(place: string, content: (target: string) => string, ext = 'cjs'): { repo: TempRepo; marker: string } {
  const repo = layoutRepo();
  const marker = path.join(tempDir(), 'ran');
  repo.write(
    `evil.${ext}`,
    `require('fs').writeFileSync(${JSON.stringify(marker)}, 'pwned');\nmodule.exports = { sources: [{ file: 'pyproject.toml', type: 'toml' }] };\n`,
  );
  repo.write(place, content(`./evil.${ext}`));
  repo.commit();
  return { repo, marker };
}

const IMPORTS: [string, (target: string) => string, string?][] = [
  ['.heimdallrc.yaml', (t) => `$import: ${t}\n`],
  ['.heimdallrc.yml', (t) => `$import: [${t}]\n`, 'js'],
  ['.heimdallrc', (t) => `$import: ${t}\n`],
  ['.heimdallrc', (t) => JSON.stringify({ $import: t }), 'js'],
  ['.config/heimdallrc.yaml', (t) => `$import: .${t}\n`],
  ['package.json', (t) => JSON.stringify({ name: 'demo', version: '0.2.0', heimdall: { $import: t } })],
];

describe('a configuration that imports', () => {
  for (const [place, content, ext] of IMPORTS) {
    it(`($import in ${place}${ext ? `, a .${ext} file` : ''}) runs nothing in any command, and is a configuration error`, () => {
      const { repo, marker } = planted(place, content, ext);
      for (const args of COMMANDS) {
        const res = run(args, repo.dir);
        expect(existsSync(marker), `${args.join(' ')} ran the imported file`).toBe(false);
        expect(res.code, `${args.join(' ')}: ${res.stderr}`).toBe(2);
        expect(res.stderr, args.join(' ')).toContain('$import');
        expect(res.stderr, args.join(' ')).toContain('data');
      }
    });
  }

  it('cannot pull a configuration from outside the project', () => {
    const outside = tempDir();
    writeFileSync(path.join(outside, 'shared.yaml'), 'sources:\n  - file: pyproject.toml\n    type: toml\ntags:\n  prefix: release-\n');
    const repo = layoutRepo().commit();
    repo.write('.heimdallrc.yaml', `$import: ${path.relative(repo.dir, path.join(outside, 'shared.yaml'))}\n`);
    const res = run(['show'], repo.dir);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('.heimdallrc.yaml');
    expect(res.stderr).toContain('$import');
    expect(res.stdout).toBe('');
  });

  it('with "extends" is refused the same way', () => {
    const repo = layoutRepo().commit();
    repo.write('.heimdallrc.json', JSON.stringify({ extends: './evil.js' }));
    const res = run(['check'], repo.dir);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('extends');
    expect(res.stderr).toContain('data');
  });
});

describe('a configuration file that is a link', () => {
  const outsideConfig = { sources: [{ file: 'missing.toml', type: 'toml' }] };
  for (const place of ['.heimdallrc.json', '.heimdallrc.yaml', '.heimdallrc', '.config/heimdallrc.yml']) {
    it(`(${place}) leading out of the project is refused, naming where it leads`, () => {
      const target = path.join(tempDir(), 'config');
      writeFileSync(target, JSON.stringify(outsideConfig));
      const repo = layoutRepo().commit();
      mkdirSync(path.dirname(repo.path(place)), { recursive: true });
      symlinkSync(target, repo.path(place));
      const res = run(['show'], repo.dir);
      expect(res.code, res.stderr).toBe(2);
      expect(res.stderr).toContain(`${place}: cannot read the configuration: it leads outside the project (to ${target})`);
      expect(res.stdout).toBe('');
    });
  }

  for (const place of ['package.json', 'pyproject.toml']) {
    it(`(${place}, a source too) leading out of the project is never read for a configuration`, () => {
      const target = path.join(tempDir(), place);
      writeFileSync(
        target,
        place === 'package.json'
          ? JSON.stringify({ heimdall: outsideConfig })
          : `${pyproject('6.6.6')}\n[tool.heimdall-version]\nsources = [{ file = "missing.toml", type = "toml" }]\n`,
      );
      const repo = layoutRepo().commit();
      rmSync(repo.path(place), { force: true });
      symlinkSync(target, repo.path(place));
      const res = run(['check'], repo.dir);
      expect(res.stdout + res.stderr).not.toContain('missing.toml');
      expect(res.stdout + res.stderr).not.toContain('6.6.6');
      if (place === 'pyproject.toml') expect(res).toMatchObject({ code: 1, stdout: expect.stringContaining('pyproject.toml leads outside the project root') });
      else expect(res.code).toBe(0);
    });
  }

  it('inside the project is followed', () => {
    const repo = layoutRepo().commit();
    mkdirSync(repo.path('conf'));
    writeFileSync(repo.path('conf/heimdall.json'), JSON.stringify({ sources: [{ file: 'pyproject.toml', type: 'toml' }] }));
    symlinkSync('conf/heimdall.json', repo.path('.heimdallrc.json'));
    expect(run(['show'], repo.dir)).toMatchObject({ code: 0, stdout: '0.2.0\n' });
  });
});

describe('keys every object has', () => {
  const configs: [string, string, string][] = [
    ['.heimdallrc.json', '{"__proto__": {"sources": [{"file": "missing.toml", "type": "toml"}]}}', '__proto__: unknown key'],
    ['.heimdallrc.json', '{"tags": {"constructor": "x"}}', 'tags.constructor: unknown key'],
    ['.heimdallrc.yaml', '__proto__:\n  tags: { prefix: x }\n', '__proto__: unknown key'],
    [
      'pyproject.toml',
      '[project]\nname = "heimdall-mcp"\nversion = "0.2.0"\n\n[tool.heimdall-version.constructor]\nx = 1\n',
      'tool.heimdall-version.constructor: unknown key',
    ],
  ];
  for (const [place, content, problem] of configs) {
    it(`are unknown keys in ${place}: ${JSON.stringify(content).slice(0, 40)}`, () => {
      const repo = layoutRepo().write(place, content).commit();
      const res = run(['check'], repo.dir);
      expect(res.code, res.stderr).toBe(2);
      expect(res.stderr).toContain(problem);
    });
  }
});

describe('a tag prefix that git could read as an option or a pattern', () => {
  for (const prefix of ['-d', '--points-at=HEAD', 'v*', '../heads/', 'v\u001b]0;x\u0007']) {
    it(`(${JSON.stringify(prefix)}) is a configuration error in check and bump, and no tag is made`, () => {
      const repo = layoutRepo()
        .write('.heimdallrc.json', JSON.stringify({ tags: { prefix } }))
        .commit();
      for (const args of [['check'], ['bump', 'patch', '--tag']]) {
        const res = run(args, repo.dir);
        expect(res.code, `${args.join(' ')}: ${res.stderr}`).toBe(2);
        expect(res.stderr).toContain('tags.prefix: must not');
      }
      expect(repo.git('tag', '--list')).toBe('');
    });
  }
});
