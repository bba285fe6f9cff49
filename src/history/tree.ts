// Trees and small blobs read from git's object store, by id and bounded: consecutive commits share
// most of theirs. Objects are asked for in batches (one write to cat-file, one promise per batch)
// and kept as values, so that a commit whose objects are all read is looked at without waiting.
import type { ObjectStore } from './objects.js';

export interface Entry {
  mode: string;
  oid: string;
}

export type Tree = Map<string, Entry>;

/** What a kept blob costs beside its bytes (its Buffer and map entry), roughly: thousands of small ones add up. */
const BLOB_OVERHEAD = 256;

export class TreeCache {
  /** The trees read so far (undefined: not a tree, or missing), oldest first. */
  private readonly trees = new Map<string, Tree | undefined>();
  /** The blobs read so far (undefined: missing), oldest first, within a byte budget. */
  private readonly blobs = new Map<string, Buffer | undefined>();
  /** Reads in flight, by object id. */
  private readonly reading = new Map<string, Promise<void>>();
  private blobBytes = 0;
  constructor(
    readonly store: ObjectStore,
    private readonly limit = 4096,
    private readonly blobLimit = 8 << 20,
  ) {}

  /** A tree already read: its entries, undefined when it is none, or 'unread'. */
  treeNow(oid: string): Tree | undefined | 'unread' {
    const tree = this.trees.get(oid);
    return tree !== undefined || this.trees.has(oid) ? tree : 'unread';
  }

  /** A blob already read: its bytes, undefined when it is missing, or 'unread'. */
  blobNow(oid: string): Buffer | undefined | 'unread' {
    const blob = this.blobs.get(oid);
    return blob !== undefined || this.blobs.has(oid) ? blob : 'unread';
  }

  async tree(oid: string): Promise<Tree | undefined> {
    const now = this.treeNow(oid);
    if (now !== 'unread') return now;
    await this.load([oid], []);
    const read = this.treeNow(oid);
    // Gone again only if the batches read meanwhile outgrew the cache: then it is read for this caller alone.
    return read !== 'unread' ? read : treeOf(await this.store.read(oid));
  }

  async blob(oid: string): Promise<Buffer | undefined> {
    const now = this.blobNow(oid);
    if (now !== 'unread') return now;
    await this.load([], [oid]);
    const read = this.blobNow(oid);
    if (read !== 'unread') return read;
    const obj = await this.store.read(oid);
    return 'missing' in obj ? undefined : obj.bytes;
  }

  /** Reads the trees and blobs not read yet, in one batch, and waits for those already being read. */
  async load(trees: readonly string[], blobs: readonly string[]): Promise<void> {
    const waits = new Set<Promise<void>>();
    /** Each object to ask for, and whether it is a blob. */
    const ask = new Map<string, boolean>();
    const want = (oid: string, blob: boolean) => {
      const inFlight = this.reading.get(oid);
      if (inFlight) waits.add(inFlight);
      else if ((blob ? this.blobNow(oid) : this.treeNow(oid)) === 'unread') ask.set(oid, blob);
    };
    for (const oid of trees) want(oid, false);
    for (const oid of blobs) want(oid, true);
    if (ask.size) {
      const oids = [...ask.keys()];
      const done = () => {
        for (const oid of oids) this.reading.delete(oid);
      };
      const read = this.store.readMany(oids).then(
        (objects) => {
          done();
          for (const [i, oid] of oids.entries()) {
            if (ask.get(oid)) this.keepBlob(oid, objects[i]!);
            else this.keepTree(oid, treeOf(objects[i]!));
          }
        },
        (e: unknown) => {
          done();
          throw e;
        },
      );
      for (const oid of oids) this.reading.set(oid, read);
      waits.add(read);
    }
    await Promise.all(waits);
  }

  private keepTree(oid: string, tree: Tree | undefined): void {
    if (this.trees.size >= this.limit) this.trees.delete(this.trees.keys().next().value!);
    this.trees.set(oid, tree);
  }

  private keepBlob(oid: string, obj: Awaited<ReturnType<ObjectStore['read']>>): void {
    const bytes = 'missing' in obj ? undefined : obj.bytes;
    this.blobBytes += (bytes?.length ?? 0) + BLOB_OVERHEAD;
    while (this.blobBytes > this.blobLimit && this.blobs.size > 0) {
      const [oldest, kept] = this.blobs.entries().next().value!;
      this.blobs.delete(oldest);
      this.blobBytes -= (kept?.length ?? 0) + BLOB_OVERHEAD;
    }
    this.blobs.set(oid, bytes);
  }
}

const treeOf = (obj: Awaited<ReturnType<ObjectStore['read']>>) => ('missing' in obj || obj.type !== 'tree' ? undefined : parseTree(obj.bytes));

/** A tree object: "<mode> <name>\0<raw id>" entries; the id is as long as the repository's hash. */
function parseTree(bytes: Buffer): Tree {
  const entries: Tree = new Map();
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
