// The registry: source type → locator. Loaded lazily so `check` pays only for the parsers it uses.
import type { Locator, SourceType } from './types.js';

export async function locatorFor(type: SourceType): Promise<Locator> {
  switch (type) {
    case 'toml':
      return (await import('./toml.js')).locateTomlVersion;
    case 'python':
      return (await import('./python.js')).locatePythonVersion;
    case 'json':
      return (await import('./json.js')).locateJsonVersion;
    case 'js':
      return (await import('./js.js')).locateJsVersion;
    case 'regex':
      return (await import('./regex.js')).locateRegexVersion;
  }
}
