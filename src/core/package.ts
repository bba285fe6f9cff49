// The package model: one Python package's version sources, its primary, scheme, tag template and
// distribution. A repository holds a list of them (one today); rules see one package at a time.
import type { SourceConfig } from '../sources/index.js';
import type { ProblemKind, VersionHit } from '../sources/types.js';
import type { VersionScheme } from '../version/scheme.js';
import type { Versioning } from '../version/policy.js';
import type { TagReader } from '../version/tags.js';
import type { Position } from './text.js';

export type Placed<T> = T & Position;

export interface SourceProblemAt {
  kind: ProblemKind | 'unreadable';
  message: string;
  line?: number;
  column?: number;
}

export interface LoadedSource {
  name: string;
  file: string;
  config: SourceConfig;
  primary: boolean;
  /** The scheme its versions are read in: PEP 440 for Python files, SemVer for JSON and JavaScript. */
  scheme: VersionScheme;
  /** The key, variable, export or pattern the version was looked for under. */
  label: string;
  /** Its versions name a published release: between releases it may name the newest one (src/sources/kind.ts namesRelease). */
  namesRelease?: boolean;
  /** The decoded text, when the file could be read. */
  text?: string;
  hits: Placed<VersionHit>[];
  lookups: Placed<{ distribution: string; start: number; end: number }>[];
  problems: SourceProblemAt[];
}

/** A file's decoded text, or why there is none ("does not exist", "is not valid UTF-8 …"). */
export type FileText = { text: string } | { missing: string };

/** How the sources were found without a configuration file: the layout the build backend declares. */
export interface PackageLayout {
  id: string;
  /** The declaration that decided it, as the user wrote it. */
  reason: string;
  /** The version comes from git tags (the tool named): no file holds it. */
  fromTags?: string;
}

export interface Package {
  /** The distribution name, else the root directory's name; in a workspace, the name --package and groups use. */
  name: string;
  /** Its directory relative to the workspace root, '/'-separated; '' for the root (and for a project of one package). */
  path: string;
  /** A Python package, or an npm member of a polyglot workspace. */
  kind: 'python' | 'npm';
  /** In a workspace: its tag template ("{name}-v{version}"); tagReader reads the prefix it gives. */
  tagTemplate?: string;
  /** Absolute path of the package's directory; its sources' paths are relative to it. */
  root: string;
  sources: LoadedSource[];
  primary: LoadedSource;
  /** The primary source's version, if it has exactly one. */
  version?: string;
  /** The primary source's scheme: the package's order and spelling of versions. */
  scheme: VersionScheme;
  /** Which versions the package allows. */
  versioning: Versioning;
  /** Reads version tags (the tag template: prefix + version) in the package's scheme. */
  tagReader: TagReader;
  /** The distribution name from pyproject.toml ([project] name or [tool.poetry] name). */
  distribution?: string;
  layout?: PackageLayout;
  /** The files the enabled rules declared they read (`meta.reads`); asking for another one is a bug. */
  read(file: string): FileText;
}
