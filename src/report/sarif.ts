// SARIF 2.1.0, for GitHub code scanning (github/codeql-action/upload-sarif): one run, the rules
// that ran as its driver's rules, one result per diagnostic, located relative to the project root.
import type { CheckResult } from '../core/result.js';
import { UserError } from '../core/errors.js';
import { VERSION } from '../core/tool-version.js';
import { inertJson, printable } from './printable.js';

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
            ...(d.package !== undefined ? { properties: { package: d.package } } : {}),
            locations: file
              ? [
                  {
                    physicalLocation: {
                      artifactLocation: { uri: uriPath(file), uriBaseId: 'PROJECTROOT' },
                      ...(d.file && d.line ? { region: { startLine: d.line, startColumn: d.column ?? 1 } } : {}),
                    },
                  },
                ]
              : [],
          };
        }),
      },
    ],
  };
  return `${inertJson(JSON.stringify(log, null, 2))}\n`;
}

/** A '/'-separated path as a URI path: every segment percent-encoded ("#", "?", "%", spaces, a ":" that would read as a scheme). */
function uriPath(file: string): string {
  // A control character would be encoded, but a file named so is a hostile layout, not a location to upload.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  const control = /[\u0000-\u001f\u007f-\u009f]/.test(file);
  try {
    if (!control) return file.split('/').map(encodeURIComponent).join('/');
  } catch {
    // encodeURIComponent refuses half of a surrogate pair.
  }
  throw new UserError(
    `${printable(file)}: SARIF cannot locate a file whose name ${control ? 'holds control characters' : 'is not valid Unicode'}; rename it, or use another --format`,
  );
}

const pathToFileUri = (p: string) =>
  `file://${uriPath(
    p
      .split('\\')
      .join('/')
      .replace(/^(?=[A-Za-z]:)/, '/'),
  ).replace(/^(\/[A-Za-z])%3A/, '$1:')}`;
