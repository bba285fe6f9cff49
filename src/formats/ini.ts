// The one INI reader, with the rules of Python's configparser defaults (setup.cfg, .bumpversion.cfg):
// `#`/`;` comment lines, `=` or `:`, keys lower-cased, a line indented deeper than its option line
// continues the value, and blank lines inside a value are kept (empty_lines_in_values=True).

export interface IniSection {
  /** As written between the brackets (configparser keeps its case and spaces). */
  name: string;
  offset: number;
}

export interface IniOption {
  section: string;
  /** Lower-cased, as configparser's optionxform gives it. */
  key: string;
  offset: number;
  /** The value as configparser gives it: lines stripped and joined with "\n", trailing blank lines dropped. */
  value: string;
  /** The range of the value's first line (stripped) in the text. */
  start: number;
  end: number;
  /** Whether text on later lines belongs to the value. */
  multiline: boolean;
}

export interface IniProblem {
  message: string;
  offset: number;
}

export interface IniDocument {
  sections: IniSection[];
  /** Every option in order, duplicates kept (configparser refuses them; callers decide). */
  options: IniOption[];
  /** What configparser would refuse, in order; the reading goes on past each, as configparser's does. */
  problems: IniProblem[];
}

/** A line as quoted in a message: a hostile file must not be echoed back whole. */
const quoted = (line: string) => (line.length > 40 ? `${line.slice(0, 40)}…` : line);

// configparser's SECTCRE, matched on the stripped line (from its start, to the last "]").
const SECTION = /^\[(.+)\]/;

export function readIni(text: string): IniDocument {
  const doc: IniDocument = { sections: [], options: [], problems: [] };
  let section: string | undefined;
  // The option being read, and its value's lines so far.
  let option: IniOption | undefined;
  let lines: string[] = [];
  let indentLevel = 0;
  const finish = () => {
    if (!option) return;
    while (lines.at(-1) === '') lines.pop();
    option.value = lines.join('\n');
    option.multiline = lines.length > 1;
    option = undefined;
  };
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (at <= text.length) {
    const nl = text.indexOf('\n', at);
    const lineEnd = nl === -1 ? text.length : nl;
    const line = text.slice(at, text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd);
    const lineAt = at;
    at = lineEnd + 1;
    const stripped = line.trim();
    const lead = line.length - line.trimStart().length;
    if (stripped === '' || stripped[0] === '#' || stripped[0] === ';') {
      // A blank line belongs to the value being read; a comment line is skipped without ending it.
      if (stripped === '' && option) lines.push('');
      continue;
    }
    if (option && lead > indentLevel) {
      lines.push(stripped);
      continue;
    }
    finish();
    indentLevel = lead;
    const header = SECTION.exec(stripped);
    if (header) {
      section = header[1]!;
      doc.sections.push({ name: section, offset: lineAt + lead });
      continue;
    }
    if (section === undefined) {
      doc.problems.push({ message: `a key before the first [section]: "${quoted(stripped)}"`, offset: lineAt + lead });
      continue;
    }
    // configparser's OPTCRE: the key runs to the first delimiter (found by hand: the lazy pattern backtracks quadratically on long lines).
    const delimiter = stripped.search(/[=:]/);
    const key = delimiter === -1 ? '' : stripped.slice(0, delimiter).trimEnd();
    if (!key) {
      const message =
        stripped[0] === '[' && delimiter === -1
          ? `a section header must be "[name]", not "${quoted(stripped)}"`
          : `"${quoted(stripped)}" is neither "key = value" nor a section header`;
      doc.problems.push({ message, offset: lineAt + lead });
      continue;
    }
    const value = stripped.slice(delimiter + 1).trimStart();
    const start = lineAt + lead + stripped.length - value.length;
    option = { section, key: key.toLowerCase(), offset: lineAt + lead, value, start, end: start + value.length, multiline: false };
    lines = [value];
    doc.options.push(option);
  }
  finish();
  return doc;
}
