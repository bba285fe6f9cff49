// SARIF 2.1.0, for GitHub code scanning (github/codeql-action/upload-sarif): one run, the rules
// that ran as its driver's rules, one result per diagnostic, located relative to the project root.
import type { CheckResult } from '../core/result.js';
import { VERSION } from '../core/tool-version.js';

export interface RuleMeta {
  id: string;
  description: string;
}

export function formatSarif(result: CheckResult, rules: RuleMeta[]): string {
  const index = new Map(rules.map((r, i) => [r.id, i]));
  // GitHub needs a location on every result: a finding about the whole project points at the primary source.
  const primary = result.sources.find((s) => s.primary)?.file;
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'heimdall-version',
            version: VERSION,
            rules: rules.map((r) => ({ id: r.id, shortDescription: { text: r.description } })),
          },
        },
        originalUriBaseIds: { PROJECTROOT: { uri: `${pathToFileUri(result.root)}/` } },
        results: result.diagnostics.map((d) => {
          const file = d.file ?? primary;
          return {
            ruleId: d.rule,
            ...(index.has(d.rule) ? { ruleIndex: index.get(d.rule) } : {}),
            level: d.severity === 'error' ? 'error' : 'warning',
            message: { text: d.message },
            locations: file
              ? [{ physicalLocation: { artifactLocation: { uri: encodeURI(file), uriBaseId: 'PROJECTROOT' }, ...(d.file && d.line ? { region: { startLine: d.line, startColumn: d.column ?? 1 } } : {}) } }]
              : [],
          };
        }),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

const pathToFileUri = (p: string) => `file://${encodeURI(p.split('\\').join('/').replace(/^(?=[A-Za-z]:)/, '/'))}`;
