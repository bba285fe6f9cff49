// The files of one commit, read from git's trees: entries are looked up tree by tree (so a link, a
// submodule or a directory is named, never read through), trees are shared between commits by id,
// and every path looked up is recorded, so that the next commit can tell whether it reads the same.
import type { ObjectStore } from './objects.js';

export interface Entry {
  mode: string;
  oid: string;
}

/**
 * Parsed trees and small blobs by id, bounded: consecutive commits share most of theirs. A read in
 * flight is shared too, so that many commits can be looked ahead at once (their requests pipelined
 * on the one cat-file) and then judged one by one from memory.
 */
/** What a kept blob costs beside its bytes (its Buffer, promise and map entry), roughly: thousands of small ones add up. */
const BLOB_OVERHEAD = 256;

export class TreeCache {
  private readonly trees = new Map<string, Promise<Map<string, Entry> | undefined>>();
  /** The trees read so far (undefined: not a tree, or missing), for lookups that need not wait. */
  private readonly settled = new Map<string, Map<string, Entry> | undefined>();
  private readonly blobs = new Map<string, Promise<Buffer | undefined>>();
  private blobBytes = 0;
  constructor(
    readonly store: ObjectStore,
    private readonly limit = 4096,
    private readonly blobLimit = 8 << 20,
  ) {}

  tree(oid: string): Promise<Map<string, Entry> | undefined> {
    const cached = this.trees.get(oid);
    if (cached) return cached;
    const read = this.store.read(oid).then((obj) => {
      const tree = 'missing' in obj || obj.type !== 'tree' ? undefined : parseTree(obj.bytes);
      if (this.trees.has(oid)) this.settled.set(oid, tree);
      return tree;
    });
    if (this.trees.size >= this.limit) {
      const oldest = this.trees.keys().next().value!;
      this.trees.delete(oldest);
      this.settled.delete(oldest);
    }
    this.trees.set(oid, read);
    return read;
  }

  /** A tree already read: its entries, undefined when it is none, or 'unread'. */
  treeNow(oid: string): Map<string, Entry> | undefined | 'unread' {
    const tree = this.settled.get(oid);
    return tree !== undefined || this.settled.has(oid) ? tree : 'unread';
  }

  /** A blob's bytes; the cache keeps the most recent within its byte budget (the oldest go first). */
  blob(oid: string): Promise<Buffer | undefined> {
    const cached = this.blobs.get(oid);
    if (cached) return cached;
    const read = this.store.read(oid).then((obj) => {
      if ('missing' in obj) return undefined;
      this.blobBytes += obj.bytes.length + BLOB_OVERHEAD;
      while (this.blobBytes > this.blobLimit && this.blobs.size > 1) {
        const [oldest, bytes] = this.blobs.entries().next().value!;
        this.blobs.delete(oldest);
        void bytes.then((b) => (this.blobBytes -= (b?.length ?? 0) + BLOB_OVERHEAD));
      }
      return obj.bytes;
    });
    this.blobs.set(oid, read);
    return read;
  }
}

/** A tree object: "<mode> <name>\0<raw id>" entries; the id is as long as the repository's hash. */
function parseTree(bytes: Buffer): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  const idLength = guessIdLength(bytes);
  let pos = 0;
  while (pos < bytes.length) {
    const space = bytes.indexOf(32, pos);
    const nul = bytes.indexOf(0, space);
    if (space === -1 || nul === -1) break;
    const mode = bytes.toString('latin1', pos, space).padStart(6, '0');
    const name = bytes.toString('utf8', space + 1, nul);
    entries.set(name, { mode, oid: bytes.toString('hex', nul + 1, nul + 1 + idLength) });
    pos = nul + 1 + idLength;
  }
  return entries;
}

/** SHA-1 (20 bytes) unless the first entry only parses with SHA-256's 32. */
function guessIdLength(bytes: Buffer): number {
  const nul = bytes.indexOf(0);
  if (nul === -1) return 20;
  const next = nul + 1 + 20;
  if (next >= bytes.length) return next === bytes.length ? 20 : 32;
  return /^[0-7]{5,6} /.test(bytes.toString('latin1', next, next + 7)) ? 20 : 32;
}

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

export type Lookup = { entry: Entry } | { absent: true } | { unreadable: string };

/** One commit's tree: looks paths up and records each answer (a path's entry id, or its absence). */
export class CommitTree {
  /** Every path looked up, with what it was: the read set that decides whether a later commit reads the same. */
  readonly seen = new Map<string, string>();
  constructor(
    private readonly cache: TreeCache,
    readonly commit: string,
    private readonly root: string,
    /** Whether lookups are recorded in `seen` (a read ahead records nothing). */
    private readonly record = true,
  ) {}

  async lookup(file: string): Promise<Lookup> {
    const parts = partsOf(file);
    if (parts.includes('..')) return this.note(file, { unreadable: 'leads outside the project root' });
    const now = this.lookupNow(parts);
    if (now) return this.note(file, now);
    let tree = await this.cache.tree(this.root);
    if (!tree) return this.note(file, { unreadable: `the tree of commit ${this.commit.slice(0, 12)} is not in this repository` });
    for (let i = 0; i < parts.length; i++) {
      const step = this.step(tree, parts, i);
      if (step.found) return this.note(file, step.found);
      const sub = await this.cache.tree(step.next);
      if (!sub) return this.note(file, { unreadable: `a tree of commit ${this.commit.slice(0, 12)} is missing from this repository` });
      tree = sub;
    }
    // The root itself.
    return this.note(file, { entry: { mode: '040000', oid: this.root } });
  }

  /** The same from the trees already read, without waiting; undefined when one is not read yet. */
  private lookupNow(parts: string[]): Lookup | undefined {
    let tree = this.cache.treeNow(this.root);
    if (tree === 'unread') return undefined;
    if (!tree) return { unreadable: `the tree of commit ${this.commit.slice(0, 12)} is not in this repository` };
    for (let i = 0; i < parts.length; i++) {
      const step = this.step(tree, parts, i);
      if (step.found) return step.found;
      const sub = this.cache.treeNow(step.next);
      if (sub === 'unread') return undefined;
      if (!sub) return { unreadable: `a tree of commit ${this.commit.slice(0, 12)} is missing from this repository` };
      tree = sub;
    }
    return { entry: { mode: '040000', oid: this.root } };
  }

  /** One step down a path: what was found, or the subtree to go on in. */
  private step(tree: Map<string, Entry>, parts: string[], i: number): { found: Lookup; next?: undefined } | { found?: undefined; next: string } {
    const entry = tree.get(parts[i]!);
    if (!entry) return { found: { absent: true } };
    if (i === parts.length - 1) return { found: { entry } };
    if (entry.mode !== '040000') return { found: entry.mode === '120000' ? { unreadable: 'passes through a symbolic link' } : { absent: true } };
    return { next: entry.oid };
  }

  /** The names of a directory's subdirectories ('' is the root), sorted. */
  async subdirectories(dir: string): Promise<string[]> {
    const found = dir === '' ? { entry: { mode: '040000', oid: this.root } } : await this.lookup(dir);
    const tree = 'entry' in found && found.entry.mode === '040000' ? await this.cache.tree(found.entry.oid) : undefined;
    const names = tree
      ? [...tree]
          .filter(([, e]) => e.mode === '040000')
          .map(([name]) => name)
          .sort()
      : [];
    // The listing itself is what was read (a NUL never occurs in a path, so the key is no path).
    if (this.record) this.seen.set(`\0${dir}`, names.join('/'));
    return names;
  }

  /** A regular file's bytes, or why there are none. */
  async bytes(file: string): Promise<{ bytes: Buffer } | { missing: string }> {
    const found = await this.lookup(file);
    if ('absent' in found) return { missing: 'does not exist' };
    if ('unreadable' in found) return { missing: found.unreadable };
    const { mode, oid } = found.entry;
    if (mode === '120000') return { missing: 'is a symbolic link at this commit, not a file; its target is not read' };
    if (mode === '160000') return { missing: 'is a submodule at this commit, not a file' };
    if (mode === '040000') return { missing: 'is not a regular file (a directory)' };
    const bytes = await this.cache.blob(oid);
    if (!bytes) return { missing: 'is missing from this repository (a read never fetches an object)' };
    return { bytes };
  }

  /** Reads ahead what an earlier commit's reads looked up (trees and blobs land in the cache); nothing is recorded. */
  async prefetch(earlier: ReadonlyMap<string, string>): Promise<void> {
    // The directories every path passes through (an absent file's too: they say it is absent), and the files that were there.
    const wanted = new Set<string>(['']);
    const files: string[] = [];
    for (const [key, was] of earlier) {
      const file = key.startsWith('\0') ? `${key.slice(1)}/` : key;
      const slash = file.lastIndexOf('/');
      if (slash > 0) wanted.add(file.slice(0, slash));
      if (isFile(was)) files.push(key);
    }
    const probe = new CommitTree(this.cache, this.commit, this.root, false);
    const tree = async (dir: string) => {
      const found = dir === '' ? { entry: { mode: '040000', oid: this.root } } : await probe.lookup(dir);
      if ('entry' in found && found.entry.mode === '040000') await this.cache.tree(found.entry.oid);
    };
    await Promise.all([...[...wanted].map(tree), ...files.map((file) => probe.bytes(file).catch(() => undefined))]);
  }

  /**
   * The files whose content differs from what an earlier commit's reads found there (the same kind of
   * file, another blob); undefined when anything else differs (a file appeared, went, or changed kind;
   * a directory listing changed). Empty when every read is the same: then so is the judgement.
   */
  async changedSince(earlier: ReadonlyMap<string, string>): Promise<string[] | undefined> {
    const changed: string[] = [];
    for (const [key, was] of earlier) {
      // From the trees already read when it can be (a read ahead read them): no wait, no promise.
      const parts = key.startsWith('\0') ? undefined : partsOf(key);
      const known = parts && !parts.includes('..') ? this.lookupNow(parts) : undefined;
      const now = known
        ? describe(this.note(key, known))
        : key.startsWith('\0')
          ? (await this.subdirectories(key.slice(1))).join('/')
          : describe(await this.lookup(key));
      if (now === was) continue;
      if (key.startsWith('\0') || !isFile(now) || now.slice(0, 7) !== was.slice(0, 7) || !isFile(was)) return undefined;
      changed.push(key);
    }
    return changed;
  }

  private note(file: string, found: Lookup): Lookup {
    if (this.record) this.seen.set(file, describe(found));
    return found;
  }
}

/** A regular file's description: its mode (100644 or 100755), a colon and its blob id. */
const isFile = (described: string) => described.startsWith('1006') || described.startsWith('1007');

const describe = (found: Lookup) => ('entry' in found ? `${found.entry.mode}:${found.entry.oid}` : 'absent' in found ? '-' : `!${found.unreadable}`);
