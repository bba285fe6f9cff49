// The PEP 440 normal form Python's build tools give a SemVer version (0.3.0-rc.1 → 0.3.0rc1),
// so the artifacts' names and metadata can be compared with the version heimdall-version knows.

const PRE: Record<string, string> = { a: 'a', alpha: 'a', b: 'b', beta: 'b', c: 'rc', rc: 'rc', pre: 'rc', preview: 'rc' };

/** The normalized PEP 440 form, or undefined when the SemVer prerelease has no PEP 440 meaning. */
export function toPep440(version: string): string | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+([0-9A-Za-z.-]+))?$/.exec(version);
  if (!m) return undefined;
  let out = `${Number(m[1])}.${Number(m[2])}.${Number(m[3])}`;
  if (m[4] !== undefined) {
    const pre = /^(?:(a|alpha|b|beta|c|rc|pre|preview)|(post|rev|r)|(dev))[.-]?(\d*)$/i.exec(m[4]);
    if (!pre) return undefined;
    const n = pre[4] === '' ? '0' : String(Number(pre[4]));
    if (pre[1]) out += `${PRE[pre[1].toLowerCase()]}${n}`;
    else if (pre[2]) out += `.post${n}`;
    else out += `.dev${n}`;
  }
  if (m[5] !== undefined) out += `+${m[5].toLowerCase().replace(/[-_]/g, '.')}`;
  return out;
}
