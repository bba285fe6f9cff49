import { CONFIG, validateConfig } from './schema.js';
import type { Config, ReleaseConfig } from './types.js';

/** heimdall-mcp's runtime copy of the version: checked with no configuration whenever it exists. */
export const HEIMDALL_RUNTIME = 'cognitive_memory/core/version.py';

export { HEIMDALL_SOURCES } from './schema.js';

/** Every default of the declaration: what an empty configuration means. */
export function defaultConfig(): Config {
  const result = validateConfig({});
  if (!('config' in result)) throw new Error(`the defaults do not validate: ${result.problems.join('; ')}`);
  return result.config;
}

export function defaultRelease(python = 'python3'): ReleaseConfig {
  return CONFIG.parse({ release: { python } }, '', () => {})!.release;
}
