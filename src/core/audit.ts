// audit: the project's version history, release by release. Each release is read from git's object
// store (one long-lived cat-file) and judged as `check` judges a commit; then the sequence (gaps,
// versions going backwards, untagged changes, drift windows) and, when asked, a package index.
// Read-only by construction: no work tree, no index, no repository program; nothing leaves the
// machine without --index-url.
import path from 'node:path';
import { loadConfig, type LoadConfigOptions } from '../config/load.js';
import type { LoadedConfig } from '../config/types.js';
import { isShallow, workTreeReader } from '../git/workspace.js';
import { ObjectStore } from '../history/objects.js';
import { TreeCache } from '../history/tree.js';
import { Judge } from '../history/judge.js';
import { commitsSince, currentBranchName, firstParentHistory, peelTag, resolveCommit, tagRefs, tagsMerged, type CommitInfo } from '../history/refs.js';
import { driftWindows, skipped } from '../history/sequence.js';
import { rankVersions, versionKey } from '../history/version-keys.js';
import { walkFirstParent } from '../history/walk.js';
import { auditIndex } from '../history/index-audit.js';
import { sameVersion } from '../version/same.js';
import { UserError } from './errors.js';
import { loadProject, type Package } from './project.js';
import { normalizeDistribution } from './names.js';
import { didYouMean } from './suggest.js';
import { auditFinding, type AuditEvent, type AuditRelease, type AuditResult, type SequenceFinding } from './audit-result.js';

export type { AuditEvent, AuditResult } from './audit-result.js';

export interface AuditOptions extends LoadConfigOptions {
  /** Only releases HEAD has and this revision has not decide the exit code (and are reported). */
  since?: string;
  package?: string;
  indexUrl?: string;
  onEvent?: (event: AuditEvent) => void;
}

/** History mode when the tags name fewer than this share of the versions the history went through. */
const FEW_TAGS = 0.5;
/** Commits and tags asked of git's object store at once. */
const BATCH = 256;

export async function audit(options: AuditOptions = {}): Promise<AuditResult> {
  const today = await loadConfig(options);
  const gitTop = today.gitTop;
  if (!gitTop) throw new UserError('audit reads the git history, but this is not a git repository');
  const project = await loadProject(today, workTreeReader(today.root), async () => []);
  const names = project.packages.map((p) => p.name);
  if (options.package === undefined && project.packages.length > 1)
    throw new UserError(`this workspace holds ${names.length} packages (${names.join(', ')}): name the one to audit with --package`);
  const pathOf = (p: Package) => path.relative(today.root, p.root).split(path.sep).join('/');
  const asked = options.package?.replace(/\/+$/, '');
  const pkg = asked === undefined ? project.packages[0]! : project.packages.find((p) => samePackage(p.name, asked) || pathOf(p) === asked);
  if (!pkg) {
    throw new UserError(
      `--package: no package "${options.package}" here${didYouMean(options.package!, names, (n) => `"${n}"`)} (packages: ${names.join(', ')})`,
    );
  }
  // A workspace member is judged as a project of its own, in its directory (as check judges each member).
  const own = today.workspace ? memberAsProject(today, pkg) : today;
  const prefix = path.relative(gitTop, own.root).split(path.sep).join('/');
  const reader = pkg.tagReader;
  const scheme = pkg.scheme;
  const emit = options.onEvent ?? (() => {});

  const since = options.since === undefined ? undefined : await resolveCommit(gitTop, options.since);
  if (options.since !== undefined && !since) throw new UserError(`--since: "${options.since}" names no commit in this repository`);
  // Every git process at once, before the run's memory grows: each start copies the process's page tables.
  const opened = ObjectStore.open(gitTop);
  opened.catch(() => {}); // a failure to start is reported where it is awaited, not as an unhandled rejection meanwhile
  // Whatever fails from here on (a git query, the caller's listener), the cat-file is closed.
  try {
    const [refs, reachableNames, firstParent, branch, sinceCommits, sinceTags] = await Promise.all([
      tagRefs(gitTop, reader.prefix),
      // A ref to an object this clone lacks makes git refuse the question: then nobody knows.
      tagsMerged(gitTop, reader.prefix, 'HEAD', true).catch(() => undefined),
      firstParentHistory(gitTop),
      currentBranchName(gitTop),
      since ? commitsSince(gitTop, since) : undefined,
      since ? tagsMerged(gitTop, reader.prefix, since, false).then((names) => new Set(names)) : undefined,
    ]);
    const tags = refs.flatMap((ref) => {
      const version = reader.version(ref.name);
      return version === undefined ? [] : [{ ...ref, version }];
    });
    const reachable = new Set(reachableNames ?? []);
    const shallow = isShallow(gitTop);
    const notes: string[] = [];
    const branchName = branch ?? 'HEAD';
    emit({ type: 'started', tags: tags.length, commits: firstParent.length });

    const store = await opened;
    const cache = new TreeCache(store);
    const member = today.workspace
      ? { name: pkg.name, path: pkg.path, rootPrefix: path.relative(gitTop, today.root).split(path.sep).join('/'), declaredSources: !pkg.layout }
      : undefined;
    const judge = new Judge(cache, own, prefix, pkg.name, member);
    const total = firstParent.length + tags.length;
    let done = 0;
    const tick = () => emit({ type: 'read', done: ++done, total });

    // Tags by the commit they peel to: read once, in a pass of their own.
    const known = new Map(firstParent.map((c) => [c.oid, c]));
    const tagCommits = new Map<string, CommitInfo | undefined>();
    const annotated = new Set<string>();
    for (let start = 0; start < tags.length; start += BATCH) {
      const batch = tags.slice(start, start + BATCH);
      const peeled = await Promise.all(batch.map((tag) => peelTag(store, tag.oid, known)));
      for (const [i, tag] of batch.entries()) {
        tagCommits.set(tag.name, peeled[i]!.commit);
        if (peeled[i]!.annotated) annotated.add(tag.name);
      }
    }
    const tagsOn = new Map<string, typeof tags>();
    for (const tag of tags) {
      const commit = tagCommits.get(tag.name)?.oid;
      if (commit) tagsOn.set(commit, [...(tagsOn.get(commit) ?? []), tag]);
    }

    // The first-parent walk: where the primary version changed, and where it went backwards.
    const tagNamesOn = new Map([...tagsOn].map(([commit, on]) => [commit, on.map((t) => t.name)]));
    const { verdicts, changes, backwards } = await walkFirstParent({ cache, judge, firstParent, tagsOn: tagNamesOn, scheme, shallow, tick });
    const sequence: SequenceFinding[] = backwards.map((b) => ({
      ...auditFinding('backwards', { branch: branchName, from: b.from, to: b.to, commit: b.commit.slice(0, 12) }),
      commit: b.commit,
      version: b.to,
      inRange: !sinceCommits || sinceCommits.has(b.commit),
    }));
    if (shallow)
      notes.push(
        `this is a shallow clone: the history before ${firstParent[0]?.oid.slice(0, 12) ?? 'HEAD'} is not in it and was not read, so older releases, their tags and whether HEAD reaches them are not known`,
      );

    // One key per meaning (1.0 ≡ 1.0.0, rc1 ≡ -rc.1): thousands of tags are matched in one pass, not pair by pair.
    const tagKeys = new Set(tags.map((t) => versionKey(scheme, t.version)));
    const untaggedChanges = changes.filter((c) => !tagKeys.has(versionKey(scheme, c.version)));
    const namedVersions = new Set(changes.filter((c) => tagKeys.has(versionKey(scheme, c.version))).map((c) => c.version));
    const mode: AuditResult['mode'] = changes.length > 0 && namedVersions.size < changes.length * FEW_TAGS ? 'history' : 'tags';
    const modeReason =
      mode === 'history'
        ? `the tags name ${namedVersions.size} of the ${changes.length} version${changes.length === 1 ? '' : 's'} the history of ${branchName} went through: each version change is a release`
        : `${tags.length} version tag${tags.length === 1 ? '' : 's'} with the prefix "${reader.prefix}"`;

    // Releases: every version tag, and in history mode every version change no tag names.
    const releases: AuditRelease[] = [];
    for (const tag of tags) {
      const info = tagCommits.get(tag.name);
      tick();
      const inRange = !sinceTags || sinceTags.has(tag.name);
      // In a shallow clone a tag HEAD does not reach may still be on its history, beyond the boundary: not known, so not said.
      const base = {
        tag: tag.name,
        annotated: annotated.has(tag.name),
        version: tag.version,
        reachable: reachable.has(tag.name) || (shallow || !reachableNames ? null : false),
        inRange,
      };
      if (!info) {
        const why = shallow ? 'its commit is not in this shallow clone' : 'its commit is missing from this repository';
        releases.push({
          ...base,
          id: 0,
          commit: tag.oid,
          date: null,
          filesVersion: null,
          sources: [],
          config: null,
          findings: [auditFinding('unreadable', { what: `tag ${tag.name}`, why })],
        });
        continue;
      }
      const verdict =
        verdicts.get(info.oid) ??
        (await judge.judge(
          info.oid,
          info.tree,
          (tagsOn.get(info.oid) ?? []).map((t) => t.name),
        ));
      const findings = [...verdict.findings];
      const file = verdict.sources.find((s) => s.primary)?.file;
      if (verdict.version !== null && !sameVersion({ scheme, value: tag.version }, { scheme: verdict.pkg.scheme, value: verdict.version }))
        findings.unshift(
          auditFinding('tag-differs', { tag: tag.name, tagVersion: tag.version, file: file ?? 'the primary source', version: verdict.version }, { file }),
        );
      const others = (tagsOn.get(info.oid) ?? []).filter((t) => !sameVersion({ scheme, value: t.version }, { scheme, value: tag.version }));
      if (others.length) findings.push(auditFinding('tags-disagree', { commit: info.oid.slice(0, 12), tags: [tag, ...others].map((t) => t.name).join(', ') }));
      if (base.reachable === false && firstParent.length) findings.push(auditFinding('off-branch', { tag: tag.name, branch: branchName }));
      // Spelled out, not spread: a spread object grown by seven more keys cost a thousand releases some 3% of the audit's CPU.
      releases.push({
        tag: base.tag,
        annotated: base.annotated,
        version: base.version,
        reachable: base.reachable,
        inRange,
        id: 0,
        commit: info.oid,
        date: iso(info.time),
        filesVersion: verdict.version,
        sources: verdict.sources,
        config: verdict.config,
        findings,
      });
    }
    if (mode === 'history')
      for (const change of untaggedChanges)
        releases.push({
          id: 0,
          tag: null,
          version: change.version,
          commit: change.commit,
          date: iso(change.time),
          reachable: true,
          inRange: !sinceCommits || sinceCommits.has(change.commit),
          filesVersion: change.version,
          sources: change.verdict.sources,
          config: change.verdict.config,
          findings: [...change.verdict.findings],
        });
    const rank = rankVersions(
      scheme,
      releases.map((r) => r.version),
    );
    releases.sort((a, b) => rank.get(a.version)! - rank.get(b.version)! || (a.date ?? '').localeCompare(b.date ?? ''));
    for (const [i, r] of releases.entries()) r.id = i;

    // The sequence: skipped versions between consecutive releases, version changes no tag names.
    for (let i = 1; i < releases.length; i++) {
      const [a, b] = [releases[i - 1]!, releases[i]!];
      const expected = scheme.valid(a.version) && scheme.valid(b.version) ? skipped(scheme, a.version, b.version) : undefined;
      if (expected)
        sequence.push({ ...auditFinding('gap', { from: a.version, to: b.version, expected }), release: b.id, version: b.version, inRange: b.inRange });
    }
    const untaggedReleases = new Map(releases.filter((r) => r.tag === null).map((r) => [r.commit, r]));
    for (const change of untaggedChanges) {
      const release = untaggedReleases.get(change.commit);
      sequence.push({
        ...auditFinding('untagged', { version: change.version, commit: change.commit.slice(0, 12) }),
        commit: change.commit,
        version: change.version,
        inRange: !sinceCommits || sinceCommits.has(change.commit),
        ...(release ? { release: release.id } : {}),
      });
    }
    const windows = driftWindows(releases);

    let index: AuditResult['index'] = null;
    if (options.indexUrl !== undefined) {
      emit({ type: 'index', url: options.indexUrl });
      const distribution = pkg.distribution ?? pkg.name;
      const found = await auditIndex(options.indexUrl, distribution, releases);
      index = { url: found.url, versions: found.versions };
      sequence.push(...found.findings);
    }

    const sources = [...new Set(releases.flatMap((r) => r.sources.map((s) => s.file)))];
    const errorIn = (f: { severity: string }) => f.severity === 'error';
    const ok = !releases.some((r) => r.inRange && r.findings.some(errorIn)) && !sequence.some((f) => f.inRange && errorIn(f));
    return {
      ok,
      mode,
      modeReason,
      package: pkg.name,
      distribution: pkg.distribution ?? null,
      root: pkg.root,
      tagPrefix: reader.prefix,
      branch: branch ?? null,
      since: options.since ?? null,
      history: { commits: firstParent.length, complete: !shallow, notes },
      sources,
      releases,
      windows,
      findings: sequence,
      index,
    };
  } finally {
    (await opened.catch(() => undefined))?.close();
  }
}

/** Today's configuration as one member sees it: its directory, its sources and tag prefix, no workspace. */
function memberAsProject(today: LoadedConfig, pkg: Package): LoadedConfig {
  const { workspace: _all, layout: _layout, ...rest } = today;
  const config = { ...today.config, sources: pkg.sources.map((s) => s.config), tags: { ...today.config.tags, prefix: pkg.tagReader.prefix } };
  return { ...rest, root: pkg.root, config };
}

const samePackage = (a: string, b: string) => normalizeDistribution(a) === normalizeDistribution(b);

const iso = (seconds: number) => (seconds ? new Date(seconds * 1000).toISOString() : null);
