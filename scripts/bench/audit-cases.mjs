// The audit's cases: a history of `releases` commits on main, each bumping the version in
// pyproject.toml and the runtime copy, each tagged (every tenth annotated), written with one
// git fast-import. The baseline is git itself printing the same blobs through one cat-file --batch.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GIT_ENV, git } from './fixtures.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const versionOf = (i) => `${Math.floor(i / 1000)}.${Math.floor(i / 100) % 10}.${i % 100}`;

/** The release history, plus `blobs.txt`: the names cat-file is asked for (each tag's two version files). */
export function releaseHistory(dir, releases) {
  git(dir, 'init', '-q', '-b', 'main');
  let stream = '';
  const data = (text) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const who = (i) => `b <b@example.invalid> ${1_600_000_000 + i * 3600} +0000`;
  for (let i = 0; i < releases; i++) {
    const v = versionOf(i);
    stream += `commit refs/heads/main\nmark :${i + 1}\ncommitter ${who(i)}\n${data(`release ${v}`)}${i ? `from :${i}\n` : ''}`;
    stream += `M 100644 inline pyproject.toml\n${data(`[project]\nname = "heimdall-mcp"\nversion = "${v}"\n`)}`;
    stream += `M 100644 inline cognitive_memory/core/version.py\n${data(`try:\n    SYSTEM_VERSION = version("heimdall-mcp")\nexcept Exception:\n    SYSTEM_VERSION = "${v}"\n`)}\n`;
    stream += i % 10 === 0 ? `tag v${v}\nfrom :${i + 1}\ntagger ${who(i)}\n${data(`v${v}`)}` : `reset refs/tags/v${v}\nfrom :${i + 1}\n\n`;
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, env: GIT_ENV, input: stream, maxBuffer: 1 << 28 });
  git(dir, 'checkout', '-q', '-f', 'main');
  git(dir, 'gc', '-q');
  const names = Array.from({ length: releases }, (_, i) => `v${versionOf(i)}:pyproject.toml\nv${versionOf(i)}:cognitive_memory/core/version.py\n`).join('');
  writeFileSync(path.join(dir, '.git', 'blobs.txt'), names);
  return dir;
}

const history = (ctx, n) => ctx.fixture(`releases-${n}`, (d) => releaseHistory(d, n));
const catFile = (dir) => ({ argv: ['sh', '-c', 'git cat-file --batch < .git/blobs.txt > /dev/null'], cwd: dir });

export const AUDIT_CASES = [
  {
    // The floor of an audit in Node: Node's start, one cat-file, the same blobs received; nothing judged.
    name: 'node, cat-file, the blobs / cat-file --batch',
    command: (ctx) => ctx.node(history(ctx, 1000), path.join(HERE, 'cat-file-floor.cjs')),
    baseline: (ctx) => catFile(history(ctx, 1000)),
  },
  {
    name: 'audit, 1,000 release tags / cat-file --batch',
    command: (ctx) => ctx.hv(history(ctx, 1000), 'audit', '--format', 'json'),
    baseline: (ctx) => catFile(history(ctx, 1000)),
    target: 3,
  },
  {
    name: 'audit, 10,000 release tags / cat-file --batch',
    command: (ctx) => ctx.hv(history(ctx, 10000), 'audit', '--format', 'json'),
    baseline: (ctx) => catFile(history(ctx, 10000)),
    rssMiB: 200,
    runs: 3,
  },
];
