// The index entries of a few files: recorded before a commit, put back if it is undone.
import { git, gitOrFail } from './git.js';

const NONE = '0 0000000000000000000000000000000000000000';

/** Each file's stage-0 entry as "mode oid", or null when it has none. */
export async function readIndexEntries(gitTop: string, files: string[]): Promise<Record<string, string | null>> {
  const out = await gitOrFail(gitTop, ['ls-files', '-s', '-z', '--', ...files], 'git ls-files');
  const entries: Record<string, string | null> = Object.fromEntries(files.map((f) => [f, null]));
  for (const record of out.split('\0')) {
    const m = /^(\d{6}) ([0-9a-f]+) 0\t(.*)$/s.exec(record);
    if (m && m[3]! in entries) entries[m[3]!] = `${m[1]} ${m[2]}`;
  }
  return entries;
}

/** Sets the entries back exactly as recorded (a null entry is removed). */
export async function writeIndexEntries(gitTop: string, entries: Record<string, string | null>): Promise<void> {
  const input = Object.entries(entries)
    .map(([file, entry]) => `${entry ?? NONE}\t${file}\0`)
    .join('');
  const res = await git(gitTop, ['update-index', '-z', '--index-info'], input);
  if (res.code !== 0) throw new Error(`git update-index failed: ${res.stderr.trim()}`);
}

/** The blob ids of files in a commit (absent files left out). */
export async function blobsAt(gitTop: string, commit: string, files: string[]): Promise<Map<string, string>> {
  const out = await gitOrFail(gitTop, ['ls-tree', '-z', commit, '--', ...files], 'git ls-tree');
  const blobs = new Map<string, string>();
  for (const record of out.split('\0')) {
    const m = /^\d{6} blob ([0-9a-f]+)\t(.*)$/s.exec(record);
    if (m) blobs.set(m[2]!, m[1]!);
  }
  return blobs;
}

/** The id git gives these bytes as a blob (nothing is written). */
export async function blobId(gitTop: string, bytes: Buffer): Promise<string> {
  const { createHash } = await import('node:crypto');
  const format = (await gitOrFail(gitTop, ['rev-parse', '--show-object-format'], 'git rev-parse')).trim();
  return createHash(format === 'sha256' ? 'sha256' : 'sha1')
    .update(`blob ${bytes.length}\0`)
    .update(bytes)
    .digest('hex');
}
