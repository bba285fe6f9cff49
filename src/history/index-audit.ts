// The releases against what a package index serves (PEP 691 JSON, else the PEP 503 simple page):
// versions served with no tag, tags not served, yanked files. Versions are compared after PEP 440
// normalization on both sides. The only network the audit does, and only when asked.
import { UserError } from '../core/errors.js';
import { auditFinding, type AuditRelease, type SequenceFinding } from '../core/audit-result.js';
import { normalizeDistribution } from '../core/names.js';
import { canonical } from '../version/scheme.js';
import { loadScheme } from '../version/schemes.js';

export interface IndexFile {
  filename: string;
  /** false, or the reason given (true when none is). */
  yanked: boolean | string;
}

const ACCEPT = 'application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.1';
const LIMIT = 64 << 20;

/** The URL without its credentials, to be said in a message. */
export const shownUrl = (url: string) => url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1');

export async function fetchIndexFiles(indexUrl: string, distribution: string): Promise<{ url: string; files: IndexFile[] }> {
  let base: URL;
  try {
    base = new URL(indexUrl.endsWith('/') ? indexUrl : `${indexUrl}/`);
  } catch {
    throw new UserError(`--index-url: "${shownUrl(indexUrl)}" is not a URL`);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new UserError(`--index-url: "${shownUrl(indexUrl)}" is not an http(s) URL`);
  // Credentials in the URL go in a header (fetch refuses a URL that holds them), and never into a message.
  const user = decodeURIComponent(base.username);
  const password = decodeURIComponent(base.password);
  base.username = '';
  base.password = '';
  const headers: Record<string, string> = { accept: ACCEPT };
  if (user || password) headers.authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  const page = new URL(`${encodeURIComponent(normalizeDistribution(distribution))}/`, base);
  const shown = shownUrl(page.href);
  let res: Response;
  try {
    res = await fetch(page, { headers, redirect: 'follow' });
  } catch (e) {
    throw new UserError(`--index-url: ${shown} could not be reached: ${(e as Error).cause ?? (e as Error).message}`, 1);
  }
  if (res.status === 404) return { url: shown, files: [] };
  if (!res.ok) throw new UserError(`--index-url: ${shown} answered ${res.status} ${res.statusText}`, 1);
  const body = await res.text();
  if (body.length > LIMIT) throw new UserError(`--index-url: ${shown} answered more than ${LIMIT >> 20} MB`, 1);
  const type = res.headers.get('content-type') ?? '';
  return { url: shown, files: type.includes('json') ? jsonFiles(body, shown) : htmlFiles(body) };
}

/** PEP 691: {"files": [{"filename": …, "yanked": false | true | "reason"}]}. */
export function jsonFiles(body: string, shown: string): IndexFile[] {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    throw new UserError(`--index-url: ${shown} answered JSON that does not parse`, 1);
  }
  const files = (data as { files?: unknown }).files;
  if (!Array.isArray(files)) return [];
  return files.flatMap((f) =>
    f && typeof f.filename === 'string' ? [{ filename: f.filename, yanked: typeof f.yanked === 'string' ? f.yanked || true : f.yanked === true }] : [],
  );
}

/** PEP 503 (and PEP 592's data-yanked): each anchor's text is a file name. */
export function htmlFiles(body: string): IndexFile[] {
  const files: IndexFile[] = [];
  for (const m of body.matchAll(/<a\b([^>]*)>([^<]*)<\/a>/gi)) {
    const yanked = /\bdata-yanked(?:\s*=\s*(?:"([^"]*)"|'([^']*)'))?/i.exec(m[1]!);
    files.push({ filename: unescapeHtml(m[2]!.trim()), yanked: yanked ? unescapeHtml(yanked[1] ?? yanked[2] ?? '') || true : false });
  }
  return files;
}

const unescapeHtml = (s: string) =>
  s.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" })[e] ?? '');

/** The version in a wheel's or an sdist's name. */
export function versionOfFile(filename: string, distribution: string): string | undefined {
  if (filename.endsWith('.whl')) return filename.split('-')[1];
  const stem = filename.replace(/\.(tar\.gz|tar\.bz2|tar\.xz|zip|tgz|tar|egg)$/i, '');
  const name = distribution
    .split(/[-_.]+/)
    .map((p) => p.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&'))
    .join('[-_.]+');
  return new RegExp(`^${name}-(.+)$`, 'i').exec(stem)?.[1];
}

export async function auditIndex(indexUrl: string, distribution: string, releases: AuditRelease[]) {
  const pep440 = await loadScheme('pep440');
  // PEP 440 equality: 1.1 ≡ 1.1.0 (trailing zeros do not count), spellings normalized.
  const norm = (v: string) => {
    const meaning = pep440.parse(v);
    if (!meaning) return v;
    const release = [...meaning.release];
    while (release.length > 1 && release.at(-1) === 0) release.pop();
    const spelled = pep440.spell({ ...meaning, release });
    return 'version' in spelled ? spelled.version : v;
  };
  const { url, files } = await fetchIndexFiles(indexUrl, distribution);
  const served = new Map<string, { version: string; files: IndexFile[] }>();
  for (const file of files) {
    const version = versionOfFile(file.filename, distribution);
    if (!version) continue;
    const key = norm(version);
    const entry = served.get(key) ?? { version: canonical(pep440, version) ?? version, files: [] };
    entry.files.push(file);
    served.set(key, entry);
  }
  const tagged = new Map<string, AuditRelease>();
  for (const r of releases) if (r.tag !== null) tagged.set(norm(r.version), r);
  const findings: SequenceFinding[] = [];
  for (const [key, entry] of served) {
    const release = tagged.get(key);
    if (!release) findings.push({ ...auditFinding('served-untagged', { version: entry.version }), version: entry.version, inRange: true });
    for (const file of entry.files.filter((f) => f.yanked))
      findings.push({
        ...auditFinding('yanked', { file: file.filename, version: entry.version, reason: typeof file.yanked === 'string' ? `: ${file.yanked}` : '' }),
        version: entry.version,
        inRange: release?.inRange ?? true,
        ...(release ? { release: release.id } : {}),
      });
  }
  for (const [key, release] of tagged)
    if (!served.has(key))
      findings.push({
        ...auditFinding('tag-not-served', { tag: release.tag!, version: release.version }),
        release: release.id,
        version: release.version,
        inRange: release.inRange,
      });
  return { url, versions: [...served.values()].map((e) => e.version), findings };
}
