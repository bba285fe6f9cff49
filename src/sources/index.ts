// The registry of source kinds: one line per kind. The type union, the option validation and the
// JSON Schema (src/config/source.ts), labels, locating and init's detection all derive from it.
import type { Flatten, Output, Shape } from '../config/fields.js';
import { iniSource } from './ini.js';
import { jsSource } from './js.js';
import { jsonSource } from './json.js';
import { mcpbSource } from './mcpb.js';
import type { SourceKind } from './kind.js';
import { pythonSource } from './python.js';
import { regexSource } from './regex.js';
import { serverJsonSource } from './server-json.js';
import { textSource } from './text.js';
import { yamlSource } from './yaml.js';
import { tomlSource } from './toml.js';
import type { Locator, ManyLocator, VersionHit } from './types.js';

export const SOURCE_KINDS = [
  tomlSource,
  pythonSource,
  jsonSource,
  jsSource,
  regexSource,
  iniSource,
  textSource,
  yamlSource,
  serverJsonSource,
  mcpbSource,
] as const;

type Kind = (typeof SOURCE_KINDS)[number];
export type SourceType = Kind['type'];
/** Keys every source has, whatever its kind. */
export interface SourceBase {
  file: string;
  primary?: boolean;
  /** Shown in reports; defaults to the file's base name without extension. */
  name?: string;
}
/** One configured source: its kind's type and options. */
export type SourceConfig = Kind extends infer K
  ? K extends { type: infer T; options: infer S extends Shape }
    ? Flatten<SourceBase & { type: T } & Output<S>>
    : never
  : never;

export const SOURCE_TYPES = SOURCE_KINDS.map((k) => k.type) as SourceType[];

/** The kind of a source type (the type is validated before anything asks). */
export const kindOf = (type: string): SourceKind => SOURCE_KINDS.find((k) => k.type === type) as unknown as SourceKind;

/** The kind's locator, loading it first if the kind loads lazily. */
export async function locatorFor(type: SourceType): Promise<Locator<SourceConfig>> {
  const kind = kindOf(type);
  return (kind.locate ?? (await kind.load!())) as Locator<SourceConfig>;
}

/** Locates many sources of one type: at once where the kind can, else one by one. */
export type LocateAll = ManyLocator<SourceConfig>;

export async function locateAllFor(type: SourceType): Promise<LocateAll> {
  const kind = kindOf(type);
  if (kind.locateAll) return kind.locateAll as LocateAll;
  const locate = await locatorFor(type);
  return (items, context) => items.map((item) => locate(item.text, item.options, context));
}

/** The text written over a located version. */
export const replacementFor = (type: SourceType, hit: VersionHit, version: string): string => kindOf(type).replace?.(hit, version) ?? version;
