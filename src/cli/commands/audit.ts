// audit: parses the flags, runs the audit use case, renders its progress (on a terminal only) and its report.
import { configPlace, defineCommand, type CommandValues, type Flags, type Io } from '../command.js';
import { UserError } from '../../core/errors.js';
import { audit, type AuditEvent, type AuditResult } from '../../core/audit.js';
import { isTerminal } from '../output.js';
import { setFlagsFromString } from 'node:v8';

const AUDIT_FORMATS = ['stylish', 'json', 'sarif', 'html'] as const;
type AuditFormat = (typeof AUDIT_FORMATS)[number];

const AUDIT_FLAGS = {
  since: {
    type: 'string',
    arg: 'REF',
    help: 'report (and fail on) only the releases HEAD has and REF has not; older ones are still read for the sequence',
    example: 'audit --since v1.4.0',
  },
  package: {
    type: 'string',
    arg: 'NAME',
    help: 'the package to audit, by name or path (needed in a workspace of several)',
    example: 'audit --package heimdall-mcp',
  },
  format: { type: 'string', arg: 'FORMAT', help: `the report's format: ${AUDIT_FORMATS.join(', ')}`, example: 'audit --format json' },
  output: {
    type: 'string',
    arg: 'FILE',
    help: 'write the report to FILE (atomically) instead of standard output',
    example: 'audit --format html --output audit.html',
  },
  'index-url': {
    type: 'string',
    arg: 'URL',
    help: 'also compare the releases with what this package index serves (PEP 691 JSON or PEP 503 simple HTML); without it nothing leaves the machine',
    example: 'audit --index-url https://pypi.org/simple/',
  },
} as const satisfies Flags;

export const auditCommand = defineCommand({
  name: 'audit',
  summary: 'the version history, release by release, read from git without checking anything out',
  options: AUDIT_FLAGS,
  examples: ['audit', 'audit --since v1.4.0', 'audit --format html --output audit.html', 'audit --index-url https://pypi.org/simple/'],
  run: (v, _p, io) => runAudit(v, io),
});

/**
 * An audit runs the same few hundred functions once per release and exits. V8 optimizes a function
 * after some 66 KB of its bytecode ran, on a second thread whose CPU time the user pays too: for a few
 * thousand releases that costs more than it saves. Thirty times that budget leaves the optimizer the
 * truly hot functions only (1,000 tags: a fifth less CPU; 10,000: no worse; docs/performance.md).
 */
const OPTIMIZE_LATER = '--interrupt-budget=2000000';

const isFormat = (f: string): f is AuditFormat => (AUDIT_FORMATS as readonly string[]).includes(f);

async function runAudit(v: CommandValues<typeof AUDIT_FLAGS>, io: Io): Promise<number> {
  setFlagsFromString(OPTIMIZE_LATER);
  const format = v.format ?? 'stylish';
  if (!isFormat(format)) throw new UserError(`--format must be one of ${AUDIT_FORMATS.join(', ')}, not "${format}"`);
  if (v.output === '') throw new UserError('--output needs a file name');
  const progress = (await isTerminal(2)) ? progressLine(io) : undefined;
  let result: AuditResult;
  try {
    result = await audit({
      ...configPlace(v),
      ...(v.since !== undefined ? { since: v.since } : {}),
      ...(v.package !== undefined ? { package: v.package } : {}),
      ...(v['index-url'] !== undefined ? { indexUrl: v['index-url'] } : {}),
      ...(progress ? { onEvent: progress.render } : {}),
    });
  } finally {
    progress?.close();
  }
  const pieces = await render(result, format, io.color && v.output === undefined);
  if (v.output !== undefined) {
    (await import('../output-file.js')).writeOutputFile(v.output, [...pieces].join(''));
    io.err(`wrote ${v.output}\n`);
  } else for (const piece of pieces) io.out(piece);
  return result.ok ? 0 : 1;
}

/** The report's text, in pieces written one after the other (JSON: release by release). */
async function render(result: AuditResult, format: AuditFormat, color: boolean): Promise<Iterable<string>> {
  if (format === 'json') return (await import('../../report/audit/json.js')).auditJsonChunks(result);
  if (format === 'html') return [(await import('../../report/audit/html.js')).formatAuditHtml(result)];
  if (format === 'sarif') return [(await import('../../report/audit/sarif.js')).formatAuditSarif(result)];
  return [(await import('../../report/audit/stylish.js')).formatAuditStylish(result, { color })];
}

/** "read 120/1000" rewritten in place on the terminal, at most every 100 ms; erased at the end. */
function progressLine(io: Io) {
  let last = 0;
  let shown = false;
  return {
    render(event: AuditEvent) {
      if (event.type !== 'read') return;
      const now = Date.now();
      if (now - last < 100 && event.done !== event.total) return;
      last = now;
      shown = true;
      io.err(`\r\u001b[Kaudit: read ${event.done}/${event.total} commits and tags`);
    },
    close() {
      if (shown) io.err('\r\u001b[K');
    },
  };
}
