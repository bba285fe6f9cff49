// Whether an object's content is what its name says. git reads objects without checking that, so a
// repository could hand a read command other content under a staged file's name.
import { sha1Hex } from './sha1.js';

/** True when `type size\0body` hashes to `oid` (SHA-1, or SHA-256 by its length); false for any other name. */
export async function hashesTo(type: string, body: Uint8Array, oid: string): Promise<boolean> {
  const header = Buffer.from(`${type} ${body.length}\0`, 'latin1');
  if (/^[0-9a-f]{40}$/.test(oid)) return sha1Hex(header, body) === oid;
  if (!/^[0-9a-f]{64}$/.test(oid)) return false;
  // Only a SHA-256 repository gets here, and only after starting git: node:crypto costs nothing beside it.
  const { createHash } = await import('node:crypto');
  return createHash('sha256').update(header).update(body).digest('hex') === oid;
}
