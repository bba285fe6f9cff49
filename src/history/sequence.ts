// Findings over the sequence of releases, pure: a version skipped between consecutive releases, and
// drift windows (consecutive releases sharing one finding, reported once as a range).
import type { AuditFinding, AuditRelease, DriftWindow } from '../core/audit-result.js';
import type { VersionScheme } from '../version/scheme.js';

/** Schemes whose numbers count up one at a time (a calendar version skips by nature). */
const COUNTED = new Set(['pep440', 'semver']);

/** The version expected after `from` on the way to `to`, when `to` skips one; undefined when it does not. */
export function skipped(scheme: VersionScheme, from: string, to: string): string | undefined {
  if (!COUNTED.has(scheme.name)) return undefined;
  const a = scheme.parse(from);
  const b = scheme.parse(to);
  if (!a || !b || a.epoch !== b.epoch) return undefined;
  const [x = 0, y = 0, z = 0] = a.release;
  const [p = 0, q = 0, r = 0] = b.release;
  if (p === x && q === y && r === z) return undefined;
  if (p < x || (p === x && q < y) || (p === x && q === y && r < z)) return undefined;
  const next = p === x && q === y ? [x, y, z + 1] : p === x ? [x, y + 1, 0] : [x + 1, 0, 0];
  return next[0] === p && next[1] === q && next[2] === r ? undefined : next.join('.');
}

/** Data that names the release itself: it differs from release to release, so it is no part of what they share. */
const OWN = new Set(['expected', 'version', 'tag', 'tags', 'tagVersion', 'commit']);

/** Findings about one tag itself: never shared by releases. */
const OWN_RULES = new Set(['tag-differs', 'tags-disagree', 'off-branch', 'unreadable']);

function keyOf(f: AuditFinding): string {
  const data = Object.entries(f.data ?? {})
    .filter(([k]) => !OWN.has(k))
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify([f.rule, f.messageId, f.file ?? '', data]);
}

/** Short words for a window, by what its finding says. */
function summaryOf(f: AuditFinding): string {
  const d = f.data ?? {};
  if (f.rule === 'runtime-lookup' && d.fallback !== undefined) return `${f.file} reports ${d.fallback} at run time`;
  if (f.rule === 'runtime-lookup' && d.lookup !== undefined) return `${f.file} raises at run time (it looks up "${d.lookup}")`;
  if (f.rule === 'version-mismatch' && d.found !== undefined) return `${d.label ?? f.file} stays at ${d.found}`;
  return f.message;
}

/** Marks each finding shared by consecutive releases with its window, and returns the windows. */
export function driftWindows(releases: AuditRelease[]): DriftWindow[] {
  const windows: DriftWindow[] = [];
  // Open runs: key → the run's first release index and its findings so far.
  let open = new Map<string, { start: number; findings: AuditFinding[] }>();
  const close = (run: { start: number; findings: AuditFinding[] }, end: number) => {
    if (run.findings.length < 2) return;
    const first = run.findings[0]!;
    const id = windows.length;
    for (const f of run.findings) f.window = id;
    windows.push({
      id,
      rule: first.rule,
      messageId: first.messageId,
      severity: run.findings.some((f) => f.severity === 'error') ? 'error' : 'warn',
      ...(first.file !== undefined ? { file: first.file } : {}),
      summary: summaryOf(first),
      message: first.message,
      from: releases[run.start]!.id,
      to: releases[end]!.id,
      releases: end - run.start + 1,
    });
  };
  releases.forEach((release, i) => {
    const next = new Map<string, { start: number; findings: AuditFinding[] }>();
    for (const f of release.findings) {
      if (OWN_RULES.has(f.rule)) continue;
      const key = keyOf(f);
      if (next.has(key)) continue;
      const run = open.get(key);
      next.set(key, run ? { start: run.start, findings: [...run.findings, f] } : { start: i, findings: [f] });
      open.delete(key);
    }
    for (const run of open.values()) close(run, run.start + run.findings.length - 1);
    open = next;
  });
  for (const run of open.values()) close(run, run.start + run.findings.length - 1);
  // Numbered in the order they open; each finding follows its window's new number.
  const sorted = windows.sort((a, b) => a.from - b.from || a.to - b.to);
  const renumbered = new Map(sorted.map((w, i) => [w.id, i]));
  for (const release of releases) for (const f of release.findings) if (f.window !== undefined) f.window = renumbered.get(f.window);
  return sorted.map((w, i) => ({ ...w, id: i }));
}
