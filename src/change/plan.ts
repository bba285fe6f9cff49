// Planning edits (pure): which bytes of which file become what.
import type { LoadedSource, Project } from '../core/project.js';
import type { Meaning } from '../version/scheme.js';
import { sameVersion } from '../version/same.js';
import { replacementFor } from '../sources/index.js';
import { UserError } from '../core/errors.js';

export interface Edit {
  file: string;
  /** Offsets into the decoded text of the file. */
  start: number;
  end: number;
  line: number;
  old: string;
  new: string;
}

export interface FileChange {
  file: string;
  before: Buffer;
  after: Buffer;
  /** Decoded texts, for showing a diff. */
  oldText: string;
  newText: string;
  edits: Edit[];
}

/** How each source states a version: the canonical spelling of its own scheme (0.3.0rc0 in Python, 0.3.0-rc.0 in JSON). */
export type Spellings = Map<LoadedSource, string>;

/** Each source's spelling of `meaning`, and why the sources that cannot state it cannot. */
export function spellingsFor(project: Pick<Project, 'sources'>, meaning: Meaning): { spellings: Spellings; problems: string[] } {
  const spellings: Spellings = new Map();
  const problems: string[] = [];
  for (const s of project.sources) {
    // A source naming a published release (server.json) keeps naming the last one until a version that is no development release.
    if (s.namesRelease && meaning.dev !== undefined) continue;
    const spelled = s.scheme.spell(meaning);
    if ('version' in spelled) spellings.set(s, spelled.version);
    else if (s.hits.length > 0) problems.push(`${s.file} is read as ${s.scheme.title}, which cannot state it: ${spelled.none}`);
  }
  return { spellings, problems };
}

/** Every located version literal of every source, set to its source's spelling. */
export function planBump(project: Pick<Project, 'sources'>, spellings: Spellings): Edit[] {
  return editsWhere(project, spellings, () => true);
}

/**
 * check --fix: what the fixable rules (meta.fixable) report: literals that mean another release than
 * the primary (version-mismatch), and literals not in their scheme's normal form (version-spelling), each
 * set to its source's spelling of the primary.
 */
export function planFix(project: Project, spellings: Spellings): Edit[] {
  const expected = { scheme: project.primary.scheme, value: project.primary.hits[0]?.value ?? '' };
  return editsWhere(
    project,
    spellings,
    (s, old, version) => old !== version && (s.scheme.normalForm !== undefined || !sameVersion(expected, { scheme: s.scheme, value: old })),
  );
}

function editsWhere(project: Pick<Project, 'sources'>, spellings: Spellings, wanted: (source: LoadedSource, old: string, version: string) => boolean): Edit[] {
  return project.sources.flatMap((s) => {
    const version = spellings.get(s);
    if (version === undefined) return [];
    return s.hits
      .filter((h) => wanted(s, h.value, version))
      .map((h) => ({ file: s.file, start: h.start, end: h.end, line: h.line, old: h.value, new: replacementFor(s.config.type, h, version) }));
  });
}

/** Applies edits to the texts they were planned on; every byte outside the edited ranges stays. */
export function changesFor(project: Pick<Project, 'sources'>, edits: Edit[]): FileChange[] {
  return changesOver((file) => project.sources.find((s) => s.file === file && s.text !== undefined)!.text!, edits);
}

/** changesFor over any files: `textOf` gives the text each file's edits were planned on. */
export function changesOver(textOf: (file: string) => string, edits: Edit[]): FileChange[] {
  const byFile = new Map<string, Edit[]>();
  for (const e of edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  return [...byFile].flatMap(([file, fileEdits]) => {
    const oldText = textOf(file);
    const unique = [...new Map(fileEdits.map((e) => [`${e.start}:${e.end}`, e])).values()].sort((a, b) => b.start - a.start);
    // Two sources reading one literal (`version = release = "1.2"`) must want the same text there.
    for (const e of fileEdits) {
      const other = unique.find((u) => u.start === e.start && u.end === e.end && u.new !== e.new);
      if (other)
        throw new UserError(
          `${file}:${e.line}: two sources read the same literal "${e.old}" and would write "${other.new}" and "${e.new}" there; configure one of them`,
        );
    }
    // An edit that writes what is there already (a short X.Y form a patch bump leaves) is no change.
    const effective = unique.filter((e) => oldText.slice(e.start, e.end) !== e.new);
    if (effective.length === 0) return [];
    let newText = oldText;
    for (const e of effective) newText = newText.slice(0, e.start) + e.new + newText.slice(e.end);
    return [
      {
        file,
        before: Buffer.from(oldText, 'utf8'),
        after: Buffer.from(newText, 'utf8'),
        oldText,
        newText,
        edits: effective.reverse(),
      },
    ];
  });
}
