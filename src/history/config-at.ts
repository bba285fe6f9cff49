// The configuration a past commit is judged with: the one that commit holds (data only, parsed from
// its blob: a configuration written as code, or one that asks to import another, is named and never
// run), else today's, else the layout the build backend declared at that commit.
import { defaultConfig } from '../config/defaults.js';
import { detectLayout } from '../config/layout.js';
import { packageConfig, parseConfigText } from '../config/load.js';
import { ALL_PLACES, PACKAGE_KEY, placesAmong } from '../config/places.js';
import { pyprojectTable } from '../config/pyproject.js';
import type { LoadedConfig } from '../config/types.js';
import path from 'node:path';
import { decodeUtf8 } from '../core/text.js';
import type { CommitTree } from './commit-tree.js';

/** Which configuration judged a release, and why that one. */
export type ConfigOrigin =
  | { from: 'commit'; file: string }
  | { from: 'today'; file: string; note?: string }
  | { from: 'layout'; layout: string; reason: string; note?: string };

/** A directory's path inside the tree: '' is the top level. */
const under = (prefix: string, file: string) => (prefix ? `${prefix}/${file}` : file);

/** A workspace member judged at a past commit: the workspace's configuration there declares it, else its layout there. */
export interface MemberAt {
  /** Its name and directory (relative to the workspace root) today: how its declaration is found at the commit. */
  name: string;
  path: string;
  /** The workspace root's directory inside the repository ('' for the top level). */
  rootPrefix: string;
  /** Today's configuration gives its sources (else its build backend's layout does). */
  declaredSources: boolean;
}

export async function configAt(
  tree: CommitTree,
  prefix: string,
  today: LoadedConfig,
  /** In a workspace: the member audited; its configuration is the workspace root's. */
  member?: MemberAt,
): Promise<{ loaded: LoadedConfig; origin: ConfigOrigin }> {
  const held = await heldConfig(tree, member ? member.rootPrefix : prefix, today);
  let note = held.note;
  if (held.loaded && !member) return { loaded: held.loaded, origin: { from: 'commit', file: held.loaded.file! } };
  if (held.loaded && member) {
    const packages = held.loaded.config.packages;
    const decl = packages?.find((p) => p.name === member.name) ?? packages?.find((p) => p.path === member.path);
    if (!packages || decl) {
      const file = held.loaded.file!;
      if (decl?.sources) return { loaded: memberLoaded(held.loaded, decl.sources), origin: { from: 'commit', file } };
      const layout = await layoutAt(tree, prefix);
      return { loaded: { ...memberLoaded(held.loaded, layout.sources), layout }, origin: { from: 'commit', file } };
    }
    note = `${held.loaded.file} at this commit declares no package "${member.name}" (nor one at ${member.path || '.'})`;
  }
  // Today's file, named from the directory it configures (a member's is the workspace root's).
  const todayFile = () => {
    const dir = member && today.gitTop ? path.join(today.gitTop, member.rootPrefix) : today.root;
    return path.relative(dir, today.file!).split(path.sep).join('/');
  };
  if (today.file && (!member || member.declaredSources)) {
    const { layout: _none, ...loaded } = today;
    return { loaded, origin: { from: 'today', file: todayFile(), ...(note ? { note } : {}) } };
  }
  const layout = await layoutAt(tree, prefix);
  if (today.file) {
    // Today's configuration leaves the member's sources to its build backend: the one declared at this commit.
    const { layout: _none, ...loaded } = today;
    return {
      loaded: { ...loaded, config: { ...today.config, sources: layout.sources }, layout },
      origin: { from: 'today', file: todayFile(), ...(note ? { note } : {}) },
    };
  }
  return {
    loaded: { config: { ...defaults(), sources: layout.sources }, root: today.root, gitTop: today.gitTop, layout },
    origin: { from: 'layout', layout: layout.id, reason: layout.reason, ...(note ? { note } : {}) },
  };
}

/** A workspace's configuration as one member's: its sources, and the tag prefix the audit reads today. */
function memberLoaded(loaded: LoadedConfig, sources: LoadedConfig['config']['sources']): LoadedConfig {
  const { packages: _all, groups: _groups, ...config } = loaded.config;
  return { ...loaded, config: { ...config, sources } };
}

/** The configuration a directory holds at the commit (data only), or why none is used. */
async function heldConfig(tree: CommitTree, prefix: string, today: LoadedConfig): Promise<{ loaded?: LoadedConfig; note?: string }> {
  const present = new Set<string>();
  for (const place of ALL_PLACES) if ('entry' in (await tree.lookup(under(prefix, place)))) present.add(place);
  const places = placesAmong(present, (p) => p);
  let note: string | undefined;
  const held: { place: string; text: string; format: 'json' | 'yaml' | 'package' | 'pyproject' }[] = [];
  for (const place of places) {
    if (place.format === 'code') {
      note = `${place.place} at this commit is a configuration written as code, which is never run`;
      continue;
    }
    const read = await tree.bytes(under(prefix, place.place));
    const decoded = 'bytes' in read ? decodeUtf8(read.bytes) : undefined;
    if (!decoded || !('text' in decoded)) {
      if (place.format !== 'package' && place.format !== 'pyproject')
        note = `${place.place} at this commit cannot be read (${'missing' in read ? read.missing : 'not UTF-8'})`;
      continue;
    }
    const text = decoded.text;
    if (place.format === 'package' && !safely(() => text.includes(`"${PACKAGE_KEY}"`) && packageConfig(text, place.place))) continue;
    if (place.format === 'pyproject' && !safely(() => pyprojectTable(text, place.place))) continue;
    held.push({ place: place.place, text, format: place.format });
  }
  if (held.length > 1) return { note: `${held.map((h) => h.place).join(' and ')} at this commit both hold a configuration` };
  const only = held[0];
  if (!only) return note ? { note } : {};
  try {
    const config = await parseConfigText(only.text, only.format, under(prefix, only.place));
    return { loaded: { config, root: today.root, gitTop: today.gitTop, file: only.place } };
  } catch (e) {
    return { note: `the configuration at this commit is not used: ${(e as Error).message.split('\n').join(' ')}` };
  }
}

/** The defaults, validated once: a long history asks for them at every commit with no configuration (never changed by a reader). */
let validatedDefaults: ReturnType<typeof defaultConfig> | undefined;
const defaults = () => (validatedDefaults ??= defaultConfig());

/** A package.json or pyproject.toml that does not parse holds no configuration here: its reading as a source says why. */
function safely<T>(fn: () => T): T | false {
  try {
    return fn();
  } catch {
    return false;
  }
}

/**
 * Zero configuration at a commit. Layout detection is pure and synchronous over a file reader; the
 * commit's files come asynchronously, so it runs again with what it asked for until it asks nothing new.
 */
async function layoutAt(tree: CommitTree, prefix: string) {
  const texts = new Map<string, string | undefined>();
  const dirs = new Map<string, string[]>();
  for (;;) {
    const wantFiles = new Set<string>();
    const wantDirs = new Set<string>();
    const layout = detectLayout(
      (file) => {
        if (texts.has(file)) return texts.get(file);
        wantFiles.add(file);
        return undefined;
      },
      (dir) => {
        const known = dirs.get(dir);
        if (!known) wantDirs.add(dir);
        return known ?? [];
      },
    );
    if (wantFiles.size === 0 && wantDirs.size === 0) return layout;
    for (const file of wantFiles) {
      const read = await tree.bytes(under(prefix, file));
      // Present but unusable is empty text, as on disk: the source is listed, and its reader says why.
      texts.set(file, 'bytes' in read ? decodedOrEmpty(read.bytes) : read.missing === 'does not exist' ? undefined : '');
    }
    for (const dir of wantDirs) dirs.set(dir, await tree.subdirectories(under(prefix, dir).replace(/\/$/, '')));
  }
}

function decodedOrEmpty(bytes: Buffer): string {
  const decoded = decodeUtf8(bytes);
  return 'text' in decoded ? decoded.text : '';
}
