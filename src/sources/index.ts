// The registry: source type → locator. The JS parser (Babel) is loaded only for js sources.
import { locateJsonVersion } from './json.js';
import { locatePythonVersion } from './python.js';
import { locateRegexVersion } from './regex.js';
import { locateTomlVersion } from './toml.js';
import type { Locator, SourceType } from './types.js';

const EAGER: Record<Exclude<SourceType, 'js'>, Locator> = {
  toml: locateTomlVersion,
  python: locatePythonVersion,
  json: locateJsonVersion,
  regex: locateRegexVersion,
};

export async function locatorFor(type: SourceType): Promise<Locator> {
  return type === 'js' ? (await import('./js.js')).locateJsVersion : EAGER[type];
}
