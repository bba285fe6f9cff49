// Sphinx's docs/conf.py, for init: `release` is the full version, `version` usually its short X.Y
// form. Both are python sources; the short one is read as such ("short": true).
import type { Detected } from '../kind.js';
import { locatePythonVersion } from './locate.js';

const CONF_FILES = ['docs/conf.py', 'doc/conf.py', 'docs/source/conf.py', 'doc/source/conf.py'];
const SHORT = /^\s*\d+\.\d+\s*$/;

type PythonSource = { file: string; type: 'python'; variable: string; short?: boolean };

export function detectSphinx(read: (file: string) => string | undefined): Detected<PythonSource>[] {
  return CONF_FILES.flatMap((file) => {
    const content = read(file);
    if (content === undefined) return [];
    const taken = new Set<number>();
    return ['release', 'version'].flatMap((variable): Detected<PythonSource>[] => {
      const located = locatePythonVersion(content, { variable });
      const hit = located.hits[0];
      const value = hit?.value;
      const lookup = located.lookups[0]?.distribution;
      if (value === undefined && lookup === undefined) return [];
      // `version = release = "1.2.3"`: one literal, one source.
      if (hit && taken.has(hit.start)) return [];
      if (hit) taken.add(hit.start);
      const short = variable === 'version' && value !== undefined && SHORT.test(value);
      return [{ source: { file, type: 'python', variable, ...(short ? { short: true } : {}) }, value, lookup, keep: "Sphinx's documentation version" }];
    });
  });
}
