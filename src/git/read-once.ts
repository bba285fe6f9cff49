// One run of a read command asks the disk for the same files several times: the configuration
// search, layout detection, workspace discovery and the package's own reading each open
// pyproject.toml. Once remembering is on, a file whose identity (device, inode, size, modification
// and change times) is what it was when read is not read again: every reader gets the same bytes,
// so they are decoded once (core/text.ts) and parsed once (sources/toml.ts). A file replaced or
// rewritten since changes its identity and is read anew.
import type { Stats } from 'node:fs';

interface Kept {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  bytes: Buffer;
}

let kept: Map<string, Kept> | undefined;

/** From now on, files read through readRegular are kept for the rest of the process (a read command's run). */
export function rememberReads(): void {
  kept ??= new Map();
}

/** The bytes read before from this real path, when the file is still the one they were read from. */
export function recall(real: string, st: Stats): Buffer | undefined {
  const k = kept?.get(real);
  return k && k.dev === st.dev && k.ino === st.ino && k.size === st.size && k.mtimeMs === st.mtimeMs && k.ctimeMs === st.ctimeMs ? k.bytes : undefined;
}

export function keep(real: string, st: Stats, bytes: Buffer): void {
  // Only bytes that are the whole file as stated: one that grew or shrank while read is read again next time.
  if (kept && bytes.length === st.size) kept.set(real, { dev: st.dev, ino: st.ino, size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, bytes });
}
