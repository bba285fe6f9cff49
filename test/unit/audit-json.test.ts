// The audit's JSON, made release by release: the same bytes as the whole object stringified at once.
import { describe, expect, it } from 'vitest';
import type { AuditResult } from '../../src/core/audit-result.js';
import { auditJsonChunks, formatAuditJson } from '../../src/report/audit/json.js';
import { inertJson } from '../../src/report/printable.js';

const release = (i: number) => ({
  id: i,
  tag: `v1.0.${i}`,
  version: `1.0.${i}`,
  commit: 'a'.repeat(40),
  date: null,
  reachable: true,
  inRange: true,
  filesVersion: `1.0.${i}`,
  sources: [{ name: 'pyproject', file: 'pyproject.toml', primary: true, version: `1.0.${i}` }],
  config: null,
  // A bidirectional control and a workflow command in a repository's string stay inert.
  findings: [{ rule: 'gap', severity: 'warn' as const, messageId: 'gap', message: 'x\u202e ##[error]', data: { a: 1 } }],
});

const result = (releases: number): AuditResult => ({
  ok: true,
  mode: 'tags',
  modeReason: 'r',
  package: 'p',
  distribution: null,
  root: '/r',
  tagPrefix: 'v',
  branch: null,
  since: null,
  history: { commits: 0, complete: true, notes: [] },
  sources: [],
  releases: Array.from({ length: releases }, (_, i) => release(i)),
  windows: [],
  findings: [],
  index: null,
});

describe('the audit as JSON', () => {
  it('is JSON.stringify(result, null, 2) made inert, in one piece per release', () => {
    for (const n of [0, 1, 3]) {
      const whole = `${inertJson(JSON.stringify(result(n), null, 2))}\n`;
      expect(formatAuditJson(result(n))).toBe(whole);
      expect([...auditJsonChunks(result(n))].length).toBeGreaterThanOrEqual(n);
    }
    expect(formatAuditJson(result(1))).toContain('x\\u202e ##\\u005berror]');
  });
});
