// INI files as Python's configparser reads them, for tools' configurations: section → key → value
// (continuation lines joined with "\n", keys lower-cased).
export function readIniSections(text: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  let last: string | undefined;
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(trimmed);
    if (header) {
      current = new Map();
      sections.set(header[1]!.trim(), current);
      last = undefined;
    } else if (/^\s/.test(raw) && current && last !== undefined) {
      current.set(last, `${current.get(last)}\n${trimmed}`.replace(/^\n/, ''));
    } else if (current) {
      const m = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(trimmed);
      if (m) current.set((last = m[1]!.toLowerCase()), m[2]!);
    }
  }
  return sections;
}
