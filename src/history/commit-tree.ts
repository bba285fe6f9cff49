// The files of one commit, read from git's trees: entries are looked up tree by tree (so a link, a
// submodule or a directory is named, never read through), and every path looked up is recorded, so
// that the next commit can tell whether it reads the same. Each question is answered at once from the
// objects already read, or names the object it waits for; its async form reads that and asks again.
import type { Entry, Tree, TreeCache } from './tree.js';

export type Lookup = { entry: Entry } | { absent: true } | { unreadable: string };

/** An object an answer waits for: not read yet. */
export class ToRead {
  constructor(
    readonly toRead: string,
    readonly blob: boolean,
  ) {}
}

export const isToRead = (r: unknown): r is ToRead => r instanceof ToRead;

const ABSENT: Lookup = Object.freeze({ absent: true as const });

/** A path's names, split once: the same few paths are looked up at every commit. */
const split = new Map<string, string[]>();
function partsOf(file: string): string[] {
  let parts = split.get(file);
  if (!parts) {
    parts = file.split('/').filter((p) => p !== '' && p !== '.');
    if (split.size < 10_000) split.set(file, parts);
  }
  return parts;
}

/** One commit's tree: looks paths up and records each answer (a path's entry id, or its absence). */
export class CommitTree {
  /** Every path looked up, with what it was: the read set that decides whether a later commit reads the same. */
  readonly seen = new Map<string, string>();
  /** The objects this commit waited for, kept while it is judged whatever the cache lets go. */
  private readonly own = new Map<string, Tree | Buffer | undefined>();
  constructor(
    private readonly cache: TreeCache,
    readonly commit: string,
    private readonly root: string,
  ) {}

  /** Reads the object an answer waited for. */
  async read(wanted: ToRead): Promise<void> {
    this.own.set(wanted.toRead, wanted.blob ? await this.cache.blob(wanted.toRead) : await this.cache.tree(wanted.toRead));
  }

  lookupNow(file: string): Lookup | ToRead {
    const found = this.find(file);
    return isToRead(found) ? found : this.note(file, found);
  }

  lookup(file: string): Promise<Lookup> {
    return this.settle(() => this.lookupNow(file));
  }

  /** The names of a directory's subdirectories ('' is the root), sorted. */
  subdirectoriesNow(dir: string): string[] | ToRead {
    const found = dir === '' ? { entry: { mode: '040000', oid: this.root } } : this.lookupNow(dir);
    if (isToRead(found)) return found;
    const tree = 'entry' in found && found.entry.mode === '040000' ? this.treeAt(found.entry.oid) : undefined;
    if (isToRead(tree)) return tree;
    const names: string[] = [];
    if (tree) for (const [name, e] of tree) if (e.mode === '040000') names.push(name);
    names.sort();
    // The listing itself is what was read (a NUL never occurs in a path, so the key is no path).
    this.seen.set(`\0${dir}`, names.join('/'));
    return names;
  }

  subdirectories(dir: string): Promise<string[]> {
    return this.settle(() => this.subdirectoriesNow(dir));
  }

  /** A regular file's bytes, or why there are none. */
  bytesNow(file: string): { bytes: Buffer } | { missing: string } | ToRead {
    const found = this.lookupNow(file);
    if (isToRead(found)) return found;
    if ('absent' in found) return { missing: 'does not exist' };
    if ('unreadable' in found) return { missing: found.unreadable };
    const { mode, oid } = found.entry;
    if (mode === '120000') return { missing: 'is a symbolic link at this commit, not a file; its target is not read' };
    if (mode === '160000') return { missing: 'is a submodule at this commit, not a file' };
    if (mode === '040000') return { missing: 'is not a regular file (a directory)' };
    const bytes = this.blobAt(oid);
    if (isToRead(bytes)) return bytes;
    if (!bytes) return { missing: 'is missing from this repository (a read never fetches an object)' };
    return { bytes };
  }

  bytes(file: string): Promise<{ bytes: Buffer } | { missing: string }> {
    return this.settle(() => this.bytesNow(file));
  }

  /**
   * The files whose content differs from what an earlier commit's reads found there (the same kind of
   * file, another blob); undefined when anything else differs (a file appeared, went, or changed kind;
   * a directory listing changed). Empty when every read is the same: then so is the judgement.
   */
  changedSinceNow(earlier: ReadonlyMap<string, string>): string[] | undefined | ToRead {
    const changed: string[] = [];
    for (const [key, was] of earlier) {
      const listing = key.startsWith('\0');
      // Asked already (by the read ahead) or asked now.
      let now = this.seen.get(key);
      if (now === undefined) {
        const found = listing ? this.subdirectoriesNow(key.slice(1)) : this.find(key);
        if (isToRead(found)) return found;
        now = Array.isArray(found) ? found.join('/') : describe(found);
        this.seen.set(key, now);
      }
      if (now === was) continue;
      if (listing || !isFile(now) || now.slice(0, 7) !== was.slice(0, 7) || !isFile(was)) return undefined;
      changed.push(key);
    }
    return changed;
  }

  changedSince(earlier: ReadonlyMap<string, string>): Promise<string[] | undefined> {
    return this.settle(() => this.changedSinceNow(earlier));
  }

  /** Answers now, or reads what the answer waits for and asks again (each time one object more is held). */
  private async settle<T>(now: () => T | ToRead): Promise<T> {
    for (;;) {
      const answer = now();
      if (!isToRead(answer)) return answer;
      await this.read(answer);
    }
  }

  /** A path's entry from the trees read so far. */
  private find(file: string): Lookup | ToRead {
    const parts = partsOf(file);
    if (parts.includes('..')) return { unreadable: 'leads outside the project root' };
    let tree = this.treeAt(this.root);
    if (isToRead(tree)) return tree;
    if (!tree) return { unreadable: `the tree of commit ${this.commit.slice(0, 12)} is not in this repository` };
    for (let i = 0; i < parts.length; i++) {
      const entry = tree.get(parts[i]!);
      if (!entry) return ABSENT;
      if (i === parts.length - 1) return { entry };
      if (entry.mode !== '040000') return entry.mode === '120000' ? { unreadable: 'passes through a symbolic link' } : ABSENT;
      const sub = this.treeAt(entry.oid);
      if (isToRead(sub)) return sub;
      if (!sub) return { unreadable: `a tree of commit ${this.commit.slice(0, 12)} is missing from this repository` };
      tree = sub;
    }
    // The root itself.
    return { entry: { mode: '040000', oid: this.root } };
  }

  private treeAt(oid: string): Tree | undefined | ToRead {
    if (this.own.has(oid)) return this.own.get(oid) as Tree | undefined;
    const tree = this.cache.treeNow(oid);
    return tree === 'unread' ? new ToRead(oid, false) : tree;
  }

  private blobAt(oid: string): Buffer | undefined | ToRead {
    if (this.own.has(oid)) return this.own.get(oid) as Buffer | undefined;
    const blob = this.cache.blobNow(oid);
    return blob === 'unread' ? new ToRead(oid, true) : blob;
  }

  private note(file: string, found: Lookup): Lookup {
    this.seen.set(file, describe(found));
    return found;
  }
}

/** A regular file's description: its mode (100644 or 100755), a colon and its blob id. */
export const isFile = (described: string) => described.startsWith('1006') || described.startsWith('1007');

const describe = (found: Lookup) => ('entry' in found ? `${found.entry.mode}:${found.entry.oid}` : 'absent' in found ? '-' : `!${found.unreadable}`);
