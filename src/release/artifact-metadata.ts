// What the built artifacts say about themselves: a wheel's *.dist-info/METADATA, an sdist's
// PKG-INFO. Read by the release interpreter's own zipfile, tarfile and email parser (isolated: -I),
// as pip and twine will read them, and never more than a bound: an archive bomb costs nothing.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

/** The most of one METADATA or PKG-INFO that is read; the most of an sdist's tar that is scanned for it. */
export const METADATA_LIMIT = 4 * 1024 * 1024;
export const SCAN_LIMIT = 1024 * 1024 * 1024;

export interface ArtifactMetadata {
  /** The file name. */
  name: string;
  version?: string;
  metadataVersion?: string;
  requiresDist: string[];
  /** The long description: the metadata's body, else its Description field (the README it was built from). */
  description?: string;
  /** Why the metadata could not be read (no metadata file, a broken archive, more than the bound). */
  error?: string;
}

/** argv: limit, scan limit, files. Prints one JSON list: per file its Version, Metadata-Version, Requires-Dist and description, or an error. */
export const READ_METADATA = String.raw`
import email.parser, json, os, re, sys, tarfile, zipfile
limit, scan, files = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
class Refused(Exception): pass
def bounded(stream, what):
    data = stream.read(limit + 1)
    if len(data) > limit: raise Refused("its %s is larger than %d MB: stopped reading there" % (what, limit // 1048576))
    return data.decode("utf-8", "replace")
def wheel(path):
    with zipfile.ZipFile(path) as z:
        found = [i for i in z.infolist() if re.fullmatch(r"[^/]+\.dist-info/METADATA", i.filename)]
        if len(found) > 1: raise Refused("it holds %d .dist-info/METADATA files" % len(found))
        if not found: raise Refused("it holds no .dist-info/METADATA")
        with z.open(found[0]) as f: return bounded(f, found[0].filename)
def sdist(path):
    with tarfile.open(path, "r:gz") as t:
        while True:
            m = t.next()
            if m is None: raise Refused("it holds no top-level PKG-INFO")
            if m.isfile() and re.fullmatch(r"[^/]+/PKG-INFO", m.name): return bounded(t.extractfile(m), m.name)
            if m.offset_data + m.size > scan: raise Refused("no PKG-INFO in its first %d MB: stopped reading there" % (scan // 1048576))
out = []
for path in files:
    entry = {"name": os.path.basename(path), "requiresDist": []}
    try:
        text = wheel(path) if path.endswith(".whl") else sdist(path)
        headers = email.parser.HeaderParser().parsestr(text)
        for key, field in (("version", "Version"), ("metadataVersion", "Metadata-Version")):
            if headers.get(field) is not None: entry[key] = str(headers.get(field)).strip()
        entry["requiresDist"] = [str(r).strip() for r in headers.get_all("Requires-Dist") or []]
        body = headers.get_payload()
        entry["description"] = body if isinstance(body, str) and body.strip() else str(headers.get("Description") or "")
    except Refused as e:
        entry["error"] = str(e)
    except Exception as e:
        entry["error"] = "%s: %s" % (type(e).__name__, e)
    out.append(entry)
json.dump(out, sys.stdout)
`;

/** Reads the metadata of every file with `python` (isolated); a reader that cannot run at all is an error per file. */
export function readArtifactMetadata(python: string, files: string[], env: NodeJS.ProcessEnv, cwd: string): ArtifactMetadata[] {
  if (files.length === 0) return [];
  const res = spawnSync(python, ['-I', '-c', READ_METADATA, String(METADATA_LIMIT), String(SCAN_LIMIT), ...files], {
    encoding: 'utf8',
    env,
    cwd,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (res.status === 0) {
    try {
      return JSON.parse(res.stdout) as ArtifactMetadata[];
    } catch {
      // Falls through: reported per file below.
    }
  }
  const why = res.error
    ? `${python} could not start (${res.error.message})`
    : `${python} could not read the archives: ${(res.stderr ?? '').trim().split('\n').at(-1) ?? `exit code ${res.status}`}`;
  return files.map((f) => ({ name: path.basename(f), requiresDist: [], error: why }));
}

/** Problems with the artifacts, in words; empty when every artifact carries exactly `version`. */
export function artifactProblems(artifacts: ArtifactMetadata[], version: string, dirShown: string): string[] {
  if (artifacts.length === 0) return [`${dirShown} holds no wheel or sdist`];
  return artifacts.flatMap((a) => {
    const problems: string[] = [];
    const named = a.name.endsWith('.whl') ? a.name.split('-')[1] : /-([^-]+)\.tar\.gz$/.exec(a.name)?.[1];
    if (named !== version) problems.push(`${a.name}: the file name says ${named ?? 'no version'}, expected ${version}`);
    if (a.error) problems.push(`${a.name}: cannot be read (${a.error})`);
    else if (a.version !== version) problems.push(`${a.name}: its metadata says Version: ${a.version ?? '(none)'}, expected ${version}`);
    return problems;
  });
}

/** The unconditional Requires-Dist entries (extras aside): what `pip install` needs an index for. */
export const unconditionalRequirements = (metadata: ArtifactMetadata | undefined) => (metadata?.requiresDist ?? []).filter((r) => !/extra\s*==/.test(r));
