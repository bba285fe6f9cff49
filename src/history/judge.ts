// One commit judged as `check` would judge it: its configuration (config-at.ts), its sources read
// from its tree through the same FileReader seam, the same rules. The tag rules are left to the
// audit, which knows the tags of the past; consecutive commits that read the same objects share one
// judgement, and one whose files differ only in their version literals carries the last reading over
// (carry-over.ts) and runs the rules only, so a long history of bumps costs little more than its reads.
import type { LoadedConfig } from '../config/types.js';
import { loadProject, type Package } from '../core/project.js';
import type { Finding } from '../rules/types.js';
import { runRules } from '../rules/index.js';
import { ruleContext } from '../core/inspect.js';
import type { FileReader, ReadResult } from '../git/workspace.js';
import { configAt, type ConfigOrigin, type MemberAt } from './config-at.js';
import { CommitTree, isToRead, type ToRead } from './commit-tree.js';
import type { TreeCache } from './tree.js';
import { carryOver, type Changed, literalSpans, replacedValues } from './carry-over.js';
import { decodeUtf8 } from '../core/text.js';

export interface SourceAt {
  name: string;
  file: string;
  primary: boolean;
  version: string | null;
}

export interface Verdict {
  /** The primary source's version at the commit, if it states exactly one. */
  version: string | null;
  sources: SourceAt[];
  findings: Finding[];
  config: ConfigOrigin;
  /** The package judged (its scheme orders versions). */
  pkg: Pick<Package, 'scheme' | 'distribution'>;
}

/** Reads a package's files at a commit: the same seam as the work tree and the index. */
export function commitReader(tree: CommitTree, prefix: string): FileReader {
  return async (files) => {
    const out = new Map<string, ReadResult>();
    for (const file of files) out.set(file, await tree.bytes(prefix ? `${prefix}/${file}` : file));
    return out;
  };
}

/** The last full or carried-over reading: what it looked up, and what it made of it. */
interface Reading {
  seen: ReadonlyMap<string, string>;
  verdict: Verdict;
  pkg: Package;
  loaded: LoadedConfig;
  /** The files a rule may read, as the last full reading read them, and those changed since (by path in the package). */
  read: Package['read'];
  texts: ReadonlyMap<string, string>;
}

export class Judge {
  private last: Reading | undefined;
  /** Commits judged in full, and by carrying the last reading over (carry-over.ts). */
  readonly counts = { full: 0, carried: 0 };

  constructor(
    private readonly cache: TreeCache,
    private readonly today: LoadedConfig,
    /** The package's directory inside the repository ('' for the top level). */
    private readonly prefix: string,
    private readonly packageName: string | undefined,
    /** In a workspace: the member judged, whose configuration is the workspace root's. */
    private readonly member?: MemberAt,
  ) {}

  /** What the last judgement read: the paths worth reading ahead at the next commits. */
  lastReads(): ReadonlyMap<string, string> | undefined {
    return this.last?.seen;
  }

  /** The commit's verdict: at once when the last reading answers it from objects already read, else after reading. */
  judge(commit: string, rootTree: string, tagsOnCommit: string[], readAhead?: CommitTree): Verdict | Promise<Verdict> {
    const tree = readAhead ?? new CommitTree(this.cache, commit, rootTree);
    const now = this.fromLast(tree);
    if (now === undefined) return this.readInFull(tree, tagsOnCommit);
    return isToRead(now) ? this.fromLastLater(tree, now, tagsOnCommit) : now;
  }

  /** The same once each object it waits for is read. */
  private async fromLastLater(tree: CommitTree, wanted: ToRead, tagsOnCommit: string[]): Promise<Verdict> {
    for (;;) {
      await tree.read(wanted);
      const now = this.fromLast(tree);
      if (now === undefined) return this.readInFull(tree, tagsOnCommit);
      if (!isToRead(now)) return now;
      wanted = now;
    }
  }

  /**
   * The verdict from the last reading: its own when the commit reads the same objects, a carried-over
   * one when its changed files differ only in their version literals; undefined when it must be read in full.
   */
  private fromLast(tree: CommitTree): Verdict | ToRead | undefined {
    const last = this.last;
    if (!last) return undefined;
    const changed = tree.changedSinceNow(last.seen);
    if (changed === undefined || isToRead(changed)) return changed;
    if (changed.length === 0) return last.verdict;
    const carried = this.carry(tree, last, changed);
    if (carried === undefined || isToRead(carried)) return carried;
    this.counts.carried++;
    return this.remember(tree, carried, last.verdict.config);
  }

  private async readInFull(tree: CommitTree, tagsOnCommit: string[]): Promise<Verdict> {
    this.counts.full++;
    const { loaded, origin } = await configAt(tree, this.prefix, this.today, this.member);
    // A version taken from tags (setuptools-scm and kin) is, at a tagged commit, that tag.
    const project = await loadProject(loaded, commitReader(tree, this.prefix), async () => tagsOnCommit);
    const pkg = project.packages.find((p) => p.name === this.packageName) ?? project.packages[0]!;
    return this.remember(tree, { loaded, pkg, read: pkg.read, texts: new Map() }, origin);
  }

  /** The last reading at this commit, when its changed files differ only in their version literals. */
  private carry(tree: CommitTree, last: Reading, changed: string[]): Omit<Reading, 'seen' | 'verdict'> | ToRead | undefined {
    const files = new Map<string, Changed>();
    for (const full of changed) {
      const file = this.prefix ? (full.startsWith(`${this.prefix}/`) ? full.slice(this.prefix.length + 1) : undefined) : full;
      const spans = file === undefined ? undefined : literalSpans(last.pkg, file);
      const before = spans && last.pkg.sources.find((s) => s.file === file)?.text;
      if (!spans || before === undefined) return undefined;
      const read = tree.bytesNow(full);
      if (isToRead(read)) return read;
      const decoded = 'bytes' in read ? decodeUtf8(read.bytes) : undefined;
      if (!decoded || !('text' in decoded)) return undefined;
      const values = replacedValues(before, spans, decoded.text);
      if (!values) return undefined;
      files.set(file!, { text: decoded.text, spans, values });
    }
    const texts = new Map(last.texts);
    for (const [file, change] of files) texts.set(file, change.text);
    return { loaded: last.loaded, pkg: carryOver(last.pkg, files, last.read, texts), read: last.read, texts };
  }

  private remember(tree: CommitTree, reading: Omit<Reading, 'seen' | 'verdict'>, origin: ConfigOrigin): Verdict {
    const { loaded, pkg } = reading;
    const tags = { available: true as const, headTags: [], shallow: false, changedSinceHead: false, staged: false };
    const findings = runRules(ruleContext(pkg, tags, false), loaded.config.rules);
    const verdict: Verdict = {
      version: pkg.version ?? null,
      sources: pkg.sources.map((s) => ({ name: s.name, file: s.file, primary: s.primary, version: s.hits[0]?.value ?? null })),
      findings,
      config: origin,
      pkg: { scheme: pkg.scheme, distribution: pkg.distribution },
    };
    // A version from tags depends on the tags, not only on the files: never shared.
    this.last = loaded.layout?.fromTags ? undefined : { ...reading, seen: tree.seen, verdict };
    return verdict;
  }
}
