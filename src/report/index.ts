import type { CheckResult } from '../core/result.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatStylish } from './stylish.js';
import { formatSarif } from './sarif.js';
import { RULES } from '../rules/index.js';

export const FORMATS = ['stylish', 'json', 'github', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

export function formatResult(result: CheckResult, format: Format, color: boolean): string {
  if (format === 'json') return formatJson(result);
  if (format === 'github') return formatGithub(result);
  if (format === 'sarif')
    return formatSarif(
      result,
      RULES.map((r) => ({ id: r.meta.id, description: r.meta.description })),
    );
  return formatStylish(result, { color });
}
