// INI as Python's configparser reads setup.cfg (the one INI reader, src/formats/ini.ts): the version
// is the value of a key in a section, or of [DEFAULT] when the section does not set it.
import { text as textField } from '../config/fields.js';
import { readIni } from '../formats/ini.js';
import { defineKind } from './kind.js';
import type { Located, Locator, SourceProblem } from './types.js';

export const locateIniVersion: Locator<{ section?: string; key?: string }> = (text, options) => {
  const section = options.section ?? 'metadata';
  const key = (options.key ?? 'version').toLowerCase();
  const label = `[${section}] ${key}`;
  const none = (problem: SourceProblem): Located => ({ hits: [], lookups: [], problems: [problem], label });
  const { sections, options: entries, problems } = readIni(text);
  if (problems[0]) return none({ kind: 'parse-error', message: `invalid INI: ${problems[0].message}`, offset: problems[0].offset });
  const named = sections.filter((s) => s.name === section);
  if (named.length > 1) return none({ kind: 'ambiguous', message: `section [${section}] appears ${named.length} times`, offset: named[1]!.offset });
  const own = entries.filter((e) => e.section === section && e.key === key);
  // configparser answers a section's missing key from [DEFAULT].
  const found = own.length || !named.length ? own : entries.filter((e) => e.section === 'DEFAULT' && e.key === key);
  if (found.length === 0) return none({ kind: 'not-found', message: named.length ? `no "${key}" key in [${section}]` : `no [${section}] section` });
  if (found.length > 1) return none({ kind: 'ambiguous', message: `"${key}" is set ${found.length} times in [${found[0]!.section}]`, offset: found[1]!.start });
  const entry = found[0]!;
  if (entry.multiline) return none({ kind: 'uncheckable', message: `${label} continues on the next line; write the version on one line`, offset: entry.start });
  const directive = /^(attr|file):\s*(.*)$/.exec(entry.value);
  if (directive)
    return none({
      kind: 'dynamic',
      message: `${label} is read from ${directive[1] === 'attr' ? 'the attribute' : 'the file'} ${directive[2]}; configure that source instead`,
      offset: entry.start,
    });
  if (entry.value === '') return none({ kind: 'not-found', message: `${label} is empty`, offset: entry.start });
  return { hits: [{ value: entry.value, start: entry.start, end: entry.end }], lookups: [], problems: [], label };
};

export const iniSource = defineKind({
  type: 'ini',
  scheme: 'pep440',
  description: "A key of an INI file as Python's configparser reads it (setup.cfg [metadata] version).",
  options: {
    section: textField().describe('ini: the section (default metadata).'),
    key: textField().describe('ini: the key, case-insensitive (default version).'),
  },
  label: (o) => `[${o.section ?? 'metadata'}] ${(o.key ?? 'version').toLowerCase()}`,
  locate: locateIniVersion,
});
