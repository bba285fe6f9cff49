// Loose objects read without git (zlib over objects/xx/yyyy), in a repository that may be hostile.
// An object is read only when it is plainly what its name says: a regular file reached through no
// symbolic link below the git directory, of bounded size, with a well-formed header, whose content
// hashes to its name (SHA-1). Anything else is left to git (undefined), except content that does
// not hash to its name: git would read that without a word, so it is reported.
import { lstatSync } from 'node:fs';
import path from 'node:path';
import { inflatePlain } from './inflate.js';
import { sha1Hex } from './sha1.js';
import { readRegular } from './workspace.js';

export interface LooseObject {
  type: string;
  body: Buffer;
}

/** The largest object read here; a larger one (no version source is that large) is left to git. */
export const MAX_LOOSE_OBJECT = 32 << 20;
// "commit 33554432\0" and a little room: a longer header is no header git writes.
const MAX_HEADER = 32;
const HEADER = /^(blob|tree|commit|tag) (0|[1-9]\d{0,9})$/;
// Larger objects (and larger contents) go to node:zlib: the plain inflater takes some 50 ns a byte, zlib a tenth of that.
const PLAIN_INFLATE_MAX = 256 << 10;

/** The object; 'corrupt' when its content does not hash to its name; undefined when git must say (packed, or not plainly readable). */
export async function readLooseObject(common: string, oid: string): Promise<LooseObject | 'corrupt' | undefined> {
  if (!/^[0-9a-f]{40}$/.test(oid)) return undefined;
  const objects = path.join(common, 'objects');
  const dir = path.join(objects, oid.slice(0, 2));
  // lstat: a link is no directory, so a link anywhere below the git directory is never followed.
  if (!isDirectory(objects) || !isDirectory(dir)) return undefined;
  let raw: Buffer;
  try {
    const read = readRegular(path.join(dir, oid.slice(2)), MAX_LOOSE_OBJECT);
    if (!('bytes' in read)) return undefined;
    raw = read.bytes;
  } catch {
    return undefined; // in a pack (or a link: O_NOFOLLOW): git knows
  }
  let mismatch = false;
  // Plain code first; node:zlib (which loads Node's streams) only when that cannot read it, and before
  // content is called corrupt, so that an inflater's fault could never be reported as the repository's.
  for (const inflate of raw.length > PLAIN_INFLATE_MAX ? [inflateWithZlib] : [inflateSmall, inflateWithZlib]) {
    const inflated = await inflate(raw, MAX_LOOSE_OBJECT + MAX_HEADER);
    if (!inflated) continue;
    const nul = inflated.subarray(0, MAX_HEADER).indexOf(0);
    const header = nul === -1 ? null : HEADER.exec(Buffer.from(inflated.buffer, inflated.byteOffset, nul).toString('latin1'));
    if (!header || Number(header[2]) !== inflated.length - nul - 1) continue;
    if (sha1Hex(inflated) === oid) return { type: header[1]!, body: Buffer.from(inflated.buffer, inflated.byteOffset + nul + 1, inflated.length - nul - 1) };
    mismatch = true;
  }
  return mismatch ? 'corrupt' : undefined;
}

/** The plain inflater, for what inflates to a few megabytes at most (zlib takes over beyond). */
const inflateSmall = (raw: Uint8Array, maxOutput: number) => inflatePlain(raw, Math.min(maxOutput, PLAIN_INFLATE_MAX * 16));

/** node:zlib's inflate, bounded (a small file can inflate to gigabytes); undefined when it fails. */
async function inflateWithZlib(raw: Uint8Array, maxOutputLength: number): Promise<Uint8Array | undefined> {
  const { inflateSync } = await import('node:zlib');
  try {
    return inflateSync(raw, { maxOutputLength });
  } catch {
    return undefined;
  }
}

function isDirectory(dir: string): boolean {
  try {
    return lstatSync(dir).isDirectory();
  } catch {
    return false;
  }
}
