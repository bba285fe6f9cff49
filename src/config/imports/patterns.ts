// The version as other tools find it, as JavaScript regular expressions: their `parse` (bump2version,
// bump-my-version, tbump), commitizen's line regex, else a plain version; Python syntax translated.

/**
 * A version as Python tools write one: MAJOR.MINOR at least, then any pre, post, dev or local part.
 * Its tail has one reading only (letters and digits, then separated runs), so text that almost
 * matches cannot make the search backtrack without end.
 */
export const PLAIN_VERSION = String.raw`\d+(?:\.\d+)+[0-9A-Za-z]*(?:[-.+_][0-9A-Za-z]+)*`;

/** bump2version's and bump-my-version's default parse: MAJOR.MINOR.PATCH. */
export const DEFAULT_PARSE = String.raw`(?P<major>\d+)\.(?P<minor>\d+)\.(?P<patch>\d+)`;

export type Translated = { pattern: string } | { problem: string };

/** A Python regular expression in JavaScript syntax ((?P<n>…) → (?<n>…), (?P=n) → \k<n>), or why there is none. */
export function pythonRegex(source: string): Translated {
  const pattern = source.replace(/\(\?P</g, '(?<').replace(/\(\?P=(\w+)\)/g, '\\k<$1>');
  return compiles(pattern) ? { pattern } : { problem: `the regular expression "${source}" does not translate to JavaScript` };
}

/** A tool's parse pattern as the inside of our version group: its named groups become plain ones (only `version` is ours). */
export function versionFromParse(parse: string): Translated {
  if (/\(\?P=/.test(parse)) return { problem: `parse = "${parse}" refers back to its own groups` };
  const translated = pythonRegex(parse.replace(/\(\?P<\w+>/g, '(?:'));
  return 'pattern' in translated ? translated : { problem: `parse = "${parse}" does not translate to JavaScript` };
}

/** commitizen's "file:regex": on every line the regex matches, the first version on that line, wherever it stands. */
export function commitizenLines(regex: string): Translated {
  const lines = pythonRegex(regex);
  if ('problem' in lines) return lines;
  const pattern = `^(?=[^\\n]*?(?:${lines.pattern}))[^\\n]*?(?<![0-9A-Za-z.])v?(?<version>${PLAIN_VERSION})`;
  return compiles(pattern) ? { pattern } : { problem: `the regular expression "${regex}" cannot be combined with the version group` };
}

/** A search template's text around the version, literal or (bump-my-version's regex = true) a Python regex, with our version group between. */
export function searchPattern(before: string, after: string, version: string, isRegex: boolean): Translated {
  const side = (text: string): Translated => (isRegex ? pythonRegex(text) : { pattern: text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') });
  const head = side(before);
  const tail = side(after);
  if ('problem' in head) return head;
  if ('problem' in tail) return tail;
  // With nothing written beside it, the version must not be part of a longer number.
  const pattern = `${head.pattern || '(?<![\\d.])'}(?<version>${version})${tail.pattern || '(?!\\.?\\d)'}`;
  return compiles(pattern) ? { pattern } : { problem: `the search pattern "${before}{version}${after}" does not translate to JavaScript` };
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'gmd');
    return true;
  } catch {
    return false;
  }
}
