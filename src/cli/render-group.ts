// What release --group prints when it ends: its plan (a dry run: the group's check, then each phase
// package by package, numbered in the order a real run takes them), or what was built, uploaded and
// tagged. The steps themselves were rendered as they ran (render-steps.ts).
import { UserError } from '../core/errors.js';
import { PHASE_TITLES, type GroupReleaseResult } from '../core/release-group.js';
import { formatStylish } from '../report/stylish.js';
import type { Io } from './command.js';

const named = (r: GroupReleaseResult) => r.packages.map((p) => `${p.name} ${p.version ?? '(no version)'}`).join(', ');

export function renderGroupRelease(result: GroupReleaseResult, io: Io): number {
  for (const l of result.left) io.out(`– ${l.name} (${l.path || '.'}): not released here: ${l.reason}\n`);
  if (result.dryRun) {
    io.out(
      `dry run: release --group ${result.group} would release ${named(result)}, siblings before dependents, taking these steps in order (none was run):\n`,
    );
    io.out(groupPlanText(result));
    if (result.mode !== 'upload') io.out('no tag: only an upload to PyPI is tagged\n');
    if (!result.stopped) return 0;
    if (result.stopped.code === 'check-errors') io.out(formatStylish(result.check, { color: io.color }));
    io.out(`✖ ${result.stopped.step}${result.stopped.package ? ` (${result.stopped.package})` : ''}: ${result.stopped.detail}; ${result.stopped.message}\n`);
    return 1;
  }
  if (result.stopped) throw new UserError(result.stopped.message, 1);
  if (result.mode === 'no-upload') io.out(`built ${named(result)} without uploading (--no-upload)\n`);
  else if (result.mode === 'test-upload') io.out(`uploaded ${named(result)} to TestPyPI; not tagged (only an upload to PyPI is tagged)\n`);
  else io.out(`released ${named(result)}; tagged ${[...new Set(result.packages.map((p) => p.tag))].join(', ')}\n`);
  return 0;
}

/** Every step, numbered across the whole run, under a heading for each phase of each package. */
export function groupPlanText(result: GroupReleaseResult): string {
  const total = result.plan.reduce((n, part) => n + part.steps.length, 0);
  const width = String(total).length;
  let n = 0;
  return result.plan
    .map((part) => {
      const heading = part.package === undefined ? `${PHASE_TITLES[part.phase]}:\n` : `${PHASE_TITLES[part.phase]}: ${part.package} (${part.path || '.'})\n`;
      return heading + part.steps.map((s) => `  ${String(++n).padStart(width)}. ${s.name}: ${s.description}\n`).join('');
    })
    .join('');
}
