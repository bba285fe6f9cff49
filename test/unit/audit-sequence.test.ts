// The audit's pure sequence findings: which versions a step skips, and drift windows made of consecutive releases.
import { describe, expect, it } from 'vitest';
import type { AuditFinding, AuditRelease } from '../../src/core/audit-result.js';
import { driftWindows, skipped } from '../../src/history/sequence.js';
import { loadScheme } from '../../src/version/schemes.js';

describe('skipped', () => {
  it('names the version expected after the last release, under PEP 440 and SemVer', async () => {
    const pep440 = await loadScheme('pep440');
    const semver = await loadScheme('semver');
    const table: [string, string, string | undefined][] = [
      ['1.3.0', '1.4.1', '1.4.0'],
      ['1.3.0', '1.4.0', undefined],
      ['1.3.0', '1.3.1', undefined],
      ['1.3.0', '2.0.0', undefined],
      ['1.3.0', '1.3.2', '1.3.1'],
      ['1.3.0', '3.0.0', '2.0.0'],
      ['1.4.0rc1', '1.4.0', undefined],
      ['1.4', '1.4.1', undefined],
      ['1.4.0', '1.3.0', undefined], // backwards is another finding
    ];
    for (const [from, to, expected] of table) expect(skipped(pep440, from, to), `${from} → ${to}`).toBe(expected);
    expect(skipped(semver, '0.2.9', '0.2.11')).toBe('0.2.10');
  });
});

const finding = (rule: string, data: Record<string, string>): AuditFinding => ({
  rule,
  severity: 'error',
  messageId: 'm',
  message: `${rule} ${JSON.stringify(data)}`,
  data,
});
const release = (id: number, findings: AuditFinding[]): AuditRelease => ({
  id,
  tag: `v${id}`,
  version: `${id}.0.0`,
  commit: 'c',
  date: null,
  reachable: true,
  inRange: true,
  filesVersion: `${id}.0.0`,
  sources: [],
  config: null,
  findings,
});

describe('driftWindows', () => {
  it('joins consecutive releases that share a finding, whatever the data naming the release itself', () => {
    const lookup = (v: string) => finding('runtime-lookup', { lookup: 'old', fallback: '0.1.0', expected: v });
    const releases = [release(0, []), release(1, [lookup('1')]), release(2, [lookup('2')]), release(3, [lookup('3')]), release(4, [])];
    const windows = driftWindows(releases);
    expect(windows).toEqual([expect.objectContaining({ id: 0, rule: 'runtime-lookup', from: 1, to: 3, releases: 3 })]);
    expect(releases.flatMap((r) => r.findings.map((f) => f.window))).toEqual([0, 0, 0]);
  });

  it('makes no window of one release, of a break in the run, or of findings about the tag itself', () => {
    const a = () => finding('version-mismatch', { found: '0.1.0' });
    const tag = (t: string) => finding('tag-differs', { tag: t });
    const windows = driftWindows([release(0, [a(), tag('v0')]), release(1, [tag('v1')]), release(2, [a()]), release(3, [a()])]);
    expect(windows.map((w) => [w.from, w.to])).toEqual([[2, 3]]);
  });
});
