// A reading carried over from one commit to the next (src/history/carry-over.ts) must say exactly what
// a full reading of that commit says: every commit of real git histories is judged both ways and the
// verdicts compared, over version bumps that change the literals' length, a drift, spellings and
// invalid versions the rules must still see, two literals on one line, and changes that are no bump.
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { Judge, type Verdict } from '../../src/history/judge.js';
import { ObjectStore } from '../../src/history/objects.js';
import { TreeCache } from '../../src/history/tree.js';
import { cleanupTempDirs, pyproject, tempRepo, type TempRepo, VPY } from '../helpers/repo.js';

afterAll(cleanupTempDirs);

const runtime = (dist: string, fallback: string) =>
  `try:\n    from importlib.metadata import version\n    SYSTEM_VERSION = version("${dist}")\nexcept Exception:\n    SYSTEM_VERSION = "${fallback}"\n`;

/** Every commit of HEAD's history, oldest first, judged by one judge in order and by a fresh one each. */
async function judgeBothWays(repo: TempRepo): Promise<{ chained: Verdict[]; fresh: Verdict[]; counts: Judge['counts'] }> {
  const commits = repo
    .git('rev-list', '--reverse', '--format=%H %T', 'HEAD')
    .split('\n')
    .filter((l) => /^[0-9a-f]+ [0-9a-f]+$/.test(l))
    .map((l) => l.split(' ') as [string, string]);
  const today = await loadConfig({ cwd: repo.dir });
  const store = await ObjectStore.open(repo.dir);
  try {
    const judge = new Judge(new TreeCache(store), today, '', undefined);
    const chained: Verdict[] = [];
    const fresh: Verdict[] = [];
    for (const [commit, tree] of commits) {
      chained.push(await judge.judge(commit, tree, []));
      fresh.push(await new Judge(new TreeCache(store), today, '', undefined).judge(commit, tree, []));
    }
    return { chained, fresh, counts: judge.counts };
  } finally {
    store.close();
  }
}

describe('a reading carried over to the next commit', () => {
  it('says what a full reading says, commit by commit (the heimdall layout)', async () => {
    const repo = tempRepo();
    const commit = (version: string, dist: string, fallback: string, extra = '') =>
      repo.write('pyproject.toml', pyproject(version, extra)).write(VPY, runtime(dist, fallback)).commit(version);
    commit('0.9.9', 'heimdall-mcp', '0.9.9');
    commit('0.9.10', 'heimdall-mcp', '0.9.10'); // longer literals
    commit('0.10.0', 'heimdall-mcp-server', '0.1.0'); // the lookup changed: no bump
    commit('0.10.1', 'heimdall-mcp-server', '0.1.0'); // the drift goes on
    commit('1.0.0-rc.1', 'heimdall-mcp-server', '1.0.0rc1'); // a spelling the rules report
    commit('banana1', 'heimdall-mcp-server', '1.0.0rc1'); // no version at all
    commit('1.0.0', 'heimdall-mcp', '1.0.0', '# a comment\n'); // another line: no bump
    commit('1.0.1', 'heimdall-mcp', '1.0.1', '# a comment\n');
    commit('unknown', 'heimdall-mcp', 'unknown', '# a comment\n'); // a sentinel is read otherwise
    commit('1.0.2', 'heimdall-mcp', '1.0.2', '# a comment\n');
    const { chained, fresh, counts } = await judgeBothWays(repo);
    expect(chained).toEqual(fresh);
    expect(chained.map((v) => v.version)).toEqual(['0.9.9', '0.9.10', '0.10.0', '0.10.1', '1.0.0-rc.1', 'banana1', '1.0.0', '1.0.1', 'unknown', '1.0.2']);
    expect(chained[3]!.findings.map((f) => f.rule)).toContain('runtime-lookup');
    expect(chained[4]!.findings.map((f) => f.rule)).toContain('version-spelling');
    expect(chained[5]!.findings.map((f) => f.rule)).toContain('invalid-version');
    expect(counts).toEqual({ full: 5, carried: 5 });
  });

  it('says what a full reading says with several literals in one file, two on one line (a configuration)', async () => {
    const repo = tempRepo();
    repo.write(
      '.heimdallrc.json',
      JSON.stringify({
        sources: [
          { file: 'pyproject.toml', type: 'toml', key: 'project.version', primary: true },
          { file: 'pyproject.toml', type: 'toml', key: 'tool.poetry.version' },
          { file: 'package.json', type: 'json', key: 'version' },
          { file: 'package.json', type: 'json', key: 'plugin.version' },
          { file: 'VERSION', type: 'text' },
        ],
      }),
    );
    const commit = (a: string, b: string, c: string, d: string) =>
      repo
        .write('pyproject.toml', `[project]\nname = "x"\nversion = "${a}"\n[tool.poetry]\nversion = "${b}"\n`)
        // The second literal on the line moves when the first one's length changes.
        .write('package.json', `{"version": "${c}", "name": "x", "plugin": {"version": "${d}"}}\n`)
        .write('VERSION', `${d}\n`)
        .commit(a);
    commit('1.0.0', '1.0.0', '1.0.0', '1.0.0');
    commit('1.0.1', '1.0.0', '1.0.10', '1.0.1');
    commit('1.0.10', '1.0.10', '1.0.100', '1.0.10');
    commit('1.0.11', '1.0.11', '1.0.11', '1.0.9');
    const { chained, fresh, counts } = await judgeBothWays(repo);
    expect(chained).toEqual(fresh);
    expect(chained[1]!.findings.some((f) => f.rule === 'version-mismatch')).toBe(true);
    expect(counts.carried).toBe(3);
  });
});
