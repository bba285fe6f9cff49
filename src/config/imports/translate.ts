// Turning another tool's notion of a version file into one of our sources: the right kind where the
// file kind is known, else a regex built from the tool's search pattern.
import type { SourceConfig } from '../types.js';
import { commitizenLines, PLAIN_VERSION, searchPattern } from './patterns.js';

export interface ToolFile {
  file: string;
  /** The tool's search text with its placeholder for the version, e.g. 'version = "{current_version}"'. */
  search?: string;
  /** bump-my-version's regex = true: the search text is a (Python) regular expression. */
  searchIsRegex?: boolean;
  /** What a version looks like to the tool (its parse, in JavaScript syntax); default a plain version. */
  version?: string;
  /** commitizen: the version is on the lines this (Python) regular expression matches. */
  lineRegex?: string;
}

export interface Imported {
  tool: string;
  /** Where the tool's configuration was read from. */
  from: string;
  files: ToolFile[];
  /** The tag format, e.g. "v{version}" → prefix "v". */
  tagPrefix?: string;
  message?: string;
  tagMessage?: string;
  /** What could not be translated, in words. */
  untranslated: string[];
}

// Placeholders of the version in each tool's templates.
const VERSION_PLACEHOLDER = /\{current_version\}|\{new_version\}|\{version\}|\$\{?(?:current_)?version\}?|\{pep440_version\}/;

/** A message template in our placeholders ({old}, {new}, {tag}), or undefined if it uses others. */
export function translateTemplate(template: string): string | undefined {
  const out = template
    .replace(/\{current_version\}|\{old_version\}|\$\{?current_version\}?/g, '{old}')
    .replace(/\{new_version\}|\$\{?new_version\}?/g, '{new}')
    .replace(/\{new_tag\}|\{tag\}/g, '{tag}');
  return /\{(?!old\}|new\}|tag\})[^}]*\}|\$\{?[a-z_]+/.test(out) ? undefined : out;
}

/** The prefix of a tag template ("v{new_version}" → "v"), or undefined when the version is not at its end. */
export function tagPrefixOf(template: string): string | undefined {
  const m = VERSION_PLACEHOLDER.exec(template);
  if (!m || m.index + m[0].length !== template.length) return undefined;
  return template.slice(0, m.index);
}

/** The source for one of the tool's files. */
export function sourceFor(f: ToolFile): { source: SourceConfig } | { problem: string } {
  if (f.lineRegex !== undefined) {
    const lines = commitizenLines(f.lineRegex);
    return 'pattern' in lines ? { source: { file: f.file, type: 'regex', pattern: lines.pattern } } : { problem: `${f.file}: ${lines.problem}` };
  }
  const search = f.search ?? '{current_version}';
  const base = f.file.split('/').pop()!;
  if (base === 'pyproject.toml')
    return { source: { file: f.file, type: 'toml', key: /\[tool\.poetry\]/.test(search) ? 'tool.poetry.version' : 'project.version' } };
  if (base === 'package.json') return { source: { file: f.file, type: 'json', key: 'version' } };
  const bare = search.replace(VERSION_PLACEHOLDER, '').trim() === '';
  if (base.endsWith('.py') && bare) return { source: { file: f.file, type: 'python' } };
  if (base === 'setup.cfg' && (bare || /^version\s*[=:]/.test(search.trim())))
    return { source: { file: f.file, type: 'ini', section: 'metadata', key: 'version' } };
  if (base === 'setup.py' && /^version\s*=/.test(search.trim())) return { source: { file: f.file, type: 'python', call: 'setup' } };
  const variable = /^([A-Za-z_][A-Za-z0-9_]*)\s*(?::[^=]*)?=\s*['"]?\{/.exec(search.trim())?.[1];
  if (base.endsWith('.py') && variable) return { source: { file: f.file, type: 'python', variable } };
  if (/^(VERSION|version)(\.txt)?$/.test(base) && VERSION_PLACEHOLDER.test(search) && search.replace(VERSION_PLACEHOLDER, '').trim() === '')
    return { source: { file: f.file, type: 'text' } };
  const m = VERSION_PLACEHOLDER.exec(search);
  if (!m) return { problem: `${f.file}: the search pattern "${search}" has no version placeholder` };
  const rest = search.slice(m.index + m[0].length);
  if (VERSION_PLACEHOLDER.test(rest) || /\{[a-z_]+\}/.test(search.slice(0, m.index) + rest))
    return { problem: `${f.file}: the search pattern "${search}" uses placeholders other than one version` };
  const pattern = searchPattern(search.slice(0, m.index), rest, f.version ?? PLAIN_VERSION, f.searchIsRegex === true);
  return 'pattern' in pattern ? { source: { file: f.file, type: 'regex', pattern: pattern.pattern } } : { problem: `${f.file}: ${pattern.problem}` };
}
