// INI files as Python's configparser reads them (src/formats/ini.ts), for tools' configurations:
// section → key → value. Lenient: what configparser would refuse is left out, the rest kept.
import { readIni } from '../../formats/ini.js';

export function readIniSections(text: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  const doc = readIni(text);
  for (const { name } of doc.sections) if (!sections.has(name.trim())) sections.set(name.trim(), new Map());
  // A value whose first line is empty (`search =` and the text below) starts at its second line.
  for (const o of doc.options) sections.get(o.section.trim())!.set(o.key, o.value.replace(/^\n+/, ''));
  return sections;
}
