// The git index (.git/index, or the one GIT_INDEX_FILE names in a hook) read without starting git:
// the few entries a staged check needs, or every entry with the index's record of its trees (for
// what is staged). Versions 2 to 4 of the format; anything this reader does not fully understand (a
// split or sparse index, SHA-256, a flag it does not know, a file cut short) makes it return
// undefined, and git itself is asked.
import path from 'node:path';
import { readRegular } from './workspace.js';

export interface IndexEntry {
  /** The entry's mode as git prints it: 100644, 100755, 120000 (a link), 160000 (a submodule). */
  mode: string;
  oid: string;
  /** 0, or 1 to 3 for the sides of a conflict. */
  stage: number;
}

/** Every entry of an index, in its order (by path, as bytes), read on demand. */
export interface WholeIndex {
  count: number;
  /** Entry i's path: the latin1 reading of its bytes. */
  path(i: number): string;
  /** Entry i's mode and id, or undefined when its mode is none git writes. */
  entry(i: number): IndexEntry | undefined;
  /** Whether every entry is plain: no side of a conflict, no intent-to-add or skip-worktree flag. */
  plain: boolean;
  /** The trees the index knows to be unchanged since it last wrote them ("cache tree"), by directory ('' is the top). */
  trees: Map<string, string>;
}

/** The index file git would read for the work tree whose git directory is `gitDir`. */
export function indexFileOf(gitTop: string, gitDir: string): string {
  // git resolves a relative GIT_INDEX_FILE from the top level, where it runs hooks and where it runs for us.
  const named = process.env.GIT_INDEX_FILE;
  return named ? path.resolve(gitTop, named) : path.join(gitDir, 'index');
}

const OID_BYTES = 20;
// Extensions that change what the entries mean: a split index keeps some in another file, a sparse one folds directories.
const CHANGES_ENTRIES = new Set(['link', 'sdir']);
const MODES = new Set(['100644', '100755', '120000', '160000']);

/** The entries of `wanted` paths (every stage of each), or undefined when only git can read this index. */
export function readIndexFile(file: string, wanted: string[]): Map<string, IndexEntry[]> | undefined {
  const bytes = indexBytes(file);
  if (!bytes) return undefined;
  // Paths are compared as bytes: each wanted name as the latin1 reading of its UTF-8 bytes.
  const byName = new Map(wanted.map((name) => [Buffer.from(name, 'utf8').toString('latin1'), name]));
  // Only a path of a wanted length is read as a string.
  const lengths = new Set([...byName.keys()].map((name) => name.length));
  const found = new Map<string, IndexEntry[]>();
  const end = walkEntries(bytes, (at, _flags, extra, start, stop, name) => {
    if (name === undefined && !lengths.has(stop - start)) return true;
    const wantedName = byName.get(name ?? bytes.toString('latin1', start, stop));
    if (wantedName === undefined) return true;
    // intent-to-add and skip-worktree entries hold no staged content of their own: git says what they mean.
    const entry = extra === 0 ? entryAt(bytes, at) : undefined;
    if (!entry) return false;
    found.set(wantedName, [...(found.get(wantedName) ?? []), entry]);
    return true;
  });
  return end !== undefined && extensions(bytes, end) ? found : undefined;
}

/** Every entry and the index's trees, or undefined when only git can read this index. */
export function readWholeIndex(file: string): WholeIndex | undefined {
  const bytes = indexBytes(file);
  if (!bytes) return undefined;
  const count = bytes.readUInt32BE(8);
  // Each entry's offset and its path's bytes; a path of a version 4 index is kept (it is spelled against the one before).
  const offsets = new Int32Array(count);
  const starts = new Int32Array(count);
  const stops = new Int32Array(count);
  const names: string[] = [];
  let plain = true;
  let i = 0;
  const end = walkEntries(bytes, (at, flags, extra, start, stop, name) => {
    offsets[i] = at;
    starts[i] = start;
    stops[i] = stop;
    if (name !== undefined) names[i] = name;
    if (extra !== 0 || (flags & 0x3000) !== 0) plain = false;
    i++;
    return true;
  });
  const found = end === undefined ? undefined : extensions(bytes, end);
  if (!found) return undefined;
  const tree = found.get('TREE');
  const trees = tree ? cacheTree(bytes, tree.start, tree.end) : new Map<string, string>();
  if (!trees) return undefined;
  return {
    count,
    path: (n) => names[n] ?? bytes.toString('latin1', starts[n]!, stops[n]!),
    entry: (n) => entryAt(bytes, offsets[n]!),
    plain,
    trees,
  };
}

function indexBytes(file: string): Buffer | undefined {
  try {
    const read = readRegular(file);
    if (!('bytes' in read)) return undefined;
    const bytes = read.bytes;
    if (bytes.length < 12 + OID_BYTES || bytes.toString('latin1', 0, 4) !== 'DIRC') return undefined;
    const version = bytes.readUInt32BE(4);
    return version >= 2 && version <= 4 ? bytes : undefined;
  } catch {
    return undefined;
  }
}

function entryAt(bytes: Buffer, at: number): IndexEntry | undefined {
  const mode = bytes
    .readUInt32BE(at + 24)
    .toString(8)
    .padStart(6, '0');
  if (!MODES.has(mode)) return undefined;
  return { mode, oid: bytes.toString('hex', at + 40, at + 40 + OID_BYTES), stage: (bytes.readUInt16BE(at + 60) >> 12) & 3 };
}

/**
 * Calls `visit` with each entry's offset, flags, extended flags and the bytes of its path (and, in a
 * version 4 index, where a path is spelled against the one before, the path itself), until it
 * returns false; the offset where the extensions start, or undefined when the entries are not well
 * formed (or `visit` stopped).
 */
function walkEntries(
  bytes: Buffer,
  visit: (at: number, flags: number, extra: number, start: number, stop: number, name?: string) => boolean,
): number | undefined {
  const version = bytes.readUInt32BE(4);
  const count = bytes.readUInt32BE(8);
  const end = bytes.length - OID_BYTES;
  let at = 12;
  let previous = '';
  for (let i = 0; i < count; i++) {
    // Ten 32-bit stat fields (the mode is the seventh), the object id, 16 bits of flags.
    if (at + 62 > end) return undefined;
    const entryAt = at;
    const flags = bytes.readUInt16BE(at + 60);
    const extended = (flags & 0x4000) !== 0;
    if (extended && version < 3) return undefined;
    const extra = extended ? bytes.readUInt16BE(at + 62) : 0;
    const start = at + 62 + (extended ? 2 : 0);
    if (version === 4) {
      let strip = 0;
      let p = start;
      for (let c = 128, first = true; c & 128; first = false) {
        if (p >= end) return undefined;
        c = bytes[p++]!;
        strip = first ? c & 127 : ((strip + 1) << 7) | (c & 127);
      }
      const nul = bytes.indexOf(0, p);
      if (nul === -1 || nul >= end || strip > previous.length) return undefined;
      const name = previous.slice(0, previous.length - strip) + bytes.toString('latin1', p, nul);
      at = nul + 1;
      if ((flags & 0xfff) !== 0xfff && (flags & 0xfff) !== name.length) return undefined;
      previous = name;
      if (!visit(entryAt, flags, extra, p, nul, name)) return undefined;
    } else {
      const nul = bytes.indexOf(0, start);
      if (nul === -1 || nul >= end) return undefined;
      // Entries are padded with 1 to 8 NULs to a multiple of 8 bytes.
      at += (start - at + (nul - start) + 8) & ~7;
      if ((flags & 0xfff) !== 0xfff && (flags & 0xfff) !== nul - start) return undefined;
      if (!visit(entryAt, flags, extra, start, nul)) return undefined;
    }
  }
  return at;
}

/** The extensions after the entries (each a four-letter signature and a length), or undefined when one changes what the entries mean. */
function extensions(bytes: Buffer, at: number): Map<string, { start: number; end: number }> | undefined {
  const end = bytes.length - OID_BYTES;
  const found = new Map<string, { start: number; end: number }>();
  while (at + 8 <= end) {
    const signature = bytes.toString('latin1', at, at + 4);
    if (CHANGES_ENTRIES.has(signature)) return undefined;
    // A lowercase signature is one git requires readers to understand.
    if (!(signature.charCodeAt(0) >= 65 && signature.charCodeAt(0) <= 90)) return undefined;
    const next = at + 8 + bytes.readUInt32BE(at + 4);
    if (next > end) return undefined;
    found.set(signature, { start: at + 8, end: next });
    at = next;
  }
  return at === end ? found : undefined;
}

/**
 * The cache tree: each directory's path NUL, its entry count (-1 when invalidated) and number of
 * subdirectories as text, a line feed, and the tree's id when valid; subdirectories follow their
 * parent. Only valid directories are kept; undefined when malformed.
 */
function cacheTree(bytes: Buffer, start: number, end: number): Map<string, string> | undefined {
  const trees = new Map<string, string>();
  let at = start;
  const node = (parent: string | undefined, depth: number): boolean => {
    // Deeper than any path git accepts (4096 bytes): a crafted file, not a tree.
    if (depth > 4096) return false;
    const nul = bytes.indexOf(0, at);
    const nl = nul === -1 ? -1 : bytes.indexOf(10, nul);
    if (nul === -1 || nl === -1 || nl >= end) return false;
    const name = bytes.toString('latin1', at, nul);
    const counts = /^(-1|\d+) (\d+)$/.exec(bytes.toString('latin1', nul + 1, nl));
    if (!counts) return false;
    const dir = parent === undefined ? '' : parent === '' ? name : `${parent}/${name}`;
    at = nl + 1;
    if (counts[1] !== '-1') {
      if (at + OID_BYTES > end) return false;
      trees.set(dir, bytes.toString('hex', at, at + OID_BYTES));
      at += OID_BYTES;
    }
    for (let i = Number(counts[2]); i > 0; i--) if (!node(dir, depth + 1)) return false;
    return true;
  };
  return node(undefined, 0) && at === end ? trees : undefined;
}
