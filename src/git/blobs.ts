// File content from git's objects, as read commands need it: what the index holds for a few files
// (read here from the index and loose objects when it can be, else from `git ls-files` and
// `git cat-file --batch`, side by side), and whether files changed since HEAD. Raw objects only:
// no filter, textconv or diff driver the repository configures can run. Every object's content is
// checked against its name, which git does not do on a read.
import { lstatSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { childProcess, gitFailure, readGitSync, startReadGit, type ChildProcessModule } from './git.js';
import { indexFileOf, readIndexFile } from './index-file.js';
import { listIndex } from './list-files.js';
import { readLooseObject } from './loose-objects.js';
import { hashesTo } from './object-id.js';
import { isPlainRepository } from './refs.js';
import { type FileReader, gitDirs, type ReadResult } from './workspace.js';

export type IndexFile = { bytes: Buffer } | { missing: string };

/** Reads what is staged for the next commit: a link, a submodule or a conflict in the index is reported, never read through. */
export function indexReader(root: string, gitTop: string): FileReader {
  const prefix = path.relative(gitTop, root).split(path.sep).join('/');
  const reader: FileReader = async (files) => {
    const inRepo = files.map((f) => (prefix ? `${prefix}/${f}` : f));
    const found = await readIndexFiles(gitTop, inRepo);
    return new Map(files.map((f, i): [string, ReadResult] => [f, found.get(inRepo[i]!)!]));
  };
  reader.list = (dir) => listIndex(gitTop, prefix, dir);
  return reader;
}

/** Each file's staged content, or why the index holds none a source can be read from. */
export async function readIndexFiles(gitTop: string, files: string[]): Promise<Map<string, IndexFile>> {
  return (await indexFilesWithoutGit(gitTop, files)) ?? (await indexFilesFromGit(gitTop, files));
}

/**
 * The index and loose objects read here, which spares a pre-commit hook two git processes; undefined
 * when only git can say (a packed object, an index or repository this reader does not fully know).
 */
export async function indexFilesWithoutGit(gitTop: string, files: string[]): Promise<Map<string, IndexFile> | undefined> {
  if (files.some((f) => f.includes('\n'))) return undefined;
  const dirs = gitDirs(gitTop);
  if (!dirs || !isPlainRepository(gitTop, dirs) || !sha1Repository(dirs.common)) return undefined;
  const entries = readIndexFile(indexFileOf(gitTop, dirs.git), files);
  if (!entries) return undefined;
  const result = new Map<string, IndexFile>();
  for (const file of files) {
    const stages = entries.get(file) ?? [];
    const entry = stages.find((e) => e.stage === 0) ?? stages[0];
    const why = unreadableEntry(entry && { mode: entry.mode, stage: String(entry.stage) });
    if (why) {
      result.set(file, { missing: why });
      continue;
    }
    const object = await readLooseObject(dirs.common, entry!.oid);
    if (object === 'corrupt') result.set(file, { missing: corrupt(entry!.oid) });
    else if (object?.type === 'blob') result.set(file, { bytes: object.body });
    else return undefined;
  }
  return result;
}

const corrupt = (oid: string) => `is staged, but its object ${oid} is corrupt: its content does not match its id (git fsck shows the damage)`;

/** SHA-1 object names, which the index reader knows: a SHA-256 repository says so in its configuration. */
export function sha1Repository(common: string): boolean {
  try {
    return !/objectformat/i.test(readFileSync(path.join(common, 'config'), 'latin1'));
  } catch {
    return false;
  }
}

/** Why an index entry holds no file a source can be read from, or undefined when it does. */
function unreadableEntry(entry: { mode: string; stage: string } | undefined): string | undefined {
  if (!entry) return 'is not in the git index (not staged or not tracked)';
  if (entry.stage !== '0') return 'is unmerged in the git index (a conflict to resolve first)';
  if (entry.mode === '120000') return 'is a symbolic link in the index, not a file; its target is not read';
  if (entry.mode === '160000') return 'is a submodule in the index, not a file';
  return undefined;
}

/** The same from git: each entry's kind from `git ls-files`, a regular file's bytes from `git cat-file --batch`, side by side. */
export async function indexFilesFromGit(gitTop: string, files: string[]): Promise<Map<string, IndexFile>> {
  // A name with a line break cannot be asked for on cat-file's input, which is one name a line.
  const askable = files.filter((f) => !f.includes('\n'));
  const cp = await childProcess();
  const modes = startReadGit(cp, gitTop, ['ls-files', '-s', '-z', '--', ...files]);
  // ":0:" names stage 0 of the path itself: a name such as "1:x" is never read as stage 1 of "x".
  const blobs = await readBlobs(
    cp,
    gitTop,
    askable.map((f) => `:0:${f}`),
  );
  const listed = await modes;
  if (listed.code !== 0) throw gitFailure(gitTop, listed, 'reading the git index (git ls-files)');
  const entries = new Map<string, { mode: string; stage: string }>();
  for (const record of listed.stdout.split('\0')) {
    const m = /^(\d{6}) [0-9a-f]+ (\d)\t(.*)$/s.exec(record);
    if (m && !(entries.get(m[3]!)?.stage === '0')) entries.set(m[3]!, { mode: m[1]!, stage: m[2]! });
  }
  return new Map(
    files.map((file): [string, IndexFile] => {
      const why = unreadableEntry(entries.get(file));
      if (why) return [file, { missing: why }];
      const bytes = blobs.get(`:0:${file}`);
      if (bytes && 'corrupt' in bytes) return [file, { missing: corrupt(bytes.corrupt) }];
      if (!bytes)
        return [
          file,
          {
            missing: file.includes('\n')
              ? 'has a line break in its name, which cannot be read from the index'
              : 'is staged, but its object is missing from the repository (a read never fetches one)',
          },
        ];
      return [file, { bytes }];
    }),
  );
}

/** Reads blobs by name in one `git cat-file --batch` (raw objects: no filter or textconv runs); absent names are left out. */
async function readBlobs(cp: ChildProcessModule, gitTop: string, names: string[]): Promise<Map<string, Buffer | { corrupt: string }>> {
  const result = new Map<string, Buffer | { corrupt: string }>();
  if (names.length === 0) return result;
  const res = readGitSync(cp, gitTop, ['cat-file', '--batch'], names.map((n) => `${n}\n`).join(''));
  if (res.code !== 0) throw gitFailure(gitTop, { code: res.code, stdout: '', stderr: res.stderr }, 'reading git objects (git cat-file)');
  const out = res.stdout;
  let pos = 0;
  for (const name of names) {
    const nl = out.indexOf(10, pos);
    if (nl === -1) break;
    const header = out.subarray(pos, nl).toString('utf8');
    pos = nl + 1;
    const m = /^([0-9a-f]+) (\w+) (\d+)$/.exec(header);
    if (!m) continue;
    const size = Number(m[3]);
    const body = out.subarray(pos, pos + size);
    if (m[2] === 'blob') result.set(name, (await hashesTo('blob', body, m[1]!)) ? body : { corrupt: m[1]! });
    pos += size + 1;
  }
  return result;
}

/**
 * True when any of the files differs between HEAD and the work tree; 'git-missing' when git cannot be
 * started. HEAD's blobs are read raw and compared with the files' bytes here, so that no clean filter,
 * textconv or external diff the repository configures runs (git diff would run them). Line endings
 * do not count: a file whose only change is CRLF still states HEAD's version.
 */
export async function changedSinceHead(gitTop: string, files: string[]): Promise<boolean | 'git-missing'> {
  const cp = await childProcess();
  let blobs: Map<string, Buffer | { corrupt: string }>;
  try {
    blobs = await readBlobs(
      cp,
      gitTop,
      files.filter((f) => !f.includes('\n')).map((f) => `HEAD:${f}`),
    );
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'git-missing';
    throw e;
  }
  return files.some((file) => {
    const blob = blobs.get(`HEAD:${file}`);
    const now = workTreeBytes(gitTop, file);
    // A corrupt blob says nothing about HEAD: counted as changed, as a missing one is.
    return !blob || 'corrupt' in blob || !now || !(now.equals(blob) || crlfToLf(now).equals(crlfToLf(blob)));
  });
}

/** A file's bytes as git would store them (a link's target path), or undefined when it is gone or leads out of the top level. */
function workTreeBytes(gitTop: string, file: string): Buffer | undefined {
  const full = path.join(gitTop, file);
  try {
    if (lstatSync(full).isSymbolicLink()) return Buffer.from(readlinkSync(full));
    const real = realpathSync(full);
    return real.startsWith(`${realpathSync(gitTop)}${path.sep}`) && lstatSync(real).isFile() ? readFileSync(real) : undefined;
  } catch {
    return undefined;
  }
}

const crlfToLf = (bytes: Buffer) => (bytes.includes(13) ? Buffer.from(bytes.toString('latin1').replace(/\r\n/g, '\n'), 'latin1') : bytes);
