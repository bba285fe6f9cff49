// Reading the version configuration of bump-my-version, bump2version/bumpversion, tbump, commitizen
// and bumpver from where each keeps it. Pure: files come through `read`.
import { readTomlTree } from '../../sources/toml.js';
import type { ReadFile } from '../layout.js';
import { readIniSections } from './ini-sections.js';
import { tagPrefixOf, translateTemplate, type Imported, type ToolFile } from './translate.js';
import { DEFAULT_PARSE, versionFromParse } from './patterns.js';

type Tree = Record<string, unknown>;
const obj = (v: unknown): Tree => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Tree) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Every tool configuration found, in a fixed order. */
export function readToolConfigs(read: ReadFile): Imported[] {
  const pyproject = tomlOf(read('pyproject.toml'));
  const tool = obj(pyproject?.tool);
  const found: (Imported | undefined)[] = [
    tool.bumpversion !== undefined ? bumpMyVersion(obj(tool.bumpversion), 'pyproject.toml [tool.bumpversion]') : undefined,
    fromFile(read, '.bumpversion.toml', (t) => bumpMyVersion(obj(obj(t.tool).bumpversion ?? t.bumpversion), '.bumpversion.toml')),
    iniBumpversion(read, '.bumpversion.cfg'),
    iniBumpversion(read, 'setup.cfg'),
    tool.tbump !== undefined ? tbump(obj(tool.tbump), 'pyproject.toml [tool.tbump]') : undefined,
    fromFile(read, 'tbump.toml', (t) => tbump(t, 'tbump.toml')),
    tool.commitizen !== undefined ? commitizen(obj(tool.commitizen), 'pyproject.toml [tool.commitizen]') : undefined,
    tool.bumpver !== undefined ? bumpver(obj(tool.bumpver), 'pyproject.toml [tool.bumpver]') : undefined,
    fromFile(read, 'bumpver.toml', (t) => bumpver(obj(t.bumpver), 'bumpver.toml')),
  ];
  return found.filter((x): x is Imported => x !== undefined);
}

function tomlOf(text: string | undefined): Tree | undefined {
  return text === undefined ? undefined : readTomlTree(text);
}

function fromFile(read: ReadFile, file: string, make: (t: Tree) => Imported): Imported | undefined {
  const text = read(file);
  if (text === undefined) return undefined;
  const tree = tomlOf(text);
  return tree ? make(tree) : { tool: file, from: file, files: [], untranslated: [`${file} is not valid TOML; nothing was imported from it`] };
}

/** Notes for keys we read but do not translate, and for keys we do not know. */
function leftOver(table: Tree, known: string[], where: string, untranslated: string[]): void {
  for (const [key, value] of Object.entries(table)) {
    if (known.includes(key)) continue;
    untranslated.push(`${where} ${key} = ${JSON.stringify(value)}`);
  }
}

function templates(imported: Imported, message: string | undefined, tagMessage: string | undefined, tag: string | undefined): void {
  if (message !== undefined) {
    const m = translateTemplate(message);
    if (m) imported.message = m;
    else imported.untranslated.push(`the commit message "${message}" uses placeholders heimdall-version does not have ({old}, {new}, {tag})`);
  }
  if (tagMessage !== undefined) {
    const m = translateTemplate(tagMessage);
    if (m) imported.tagMessage = m;
    else imported.untranslated.push(`the tag message "${tagMessage}" uses placeholders heimdall-version does not have`);
  }
  if (tag !== undefined) {
    const prefix = tagPrefixOf(tag);
    if (prefix !== undefined) imported.tagPrefix = prefix;
    else imported.untranslated.push(`the tag format "${tag}": heimdall-version tags are <prefix><version>`);
  }
}

const BMV_KNOWN = [
  'current_version',
  'search',
  'replace',
  'tag_name',
  'tag_message',
  'message',
  'files',
  'commit',
  'tag',
  'allow_dirty',
  'sign_tags',
  'parse',
  'serialize',
  'regex',
];

/** A file of bump2version or bump-my-version: its search finds the version with the tool's parse pattern (per file, else the tool's). */
function parsedFile(imported: Imported, file: string, search: string | undefined, parse: string, searchIsRegex = false): void {
  const version = versionFromParse(parse);
  if ('problem' in version) imported.untranslated.push(`${file}: ${version.problem}; the file was left out`);
  else imported.files.push({ file, search, version: version.pattern, ...(searchIsRegex ? { searchIsRegex } : {}) });
}

/** A custom parse finds the version; how the tool would write it (serialize) is the project's scheme here. */
function customParse(imported: Imported, parse: string | undefined): void {
  if (parse !== undefined && parse !== DEFAULT_PARSE)
    imported.untranslated.push(
      `parse = "${parse}" finds the version, but serialize does not carry over: heimdall-version writes versions in the project's scheme`,
    );
}

function bumpMyVersion(t: Tree, from: string): Imported {
  const imported: Imported = { tool: 'bump-my-version', from, files: [], untranslated: [] };
  const search = str(t.search);
  const parse = str(t.parse) ?? DEFAULT_PARSE;
  for (const f of arr(t.files).map(obj)) {
    const file = str(f.filename);
    if (file) parsedFile(imported, file, str(f.search) ?? search, str(f.parse) ?? parse, (f.regex ?? t.regex) === true);
    else imported.untranslated.push(`a [[files]] entry without filename (glob = ${JSON.stringify(f.glob ?? null)})`);
  }
  customParse(imported, str(t.parse));
  templates(imported, str(t.message), str(t.tag_message), str(t.tag_name));
  leftOver(t, BMV_KNOWN, from, imported.untranslated);
  return imported;
}

function iniBumpversion(read: ReadFile, file: string): Imported | undefined {
  const text = read(file);
  if (text === undefined) return undefined;
  const sections = readIniSections(text);
  const main = sections.get('bumpversion');
  if (!main) return undefined;
  const imported: Imported = { tool: 'bump2version', from: `${file} [bumpversion]`, files: [], untranslated: [] };
  const search = main.get('search');
  const parse = main.get('parse') ?? DEFAULT_PARSE;
  for (const [name, keys] of sections) {
    const m = /^bumpversion:(file|glob|part)(?:\([^)]*\))?:(.+)$/.exec(name);
    if (!m) continue;
    if (m[1] === 'file') parsedFile(imported, m[2]!.trim(), keys.get('search') ?? search, keys.get('parse') ?? parse);
    else imported.untranslated.push(`[${name}]: ${m[1] === 'glob' ? 'globs are not sources; name each file' : "version parts are the scheme's business"}`);
  }
  customParse(imported, main.get('parse'));
  templates(imported, main.get('message'), main.get('tag_message'), main.get('tag_name'));
  leftOver(Object.fromEntries(main), BMV_KNOWN, `${file} [bumpversion]`, imported.untranslated);
  return imported;
}

function tbump(t: Tree, from: string): Imported {
  const imported: Imported = { tool: 'tbump', from, files: [], untranslated: [] };
  // tbump's search is a regular expression, and [version] regex (verbose mode) is what a version looks like.
  const regex = str(obj(t.version).regex);
  const parse = regex === undefined ? DEFAULT_PARSE : withoutVerboseSpace(regex);
  for (const f of arr(t.file).map(obj)) {
    const file = str(f.src);
    if (!file) continue;
    if (f.version_template !== undefined)
      imported.untranslated.push(`${file}: version_template = ${JSON.stringify(f.version_template)} (another spelling of the version)`);
    else parsedFile(imported, file, str(f.search), parse, true);
  }
  const git = obj(t.git);
  templates(imported, str(git.message_template), undefined, str(git.tag_template));
  for (const key of ['before_commit', 'after_push', 'field'])
    if (t[key] !== undefined) imported.untranslated.push(`${from} ${key}: hooks and fields are not translated`);
  return imported;
}

/** A re.VERBOSE pattern as a plain one: unescaped white space and # comments removed. */
function withoutVerboseSpace(pattern: string): string {
  return pattern
    .split('\n')
    .map((line) => line.replace(/(?<!\\)#.*$/, ''))
    .join('')
    .replace(/(?<!\\)\s+/g, '');
}

function commitizen(t: Tree, from: string): Imported {
  const imported: Imported = { tool: 'commitizen', from, files: [], untranslated: [] };
  for (const entry of arr(t.version_files)) {
    if (typeof entry !== 'string') continue;
    const [file, regex] = entry.split(/:(.*)/s) as [string, string | undefined];
    imported.files.push(commitizenFile(file, regex));
  }
  const tag = str(t.tag_format)?.replace(/\$\{version\}/, '$version');
  templates(imported, str(t.bump_message), undefined, tag);
  const provider = str(t.version_provider);
  if (provider && !['commitizen', 'pep621', 'poetry'].includes(provider)) imported.untranslated.push(`version_provider = "${provider}"`);
  leftOver(
    t,
    ['name', 'version', 'version_files', 'tag_format', 'bump_message', 'version_provider', 'version_scheme', 'update_changelog_on_bump', 'major_version_zero'],
    from,
    imported.untranslated,
  );
  return imported;
}

/** commitizen's "file:regex" means: on lines matching regex, the version is replaced. */
function commitizenFile(file: string, regex: string | undefined): ToolFile {
  if (!regex) return { file };
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(regex) && file.endsWith('.py')) return { file, search: `${regex} = "{version}"` };
  return { file, lineRegex: regex };
}

function bumpver(t: Tree, from: string): Imported {
  const imported: Imported = { tool: 'bumpver', from, files: [], untranslated: [] };
  const pattern = str(t.version_pattern);
  for (const [file, searches] of Object.entries(obj(t.file_patterns))) {
    for (const search of arr(searches)) {
      if (typeof search !== 'string') continue;
      // bumpver writes the version either as {version} or as its version_pattern spelled out.
      imported.files.push({ file, search: pattern ? search.split(pattern).join('{version}') : search });
    }
  }
  templates(imported, str(t.commit_message), undefined, t.tag === true ? '{version}' : undefined);
  leftOver(t, ['current_version', 'version_pattern', 'commit_message', 'commit', 'tag', 'push', 'file_patterns'], from, imported.untranslated);
  return imported;
}
