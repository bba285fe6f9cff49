// The audit as one self-contained HTML page: a timeline drawn as inline SVG (each release a point,
// each source's version as a lane, drift windows shaded) with the findings listed beside. No
// script, no network: the page's policy forbids both, and every string from the repository is escaped.
import type { AuditFinding, AuditRelease, AuditResult } from '../../core/audit-result.js';
import { VERSION } from '../../core/tool-version.js';

const esc = (s: string | number) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const LANE = 26;
const TOP = 110;
const LEFT = 230;

const worst = (findings: { severity: string }[]) => (findings.some((f) => f.severity === 'error') ? 'error' : findings.length ? 'warn' : 'ok');

export function formatAuditHtml(result: AuditResult): string {
  const releases = result.releases;
  const step = releases.length <= 40 ? 34 : releases.length <= 400 ? 12 : 4;
  const x = (id: number) => LEFT + step / 2 + id * step;
  const lanes = result.sources;
  const height = TOP + (lanes.length + 1) * LANE + result.windows.length * 22 + 16;
  // Room on the right for the last release's slanted name and a window's label.
  const width = LEFT + releases.length * step + 420;
  const label = (r: AuditRelease) => r.tag ?? `${r.version} (untagged)`;
  const sequenceFor = new Map<number, AuditFinding[]>();
  for (const f of result.findings) if (f.release !== undefined) sequenceFor.set(f.release, [...(sequenceFor.get(f.release) ?? []), f]);

  // Each window shades the lanes over its releases, and has a labelled bar of its own below them.
  const bands = TOP + (lanes.length + 1) * LANE;
  const windows = result.windows.map((w) => {
    const [x1, x2] = [x(w.from) - step / 2, x(w.to) + step / 2];
    const y = bands + w.id * 22;
    const title = `<title>${esc(`${label(releases[w.from]!)} … ${label(releases[w.to]!)}: ${w.summary}`)}</title>`;
    return `<g class="window" data-window="${w.id}"><rect class="shade-${w.severity}" x="${x1}" y="${TOP - 12}" width="${x2 - x1}" height="${y - TOP + 8}">${title}</rect><rect class="window-${w.severity}" x="${x1}" y="${y - 4}" width="${x2 - x1}" height="18">${title}</rect><text class="window-label" x="${x1 + 4}" y="${y + 9}">${esc(`${label(releases[w.from]!)} … ${label(releases[w.to]!)}: ${w.summary}`)}</text></g>`;
  });

  const laneRows = lanes.map((file, i) => {
    const y = TOP + (i + 1) * LANE;
    const cells = releases.map((r) => {
      const source = r.sources.find((s) => s.file === file);
      if (!source) return '';
      const agrees =
        source.version !== null &&
        r.filesVersion !== null &&
        source.version === r.filesVersion &&
        r.findings.every((f) => f.file !== file || f.severity !== 'error');
      const state = source.version === null ? 'none' : agrees ? 'same' : 'drift';
      const previous = releases[r.id - 1]?.sources.find((s) => s.file === file)?.version;
      const text =
        step >= 30 || (step >= 12 && previous !== source.version) ? `<text class="value" x="${x(r.id)}" y="${y + 4}">${esc(source.version ?? '—')}</text>` : '';
      return `<rect class="cell cell-${state}" x="${x(r.id) - step / 2 + 1}" y="${y - 8}" width="${step - 2}" height="16"><title>${esc(
        `${file} at ${label(r)}: ${source.version ?? 'no version'}`,
      )}</title></rect>${text}`;
    });
    return `<g class="lane" data-source="${esc(file)}"><text class="lane-name" x="${LEFT - 8}" y="${y + 4}">${esc(file)}</text>${cells.join('')}</g>`;
  });

  const points = releases.map((r) => {
    const all = [...r.findings, ...(sequenceFor.get(r.id) ?? [])];
    const title = [
      `${label(r)} — ${r.version} at ${r.commit.slice(0, 12)}${r.date ? ` (${r.date.slice(0, 10)})` : ''}`,
      ...all.map((f) => `${f.severity}: ${f.message}`),
    ].join('\n');
    const name = step >= 12 ? `<text class="release-name" transform="translate(${x(r.id) + 3},${TOP - 34}) rotate(-45)">${esc(label(r))}</text>` : '';
    return `<g class="release release-${worst(all)}${r.tag === null ? ' untagged' : ''}" data-release="${r.id}">${name}<circle cx="${x(r.id)}" cy="${TOP}" r="${Math.max(2, Math.min(7, step / 3))}"><title>${esc(title)}</title></circle></g>`;
  });

  const findingItems = [
    ...result.windows.map(
      (w) =>
        `<li class="finding ${w.severity}" data-window="${w.id}"><b>${esc(label(releases[w.from]!))} … ${esc(label(releases[w.to]!))}</b> (${w.releases} releases): ${esc(w.summary)} <code>${esc(w.rule)}</code></li>`,
    ),
    ...releases.flatMap((r) =>
      r.findings
        .filter((f) => f.window === undefined)
        .map((f) => `<li class="finding ${f.severity}" data-release="${r.id}"><b>${esc(label(r))}</b>: ${esc(f.message)} <code>${esc(f.rule)}</code></li>`),
    ),
    ...result.findings.map((f) => `<li class="finding ${f.severity}"><b>history</b>: ${esc(f.message)} <code>${esc(f.rule)}</code></li>`),
  ];

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(`${result.package}: version history`)}</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 16px; color: #1f2328; }
h1 { font-size: 20px; margin: 0 0 4px; }
.meta { color: #59636e; margin: 0 0 12px; }
.page { display: flex; gap: 16px; align-items: flex-start; }
.timeline { overflow-x: auto; flex: 1 1 auto; border: 1px solid #d1d9e0; border-radius: 6px; }
aside { flex: 0 0 360px; max-height: 80vh; overflow-y: auto; }
ul { padding-left: 18px; margin: 0; }
li.finding { margin: 0 0 6px; }
li.error::marker { color: #cf222e; }
li.warn::marker { color: #9a6700; }
code { font-size: 12px; color: #59636e; }
svg text { font-size: 11px; fill: #1f2328; }
.lane-name { text-anchor: end; }
.value { text-anchor: middle; font-size: 9px; }
.cell-same { fill: #a7e3b5; } .cell-drift { fill: #f5a3a3; } .cell-none { fill: #d1d9e0; }
.release-ok circle { fill: #1a7f37; stroke: #1a7f37; } .release-warn circle { fill: #bf8700; stroke: #bf8700; } .release-error circle { fill: #cf222e; stroke: #cf222e; }
.untagged circle { fill: #fff; stroke-width: 2.5; }
.shade-error { fill: rgba(207, 34, 46, 0.08); } .shade-warn { fill: rgba(191, 135, 0, 0.08); }
.window-error { fill: rgba(207, 34, 46, 0.25); } .window-warn { fill: rgba(191, 135, 0, 0.25); }
.window-label { font-size: 11px; fill: #1f2328; }
.legend span { display: inline-block; margin-right: 12px; }
.swatch { display: inline-block; width: 10px; height: 10px; margin-right: 4px; vertical-align: middle; }
</style>
</head>
<body>
<h1>${esc(result.package)}: version history</h1>
<p class="meta">${esc(`${releases.length} releases, ${result.mode} mode (${result.modeReason}); tag prefix "${result.tagPrefix}"; branch ${result.branch ?? 'HEAD'}`)}${result.history.notes.map((n) => `<br>${esc(n)}`).join('')}</p>
<p class="legend"><span><i class="swatch" style="background:#a7e3b5"></i>source states the release's version</span><span><i class="swatch" style="background:#f5a3a3"></i>source drifts</span><span><i class="swatch" style="background:rgba(207,34,46,.25)"></i>drift window</span><span>● release (red: error, amber: warning, green: clean; hollow: untagged)</span></p>
<div class="page">
<div class="timeline">
<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img" aria-label="${esc(`timeline of ${releases.length} releases`)}">
${windows.join('\n')}
<line x1="${LEFT}" y1="${TOP}" x2="${LEFT + releases.length * step}" y2="${TOP}" stroke="#d1d9e0"/>
<text class="lane-name" x="${LEFT - 8}" y="${TOP + 4}">releases</text>
${laneRows.join('\n')}
${points.join('\n')}
</svg>
</div>
<aside>
<h2>Findings</h2>
<ul class="findings">
${findingItems.join('\n') || '<li>none</li>'}
</ul>
</aside>
</div>
<p class="meta">heimdall-version ${esc(VERSION)} audit</p>
</body>
</html>
`;
}
