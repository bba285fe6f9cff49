// Planning edits (pure): which bytes of which file become what.
import type { Project } from '../core/project.js';
import { replacementFor } from '../sources/index.js';

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

/** Every located version literal of every source, set to `version`. */
export function planBump(project: Project, version: string): Edit[] {
  return project.sources.flatMap((s) =>
    s.hits.map((h) => ({ file: s.file, start: h.start, end: h.end, line: h.line, old: h.value, new: replacementFor(s.config.type, h, version) })),
  );
}

/** The literals that differ from the primary version, set to it (check --fix). */
export function planFix(project: Project, version: string): Edit[] {
  return planBump(project, version).filter((e) => e.old !== version);
}

/** Applies edits to the texts they were planned on; every byte outside the edited ranges stays. */
export function changesFor(project: Project, edits: Edit[]): FileChange[] {
  const byFile = new Map<string, Edit[]>();
  for (const e of edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  return [...byFile].map(([file, fileEdits]) => {
    const oldText = project.sources.find((s) => s.file === file && s.text !== undefined)!.text!;
    const unique = [...new Map(fileEdits.map((e) => [`${e.start}:${e.end}`, e])).values()].sort((a, b) => b.start - a.start);
    let newText = oldText;
    for (const e of unique) newText = newText.slice(0, e.start) + e.new + newText.slice(e.end);
    return {
      file,
      before: Buffer.from(oldText, 'utf8'),
      after: Buffer.from(newText, 'utf8'),
      oldText,
      newText,
      edits: unique.reverse(),
    };
  });
}
