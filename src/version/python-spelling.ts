// The spelling Python's build tools write into the artifacts, for a version read in any scheme.
import { spelling, type VersionScheme } from './scheme.js';

/** The normalized PEP 440 spelling of a version's meaning (what build writes into the artifacts), or undefined when it has none. */
export async function pythonSpelling(scheme: VersionScheme, version: string | undefined): Promise<string | undefined> {
  const meaning = version === undefined ? undefined : scheme.parse(version);
  return meaning && spelling((await import('./pep440.js')).pep440, meaning);
}
