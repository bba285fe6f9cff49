// INI as Python's configparser reads setup.cfg: `[section]`, `key = value` or `key: value`, keys
// case-insensitive, comment lines start with # or ;, indented lines continue the value above.
import { text as textField } from '../config/fields.js';
import { defineKind } from './kind.js';
import type { Located, Locator, SourceProblem } from './types.js';

interface Entry {
  section: string;
  key: string;
  /** Range of the trimmed value on the key's own line. */
  start: number;
  end: number;
  continued: boolean;
}

/** Every key of the file with where its value sits; duplicate keys and sections are kept, for the caller to refuse. */
export function scanIni(text: string): { entries: Entry[]; sections: { name: string; offset: number }[]; error?: SourceProblem } {
  const entries: Entry[] = [];
  const sections: { name: string; offset: number }[] = [];
  let section: string | undefined;
  let last: Entry | undefined;
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (at < text.length) {
    const nl = text.indexOf('\n', at);
    const lineEnd = nl === -1 ? text.length : nl;
    const line = text.slice(at, lineEnd).replace(/\r$/, '');
    const trimmed = line.trim();
    if (trimmed === '' || trimmed[0] === '#' || trimmed[0] === ';') {
      if (trimmed === '') last = undefined;
    } else if (/^\s/.test(line) && last) last.continued = true;
    else if (trimmed.startsWith('[')) {
      const m = /^\[([^\]]+)\]$/.exec(trimmed);
      if (!m) return { entries, sections, error: { kind: 'parse-error', message: `invalid INI: a section header must be "[name]", not "${trimmed}"`, offset: at } };
      section = m[1]!;
      sections.push({ name: section, offset: at + line.indexOf('[') });
      last = undefined;
    } else {
      const m = /^([^=:]*?)\s*[=:]\s*/.exec(line);
      if (!m || !m[1]!.trim()) return { entries, sections, error: { kind: 'parse-error', message: `invalid INI: "${trimmed}" is neither "key = value" nor a section header`, offset: at } };
      if (section === undefined) return { entries, sections, error: { kind: 'parse-error', message: 'invalid INI: a key before the first [section]', offset: at } };
      const start = at + m[0].length;
      last = { section, key: m[1]!.trim().toLowerCase(), start, end: start + line.slice(m[0].length).trimEnd().length, continued: false };
      entries.push(last);
    }
    at = lineEnd + 1;
  }
  return { entries, sections };
}

export const locateIniVersion: Locator<{ section?: string; key?: string }> = (text, options) => {
  const section = options.section ?? 'metadata';
  const key = (options.key ?? 'version').toLowerCase();
  const label = `[${section}] ${key}`;
  const none = (problem: SourceProblem): Located => ({ hits: [], lookups: [], problems: [problem], label });
  const { entries, sections, error } = scanIni(text);
  if (error) return none(error);
  const named = sections.filter((s) => s.name === section);
  if (named.length > 1) return none({ kind: 'ambiguous', message: `section [${section}] appears ${named.length} times`, offset: named[1]!.offset });
  const found = entries.filter((e) => e.section === section && e.key === key);
  if (found.length === 0) return none({ kind: 'not-found', message: named.length ? `no "${key}" key in [${section}]` : `no [${section}] section` });
  if (found.length > 1) return none({ kind: 'ambiguous', message: `"${key}" is set ${found.length} times in [${section}]`, offset: found[1]!.start });
  const entry = found[0]!;
  const value = text.slice(entry.start, entry.end);
  if (entry.continued) return none({ kind: 'uncheckable', message: `${label} continues on the next line; write the version on one line`, offset: entry.start });
  const directive = /^(attr|file):\s*(.*)$/.exec(value);
  if (directive)
    return none({ kind: 'dynamic', message: `${label} is read from ${directive[1] === 'attr' ? 'the attribute' : 'the file'} ${directive[2]}; configure that source instead`, offset: entry.start });
  if (value === '') return none({ kind: 'not-found', message: `${label} is empty`, offset: entry.start });
  return { hits: [{ value, start: entry.start, end: entry.end }], lookups: [], problems: [], label };
};

export const iniSource = defineKind({
  type: 'ini',
  scheme: 'pep440',
  description: 'A key of an INI file as Python\'s configparser reads it (setup.cfg [metadata] version).',
  options: {
    section: textField().describe('ini: the section (default metadata).'),
    key: textField().describe('ini: the key, case-insensitive (default version).'),
  },
  label: (o) => `[${o.section ?? 'metadata'}] ${(o.key ?? 'version').toLowerCase()}`,
  locate: locateIniVersion,
});
