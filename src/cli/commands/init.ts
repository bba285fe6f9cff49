// init: parses the flags, runs the use case (core/init.ts) and words its events as they come. What
// it found in the repository (versions, file names, other tools' settings) is printed inert.
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { defineCommand, type CommandValues, type Flags, type Io } from '../command.js';
import { init, type InitCandidate, type InitEvent } from '../../core/init.js';
import { printable, printableLine } from '../../report/printable.js';

const INIT_FLAGS = {
  include: {
    type: 'string',
    arg: 'FILE',
    multiple: true,
    help: 'also configure this file that was found but left out (e.g. a README pin)',
    example: 'init --include README.md',
  },
  force: { type: 'boolean', help: 'replace an existing .heimdallrc.json', example: 'init --force' },
} as const satisfies Flags;

export const initCommand = defineCommand({
  name: 'init',
  summary: 'detect the version sources (and import bump-my-version, bump2version, tbump, commitizen or bumpver settings), write .heimdallrc.json',
  options: INIT_FLAGS,
  examples: ['init', 'init --include README.md', 'init --force'],
  run: (v, _p, io) => runInit(v, io),
});

async function runInit(v: CommandValues<typeof INIT_FLAGS>, io: Io): Promise<number> {
  await init({ cwd: v.cwd, include: v.include, force: v.force, ownSchema: ownSchema(), onEvent: (e) => io.out(render(e)) });
  return 0;
}

function render(e: InitEvent): string {
  switch (e.type) {
    case 'from-tags':
      return `the version comes from git tags (${e.reason}): no file holds it, and zero configuration already checks this layout; nothing was written\n`;
    case 'found':
      return `found:\n${e.candidates.map((c) => `  ${printable(candidateLine(c))}\n`).join('')}`;
    case 'workspace': {
      const { proposal } = e;
      const lines = proposal.packages.map((p) => {
        const tags = p.tagged ? `${p.tagged} tag${p.tagged === 1 ? '' : 's'} read by it` : 'no tag yet';
        return `  ✔ ${p.path || '.'} ${p.name} ${p.version ?? '(no version)'}${p.layout ? ` (${p.layout})` : ''}, tags ${p.template} (${tags})\n`;
      });
      const groups = proposal.groups.map((g) => `  ✔ ${g.name}: ${g.packages.join(', ')} (one version, ${g.version}, pinned exactly)\n`);
      return `found a workspace (${proposal.reason}):\n${lines.join('')}${groups.length ? `fixed groups:\n${groups.join('')}` : ''}wrote ${path.relative(process.cwd(), e.file) || e.file}; run heimdall-version check\n`;
    }
    case 'imported':
      return `imported ${e.tool} (${printable(e.from)})\n`;
    case 'untranslated':
      return `could not translate:\n${e.notes.map((u) => `  - ${printable(u)}\n`).join('')}`;
    case 'written': {
      const { versioning, tags } = e.config;
      const policy = versioning ? `  versioning: "${versioning}" (${printable(e.primaryValue ?? '')} is not ${e.defaultPolicy})\n` : '';
      return `${policy}  tags: prefix "${printable(tags.prefix)}"\n${printableLine(`wrote ${path.relative(process.cwd(), e.file) || e.file}`)}; run heimdall-version check\n`;
    }
  }
}

function candidateLine(c: InitCandidate): string {
  const what = c.value ?? (c.lookup !== undefined ? `runtime lookup of "${c.lookup}"` : 'no version');
  const extra = c.value !== undefined && c.lookup !== undefined ? ` (fallback of a runtime lookup of "${c.lookup}")` : '';
  const drift = c.drift ? ` — differs from ${c.drift.primary}${c.drift.short ? ' (short X.Y form)' : ''}: check will report it` : '';
  return `${c.kept ? '✔' : '·'} ${c.source.file} ${c.label}: ${what}${extra}${drift}${c.kept ? ` (${c.why})` : ` — ${c.why}`}`;
}

/** This package's schema file, beside the bin that started this process. */
function ownSchema(): string | undefined {
  try {
    return path.resolve(path.dirname(realpathSync(process.argv[1]!)), '..', 'schema', 'heimdallrc.schema.json');
  } catch {
    return undefined;
  }
}
