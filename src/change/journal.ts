// The journal of a change in progress: what each file was and becomes, and where git stood.
// Read back only after every field is checked (pure, here); recover checks the files themselves.

export interface JournalFile {
  /** Relative to the state's base, '/'-separated. */
  file: string;
  before: string;
  after: string;
}

export interface JournalGit {
  /** HEAD's commit before the change (null: no commit yet). */
  head: string | null;
  /** The tag the change makes, if any. */
  tag?: string;
  tagMessage?: string;
  /** The further tags the change makes (a workspace bump tags each package), after `tag`. */
  tags?: { name: string; message: string }[];
  /** Each file's index entry before the change ("mode oid"), null when it had none. */
  index: Record<string, string | null>;
}

export interface Journal {
  format: 1;
  pid: number;
  files: JournalFile[];
  git?: JournalGit;
}

const B64 = /^[A-Za-z0-9+/]*={0,2}$/;
const OID = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
const ENTRY = /^[0-7]{6} [0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/** A path that stays below its base whatever the links: relative, no '..' or empty segment, no control character. */
export function isPlainRelative(file: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
  if (file === '' || file.startsWith('/') || /[\0-\x1f\\]/.test(file)) return false;
  return file.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..');
}

const isTagName = (t: unknown): t is string => typeof t === 'string' && /^[^\0-\x20~^:?*[\\]+$/.test(t) && !t.startsWith('-');

/** The journal, or why it is not one heimdall-version wrote. */
export function parseJournal(text: string): { journal: Journal } | { problem: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { problem: 'it is not JSON' };
  }
  const j = raw as Partial<Journal>;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { problem: 'it is not an object' };
  if (j.format !== 1) return { problem: 'format must be 1' };
  if (!Number.isInteger(j.pid)) return { problem: 'pid must be an integer' };
  if (!Array.isArray(j.files) || j.files.length === 0) return { problem: 'files must be a non-empty list' };
  for (const [i, f] of j.files.entries()) {
    const at = `files[${i}]`;
    if (typeof f !== 'object' || f === null) return { problem: `${at} must be an object` };
    if (typeof f.file !== 'string' || !isPlainRelative(f.file)) return { problem: `${at}.file must be a relative path inside the project` };
    for (const key of ['before', 'after'] as const) if (typeof f[key] !== 'string' || !B64.test(f[key])) return { problem: `${at}.${key} must be base64 text` };
  }
  if (j.git !== undefined) {
    const g = j.git as Partial<JournalGit>;
    if (typeof g !== 'object' || g === null) return { problem: 'git must be an object' };
    if (g.head !== null && (typeof g.head !== 'string' || !OID.test(g.head))) return { problem: 'git.head must be a commit id or null' };
    if (g.tag !== undefined && !isTagName(g.tag)) return { problem: 'git.tag must be a tag name' };
    if (g.tagMessage !== undefined && typeof g.tagMessage !== 'string') return { problem: 'git.tagMessage must be text' };
    if (g.tags !== undefined) {
      if (!Array.isArray(g.tags) || g.tag === undefined) return { problem: 'git.tags must be a list, after git.tag' };
      for (const [i, t] of g.tags.entries())
        if (typeof t !== 'object' || t === null || !isTagName(t.name) || typeof t.message !== 'string')
          return { problem: `git.tags[${i}] must be a tag name and its message` };
    }
    if (typeof g.index !== 'object' || g.index === null) return { problem: 'git.index must be an object' };
    for (const [file, entry] of Object.entries(g.index)) {
      if (!j.files.some((f) => f.file === file)) return { problem: `git.index names ${JSON.stringify(file)}, which is not in files` };
      if (entry !== null && (typeof entry !== 'string' || !ENTRY.test(entry)))
        return { problem: `git.index[${JSON.stringify(file)}] must be "mode oid" or null` };
    }
  }
  return { journal: j as Journal };
}
