// Asking an installed package its version: a fixed Python program run inside the throwaway
// environment (names and paths reach it only as arguments, never as code), and the pure reading
// of its report into findings.

/**
 * argv: distribution, report path, JSON list of [file, variable]. For each source file, the
 * installed file whose path is the longest tail of it (two segments at least) is run as Python
 * runs a file (runpy.run_path: the package __init__ is not imported), recording every
 * importlib.metadata.version lookup that raised.
 */
export const PROBE = String.raw`
import json, runpy, sys
import importlib.metadata as md
dist, out_path, sources = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
report = {"version": None, "error": None, "sources": []}
try:
    report["version"] = md.version(dist)
except Exception as e:
    report["error"] = type(e).__name__
try:
    files = md.distribution(dist).files or []
except Exception:
    files = []
installed = {str(f).replace("\\", "/"): f for f in files}
real_version = md.version
for file, variable in sources:
    entry = {"file": file, "variable": variable, "installed": None, "failedLookups": []}
    report["sources"].append(entry)
    parts = file.split("/")
    for i in range(max(len(parts) - 1, 1)):
        if "/".join(parts[i:]) in installed:
            entry["installed"] = "/".join(parts[i:])
            break
    if entry["installed"] is None:
        continue
    def recording(name, failed=entry["failedLookups"]):
        try:
            return real_version(name)
        except Exception as e:
            failed.append({"name": str(name), "error": type(e).__name__})
            raise
    md.version = recording
    try:
        namespace = runpy.run_path(str(installed[entry["installed"]].locate()))
    except BaseException as e:
        entry["raised"] = "%s: %s" % (type(e).__name__, e)
        continue
    finally:
        md.version = real_version
    if variable in namespace:
        value = namespace[variable]
        entry["value"] = value if isinstance(value, str) else repr(value)
with open(out_path, "w", encoding="utf-8") as out:
    json.dump(report, out)
`;

export interface ProbeReport {
  /** importlib.metadata.version(distribution), or null with the exception's name in `error`. */
  version: string | null;
  error: string | null;
  sources: {
    file: string;
    variable: string;
    /** The installed path (relative to site-packages), or null when the package does not contain the file. */
    installed: string | null;
    failedLookups: { name: string; error: string }[];
    raised?: string;
    value?: string;
  }[];
}

export interface Findings {
  /** What is wrong, one sentence each; empty when the installed package reports the version everywhere. */
  problems: string[];
  /** What was confirmed or skipped, for the ✔ line. */
  passed: string[];
}

export interface ProbeExpectation {
  distribution: string;
  /** The version in PEP 440 form. */
  version: string;
  /** Whether a source that the package does not contain should have been in it (its directory is a package). */
  belongsToPackage: (file: string) => boolean;
}

export function probeFindings(report: ProbeReport, want: ProbeExpectation): Findings {
  const problems: string[] = [];
  const passed: string[] = [];
  const lookup = `importlib.metadata.version("${want.distribution}")`;
  if (report.version === null) problems.push(`${lookup} raised ${report.error ?? 'an error'}: the package installs no distribution of that name`);
  else if (!samePep440(report.version, want.version)) problems.push(`${lookup} is ${report.version}, expected ${want.version}`);
  else passed.push(`${lookup} is ${report.version}`);
  for (const s of report.sources) {
    const variable = `\`${s.variable}\``;
    if (s.installed === null) {
      if (want.belongsToPackage(s.file))
        problems.push(`${s.file} is not in the installed package: the artifact leaves it out, so \`import\` of it fails for users`);
      else passed.push(`${s.file} is not part of the package (not checked)`);
    } else if (s.raised !== undefined) problems.push(`running the installed ${s.installed} raised ${s.raised}`);
    else if (s.value === undefined) problems.push(`the installed ${s.installed} assigns no ${variable}`);
    else if (!samePep440(s.value, want.version)) {
      const why = s.failedLookups.map((l) => `the lookup of "${l.name}" raised ${l.error}`).join('; ');
      problems.push(`installed ${variable} is ${s.value}, expected ${want.version}${why ? ` — ${why}` : ''} (${s.installed})`);
    } else passed.push(`${variable} in ${s.installed} is ${s.value}`);
  }
  return { problems, passed };
}

/** PEP 440 equality: the same release numbers (trailing zeros aside), pre, post, dev and local parts. */
export function samePep440(a: string, b: string): boolean {
  const x = pep440Key(a);
  const y = pep440Key(b);
  return x !== undefined && x === y;
}

const PEP440 =
  /^v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(a|alpha|b|beta|c|rc|pre|preview)[-_.]?(\d*))?(?:-(\d+)|[-_.]?(post|rev|r)[-_.]?(\d*))?(?:[-_.]?(dev)[-_.]?(\d*))?(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?$/;
const PRE: Record<string, string> = { a: 'a', alpha: 'a', b: 'b', beta: 'b', c: 'rc', rc: 'rc', pre: 'rc', preview: 'rc' };

function pep440Key(version: string): string | undefined {
  const m = PEP440.exec(version.trim().toLowerCase());
  if (!m) return undefined;
  const release = m[2]!.split('.').map(Number);
  while (release.length > 1 && release.at(-1) === 0) release.pop();
  const num = (s: string | undefined) => String(Number(s || '0'));
  return [
    num(m[1]),
    release.join('.'),
    m[3] ? `${PRE[m[3]]}${num(m[4])}` : '',
    m[5] !== undefined ? `post${num(m[5])}` : m[6] ? `post${num(m[7])}` : '',
    m[8] ? `dev${num(m[9])}` : '',
    m[10] ? m[10].replace(/[-_]/g, '.') : '',
  ].join('|');
}
