import type { CheckResult } from '../core/result.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatStylish } from './stylish.js';

export const FORMATS = ['stylish', 'json', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export function formatResult(result: CheckResult, format: Format, color: boolean): string {
  if (format === 'json') return formatJson(result);
  if (format === 'github') return formatGithub(result);
  return formatStylish(result, { color });
}
