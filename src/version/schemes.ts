// The registry of version schemes: one line per scheme. The "versioning" option and its JSON Schema
// (src/config/versioning.ts), the bump levels the command line knows, which scheme reads which
// source and the advice to choose another policy all derive from it.
import type { Output, Shape } from '../config/fields.js';
import { UserError } from '../core/errors.js';
import { LEVELS } from './bump.js';
import { calverScheme } from './calver.js';
import { pep440Scheme } from './pep440-scheme.js';
import type { Meaning, Policy, SchemeDeclaration, VersionScheme } from './scheme.js';
import { semverScheme } from './semver-scheme.js';

/** The first is the default "versioning" policy. */
export const SCHEMES = [semverScheme, pep440Scheme, calverScheme] as const;

export type SchemeName = (typeof SCHEMES)[number]['name'];
export const SCHEME_NAMES = SCHEMES.map((s) => s.name) as SchemeName[];
export const DEFAULT_VERSIONING: SchemeName = SCHEMES[0].name;
/** Python's own scheme: what a source that names none is read in when the primary cannot say (a version from tags, a regex primary). */
export const PYTHON_SCHEME: SchemeName = 'pep440';

/** "versioning" as configured: a scheme's name, or [name, options] for a scheme with options. */
export type VersioningSetting = SchemeName | [SchemeName, Record<string, unknown>];

/** Every bump level of any scheme: PEP 440's model in its order, then levels of a scheme's own. */
export const BUMP_LEVELS: readonly string[] = [
  ...new Set([...LEVELS.filter((l) => SCHEMES.some((s) => s.levels.includes(l))), ...SCHEMES.flatMap((s) => s.levels)]),
];

type AnyDeclaration = SchemeDeclaration<string, Shape>;
const all = SCHEMES as readonly AnyDeclaration[];

export const declarationOf = (name: string): AnyDeclaration | undefined => all.find((s) => s.name === name);

/** Whether a scheme can only be chosen with options (["calver", { "format": … }]). */
export const needsOptions = (s: AnyDeclaration): boolean => Object.values(s.options).some((f) => f.presence.required !== undefined);

/** The project's versioning: its scheme's declaration and options (the configuration was validated). */
export interface Versioning {
  declaration: AnyDeclaration;
  options: Output<Shape>;
}

export function versioningOf(setting: VersioningSetting): Versioning {
  const [name, options] = Array.isArray(setting) ? setting : [setting, {}];
  return { declaration: declarationOf(name)!, options: options as Output<Shape> };
}

export const policyOf = (setting: VersioningSetting): Policy => {
  const { declaration, options } = versioningOf(setting);
  return declaration.policy(options);
};

const loaded = new Map<string, VersionScheme>();

/**
 * A scheme's reading, loaded on first use (a project without PEP 440 sources never loads that
 * library). A scheme with required options is read with the project's versioning options.
 */
export async function loadScheme(name: string, versioning?: Versioning): Promise<VersionScheme> {
  const declaration = declarationOf(name);
  if (!declaration) throw new Error(`no scheme ${name}`);
  if (versioning?.declaration === declaration && Object.keys(declaration.options).length) return declaration.load(versioning.options);
  if (needsOptions(declaration))
    throw new UserError(`the "${name}" scheme is read only with its options: set "versioning": ["${name}", { … }] in the configuration`, 2);
  let scheme = loaded.get(name);
  if (!scheme) {
    scheme = await declaration.load({});
    loaded.set(name, scheme);
  }
  return scheme;
}

/** Every scheme that can read a version here: those that need no options, and the project's versioning. */
export const readableSchemes = (versioning: Versioning): Promise<VersionScheme[]> =>
  Promise.all(all.filter((s) => !needsOptions(s) || s === versioning.declaration).map((s) => loadScheme(s.name, versioning)));

/** The scheme a source reads in: its default one, or the project's versioning when that refines it (CalVer reads what PEP 440 reads). */
export const readingName = (name: string, versioning: Versioning): string => (versioning.declaration.refines === name ? versioning.declaration.name : name);

/**
 * A policy that allows a version the project's does not, to suggest: the default first, then in
 * registry order; none that needs options (its options cannot be guessed).
 */
export function versioningFor(meaning: Meaning | undefined, except?: string): SchemeName | undefined {
  return SCHEMES.find((s) => s.name !== except && !needsOptions(s) && s.policy({} as never).allows(meaning))?.name;
}

/** A policy that has a bump level the project's lacks, to suggest; none when the project's needs options (it was chosen on purpose). */
export function versioningWithLevel(level: string, except: string): SchemeName | undefined {
  if (needsOptions(declarationOf(except)!)) return undefined;
  return SCHEMES.find((s) => s.name !== except && !needsOptions(s) && s.policy({} as never).levels.includes(level))?.name;
}
