// One commit judged as `check` would judge it: its configuration (config-at.ts), its sources read
// from its tree through the same FileReader seam, the same rules. The tag rules are left to the
// audit, which knows the tags of the past; consecutive commits that read the same objects share one
// judgement, so a long history costs its changes, not its length.
import type { LoadedConfig } from '../config/types.js';
import { loadProject, type Package } from '../core/project.js';
import type { Finding } from '../rules/types.js';
import { runRules } from '../rules/index.js';
import { ruleContext } from '../core/inspect.js';
import type { FileReader, ReadResult } from '../git/workspace.js';
import { configAt, type ConfigOrigin } from './config-at.js';
import { CommitTree, type TreeCache } from './tree.js';

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

export class Judge {
  private last: { seen: ReadonlyMap<string, string>; verdict: Verdict } | undefined;

  constructor(
    private readonly cache: TreeCache,
    private readonly today: LoadedConfig,
    /** The package's directory inside the repository ('' for the top level). */
    private readonly prefix: string,
    private readonly packageName: string | undefined,
  ) {}

  /** What the last judgement read: the paths worth reading ahead at the next commits. */
  lastReads(): ReadonlyMap<string, string> | undefined {
    return this.last?.seen;
  }

  async judge(commit: string, rootTree: string, tagsOnCommit: string[]): Promise<Verdict> {
    const tree = new CommitTree(this.cache, commit, rootTree);
    if (this.last && (await tree.readsSameAs(this.last.seen))) return this.last.verdict;
    const { loaded, origin } = await configAt(tree, this.prefix, this.today);
    // A version taken from tags (setuptools-scm and kin) is, at a tagged commit, that tag.
    const project = await loadProject(loaded, commitReader(tree, this.prefix), async () => tagsOnCommit);
    const pkg = project.packages.find((p) => p.name === this.packageName) ?? project.packages[0]!;
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
    this.last = loaded.layout?.fromTags ? undefined : { seen: tree.seen, verdict };
    return verdict;
  }
}
