// What the built artifacts say their version is: from the file names and from the metadata inside
// (a wheel's *.dist-info/METADATA, an sdist's PKG-INFO). Reads zip and tar.gz without dependencies.
import { gunzipSync, inflateRawSync } from 'node:zlib';

export interface Artifact {
  name: string;
  bytes: Buffer;
}

/** Problems with the artifacts, in words; empty when every artifact carries exactly `version`. */
export function artifactProblems(artifacts: Artifact[], version: string): string[] {
  const dists = artifacts.filter((a) => a.name.endsWith('.whl') || a.name.endsWith('.tar.gz'));
  if (dists.length === 0) return ['dist/ holds no wheel or sdist'];
  return dists.flatMap((a) => {
    const problems: string[] = [];
    const named = a.name.endsWith('.whl') ? a.name.split('-')[1] : /-([^-]+)\.tar\.gz$/.exec(a.name)?.[1];
    if (named !== version) problems.push(`${a.name}: the file name says ${named ?? 'no version'}, expected ${version}`);
    let metadata: string | undefined;
    try {
      metadata = a.name.endsWith('.whl') ? wheelMetadata(a.bytes) : sdistMetadata(a.bytes);
    } catch (e) {
      problems.push(`${a.name}: cannot be read (${(e as Error).message})`);
      return problems;
    }
    const stated = metadata && /^Version:[ \t]*(\S+)/m.exec(metadata)?.[1];
    if (stated !== version) problems.push(`${a.name}: its metadata says Version: ${stated ?? '(none)'}, expected ${version}`);
    return problems;
  });
}

/** The text of *.dist-info/METADATA in a wheel (a zip), found through the central directory. */
export function wheelMetadata(zip: Buffer): string | undefined {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip file');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('broken zip central directory');
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extra;
    if (!/^[^/]+\.dist-info\/METADATA$/.test(name)) continue;
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
  }
  return undefined;
}

/** The text of the top-level PKG-INFO in an sdist (a gzipped tar). */
export function sdistMetadata(tgz: Buffer): string | undefined {
  const tar = gunzipSync(tgz);
  let longName: string | undefined;
  for (let at = 0; at + 512 <= tar.length; ) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const field = (from: number, len: number) => header.toString('utf8', from, from + len).replace(/\0.*$/s, '');
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1);
    const prefix = field(345, 155);
    const name = longName ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100));
    const body = tar.subarray(at + 512, at + 512 + size);
    longName = undefined;
    if (type === 'L') longName = body.toString('utf8').replace(/\0.*$/s, '');
    else if (type === 'x') longName = /\d+ path=([^\n]*)\n/.exec(body.toString('utf8'))?.[1];
    else if (/^[^/]+\/PKG-INFO$/.test(name)) return body.toString('utf8');
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return undefined;
}
