// Why a build or twine check failed, in words, from the output the step printed: the reasons that
// hide in a traceback (an offline isolated build) or behind a generic message (an old twine).

const PIP_MISSING = /No matching distribution found for (\S+)/;
const NETWORK =
  /(Failed to establish a new connection|Temporary failure in name resolution|Name or service not known|Network is unreachable|Could not fetch URL)/;

/** The argv of `python -m build …` with --no-isolation added, when isolation is off; any other build command is left alone. */
export function buildArgv(build: string[], isolation: boolean): string[] {
  const isBuild = build[1] === '-m' && build[2] === 'build';
  return !isolation && isBuild && !build.includes('--no-isolation') && !build.includes('-n') ? [...build, '--no-isolation'] : build;
}

/** The requirements build listed as missing (a build without isolation checks the backend and its dependencies). */
export function missingDependencies(output: string): string[] {
  const block = /Missing dependencies:((?:\s*\n\t[^\n]+)+)/.exec(output)?.[1] ?? '';
  return [
    ...new Set(
      block
        .split('\n')
        .flatMap((l) => l.trim().split(' -> '))
        .map((r) => r.trim())
        .filter(Boolean),
    ),
  ];
}

/** A requirement's distribution name (what importlib.metadata knows it by). */
export const requirementName = (requirement: string) => /^[A-Za-z0-9][A-Za-z0-9._-]*/.exec(requirement)?.[0] ?? requirement;

/**
 * The reason a build failed, when its output shows one worth saying plainly. `installed` says, for
 * each missing requirement, the version the interpreter has (undefined: none or not matching), so
 * a backend that is installed but lacks one of its own dependencies is not called missing.
 */
export function explainBuild(output: string, build: string[], installed?: Map<string, string | undefined>): string | undefined {
  const isolated = build[1] === '-m' && build[2] === 'build' && !build.includes('--no-isolation') && !build.includes('-n');
  const python = build[0];
  const missing = PIP_MISSING.exec(output)?.[1];
  if (isolated && (missing || NETWORK.test(output)))
    return (
      `the isolated build could not install its build requirements${missing ? ` (pip: no matching distribution found for ${missing})` : ' (pip could not reach the package index)'}; ` +
      `offline, build with the backend installed in ${python}: set "release": { "isolation": false } in the configuration, or pass --no-isolation`
    );
  const listed = missingDependencies(output);
  if (listed.length) {
    const present = listed.filter((r) => installed?.get(r) !== undefined);
    const absent = listed.filter((r) => installed?.get(r) === undefined).join(', ');
    if (present.length === 0)
      return `${python} lacks the build backend (${absent}) that a build without isolation uses: install it there, or build isolated (release.isolation: true)`;
    const has = present.map((r) => `${requirementName(r)} ${installed!.get(r)}`).join(', ');
    return (
      `${python} has ${has}, but not ${absent}, which ${present.map(requirementName).join(' or ')} requires; python -m build checks the backend's own dependencies too: ` +
      `install ${absent} into ${python}, or skip that check with --skip-dependency-check in release.build`
    );
  }
  const last = output
    .split('\n')
    .filter((l) => /^\s*ERROR\b/.test(l))
    .at(-1)
    ?.trim();
  return last ? `the build said: ${last}` : undefined;
}

/** Asks `python` which of the requirements it satisfies: the installed version, or undefined. */
// biome-ignore lint/complexity/noUselessStringRaw: a Python program; raw, so a backslash added to it stays Python's
export const INSTALLED = String.raw`
import json, re, sys
import importlib.metadata as md
try:
    from packaging.requirements import Requirement
except ImportError:
    Requirement = None
found = {}
for text in sys.argv[1:]:
    name = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", text)
    try:
        version = md.version(name.group(0)) if name else None
    except Exception:
        version = None
    if version is not None and Requirement is not None:
        try:
            if not Requirement(text).specifier.contains(version, prereleases=True): version = None
        except Exception:
            pass
    found[text] = version
json.dump(found, sys.stdout)
`;

/** Metadata-Version per artifact, as read from the artifact's own metadata. */
export interface ArtifactMetadata {
  name: string;
  metadataVersion: string | undefined;
}

const versionKey = (v: string) => v.split('.').map((n) => Number(n));
const newer = (a: string, b: string) => {
  const [x, y] = [versionKey(a), versionKey(b)];
  return x[0]! !== y[0]! ? x[0]! > y[0]! : (x[1] ?? 0) > (y[1] ?? 0);
};

/** When twine failed because it cannot read the artifacts' Metadata-Version: what to do, exactly. */
export function explainTwine(
  output: string,
  artifacts: ArtifactMetadata[],
  twineVersion: string | undefined,
  check: string[],
  isolation: boolean,
): string | undefined {
  const flat = output.replace(/\s+/g, ' ');
  if (!/Metadata is missing required fields/.test(flat)) return undefined;
  const supported = /supported Metadata-Version: (\d+\.\d+(?:, \d+\.\d+)*)/.exec(flat)?.[1]?.split(', ');
  const newest = supported?.reduce((a, b) => (newer(b, a) ? b : a));
  const unreadable = artifacts.filter((a) => a.metadataVersion && (newest ? newer(a.metadataVersion, newest) : newer(a.metadataVersion, '2.2')));
  if (unreadable.length === 0) return undefined;
  const versions = [...new Set(unreadable.map((a) => a.metadataVersion))].join(', ');
  const twine = `twine${twineVersion ? ` ${twineVersion}` : ''} (${check.join(' ')})`;
  const fixes = [
    ...(isolation
      ? [
          `build with the backend installed in ${check[0]}, which writes an older Metadata-Version: set "release": { "isolation": false } in the configuration, or pass --no-isolation`,
        ]
      : []),
    `use twine 6.1 or newer, which reads Metadata-Version 2.4 (${check[0]} -m pip install --upgrade "twine>=6.1", or name an interpreter that has it with --python or release.python)`,
  ];
  return `${twine} reads Metadata-Version ${supported ? `${supported[0]} to ${newest}` : 'up to 2.2'} only, but ${unreadable.map((a) => a.name).join(', ')} carry Metadata-Version ${versions} (a current build backend writes it); either ${fixes.join('; or ')}`;
}
