// The workspace's cases: a uv workspace of 50 members (each a static version in pyproject.toml, a
// version file, an exact pin on the first member, its own tags), checked at the root and with one
// member staged, each against the check of one of its members alone.
import { write, git } from './fixtures.mjs';

const MEMBERS = 50;
const name = (i) => `bench-p${String(i).padStart(2, '0')}`;

/** The workspace: tagged `bench-pNN-v0.9.0` at the first release, at 1.0.0 now, one file of packages/p07 staged. */
export function workspace(dir) {
  git(dir, 'init', '-q', '-b', 'main');
  write(dir, 'pyproject.toml', '[tool.uv.workspace]\nmembers = ["packages/*"]\n');
  const member = (version) => {
    for (let i = 1; i <= MEMBERS; i++) {
      const pin = i === 1 ? '' : `dependencies = ["${name(1)}==${version}"]\n`;
      write(dir, `packages/p${String(i).padStart(2, '0')}/pyproject.toml`, `[project]\nname = "${name(i)}"\nversion = "${version}"\n${pin}`);
      write(dir, `packages/p${String(i).padStart(2, '0')}/src/bench_p${String(i).padStart(2, '0')}/__init__.py`, `__version__ = "${version}"\n`);
    }
  };
  member('0.9.0');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', '0.9.0');
  for (let i = 1; i <= MEMBERS; i++) git(dir, 'tag', `${name(i)}-v0.9.0`);
  member('1.0.0');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', '1.0.0');
  write(dir, 'packages/p07/README.md', 'A change in one member.\n');
  git(dir, 'add', 'packages/p07/README.md');
  return dir;
}

const ws = (ctx) => ctx.fixture('workspace-50', workspace);

/** The same workspace with every member in one fixed group (the pins among them exact), committed clean. */
export function groupWorkspace(dir) {
  workspace(dir);
  const members = Array.from({ length: MEMBERS }, (_, i) => `"${name(i + 1)}"`).join(', ');
  write(
    dir,
    'pyproject.toml',
    `[tool.uv.workspace]\nmembers = ["packages/*"]\n\n[tool.heimdall-version]\ngroups = [{ name = "all", packages = [${members}] }]\n`,
  );
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'one fixed group');
  return dir;
}

const groupWs = (ctx) => ctx.fixture('workspace-50-group', groupWorkspace);
const reset = (dir) => git(dir, 'checkout', '-q', '--', '.');

export const WORKSPACE_CASES = [
  {
    name: 'check, 50-member workspace / one member',
    command: (ctx) => ctx.hv(ws(ctx), 'check'),
    baseline: (ctx) => ctx.hv(ws(ctx), 'check', '--cwd', 'packages/p07'),
    target: 2,
  },
  {
    name: 'staged 1 of 50-member workspace / one member',
    command: (ctx) => ctx.hv(ws(ctx), 'check', '--staged'),
    baseline: (ctx) => ctx.hv(ws(ctx), 'check', '--staged', '--cwd', 'packages/p07'),
    target: 1.2,
  },
  {
    // Every member's two files and the 49 pins on the first, as one change: against one member's bump alone.
    name: 'bump --group of 50 members / one member',
    command: (ctx) => ctx.hv(groupWs(ctx), 'bump', 'patch', '--group', 'all'),
    baseline: (ctx) => ctx.hv(ws(ctx), 'bump', 'patch', '--cwd', 'packages/p07'),
    prepare: (ctx) => {
      reset(groupWs(ctx));
      reset(ws(ctx));
    },
    target: 2,
  },
];
