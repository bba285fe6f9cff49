// The git index (.git/index, or the one GIT_INDEX_FILE names in a hook) read without starting git,
// for the few entries a staged check needs. Versions 2 to 4 of the format; anything this reader
// does not fully understand (a split or sparse index, SHA-256, a flag it does not know, a file cut
// short) makes it return undefined, and git itself is asked.
import path from 'node:path';
import { readRegular } from './workspace.js';

export interface IndexEntry {
  /** The entry's mode as git prints it: 100644, 100755, 120000 (a link), 160000 (a submodule). */
  mode: string;
  oid: string;
  /** 0, or 1 to 3 for the sides of a conflict. */
  stage: number;
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

/** The entries of `wanted` paths (every stage of each), or undefined when only git can read this index. */
export function readIndexFile(file: string, wanted: string[]): Map<string, IndexEntry[]> | undefined {
  let bytes: Buffer;
  try {
    const read = readRegular(file);
    if (!('bytes' in read)) return undefined;
    bytes = read.bytes;
  } catch {
    return undefined;
  }
  // Paths are compared as bytes: each wanted name as the latin1 reading of its UTF-8 bytes.
  const byName = new Map(wanted.map((name) => [Buffer.from(name, 'utf8').toString('latin1'), name]));
  const found = new Map<string, IndexEntry[]>();
  if (bytes.length < 12 + OID_BYTES || bytes.toString('latin1', 0, 4) !== 'DIRC') return undefined;
  const version = bytes.readUInt32BE(4);
  if (version < 2 || version > 4) return undefined;
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
    // intent-to-add and skip-worktree entries hold no staged content of their own: git says what they mean.
    const extra = extended ? bytes.readUInt16BE(at + 62) : 0;
    const start = at + 62 + (extended ? 2 : 0);
    let name: string;
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
      name = previous.slice(0, previous.length - strip) + bytes.toString('latin1', p, nul);
      at = nul + 1;
    } else {
      const nul = bytes.indexOf(0, start);
      if (nul === -1 || nul >= end) return undefined;
      name = bytes.toString('latin1', start, nul);
      // Entries are padded with 1 to 8 NULs to a multiple of 8 bytes.
      at += (start - at + (nul - start) + 8) & ~7;
    }
    if ((flags & 0xfff) !== 0xfff && (flags & 0xfff) !== name.length) return undefined;
    previous = name;
    const wantedName = byName.get(name);
    if (wantedName === undefined) continue;
    if (extra !== 0) return undefined;
    const mode = bytes
      .readUInt32BE(entryAt + 24)
      .toString(8)
      .padStart(6, '0');
    const entry = { mode, oid: bytes.toString('hex', entryAt + 40, entryAt + 40 + OID_BYTES), stage: (flags >> 12) & 3 };
    if (!['100644', '100755', '120000', '160000'].includes(entry.mode)) return undefined;
    found.set(wantedName, [...(found.get(wantedName) ?? []), entry]);
  }
  // Extensions follow the entries: each a four-letter signature and a length.
  while (at + 8 <= end) {
    const signature = bytes.toString('latin1', at, at + 4);
    if (CHANGES_ENTRIES.has(signature)) return undefined;
    // A lowercase signature is one git requires readers to understand.
    if (!(signature.charCodeAt(0) >= 65 && signature.charCodeAt(0) <= 90)) return undefined;
    at += 8 + bytes.readUInt32BE(at + 4);
  }
  return at === end ? found : undefined;
}
