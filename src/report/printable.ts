// Text that comes from the repository (versions, file names, keys, and messages made of them) is
// printed so that it cannot forge a line, a terminal sequence or a CI log command: control
// characters, line and bidi separators are escaped, and so is what GitHub's runner reads as a
// command ("::" at a line's start after spaces, "##[" anywhere in a line).

/** C0 and C1 controls, DEL, the Unicode line separators, and the marks that reorder text (bidi). */
const UNSAFE_CHAR = '[\\u0000-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069]';
const UNSAFE = new RegExp(`${UNSAFE_CHAR}|##\\[`, 'g');
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|##\[/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

const hex = (c: string, width: number) => c.charCodeAt(0).toString(16).padStart(width, '0');

/** One line's worth of text, with every unsafe character written as an escape (\n, \x1b, \u202e). */
export function printable(text: string): string {
  return text.replace(UNSAFE, (c) => (c === '##[' ? '##\\x5b' : (NAMED[c] ?? (c.charCodeAt(0) <= 0xff ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`))));
}

/** Text that begins a line: printable, and never a workflow command (GitHub reads a line that starts with "::", after spaces, as one). */
export function printableLine(text: string): string {
  const safe = printable(text);
  return /^\s*::/.test(safe) ? safe.replace(':', '\\x3a') : safe;
}

/** A message of several lines (a configuration error listing its problems): each line made printable, the line breaks kept. */
export const printableLines = (text: string): string => text.split('\n').map(printableLine).join('\n');

/** Serialised JSON with the unsafe characters JSON.stringify leaves raw written as \u escapes: the same data, inert bytes. */
export function inertJson(json: string): string {
  // Outside strings JSON holds only ASCII punctuation, digits and letters: every match is inside a string.
  return json.replace(UNSAFE_IN_JSON, (c) => (c === '##[' ? '##\\u005b' : `\\u${hex(c, 4)}`));
}
