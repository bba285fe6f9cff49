// Loose objects read without git: zlib over objects/xx/yyyy. An object kept in a pack is not read
// here (undefined), and the caller asks git.
import path from 'node:path';
import { readRegular } from './workspace.js';

export interface LooseObject {
  type: string;
  body: Buffer;
}

/** The object, or undefined when it is not a loose object this reader can read plainly. */
export async function readLooseObject(common: string, oid: string): Promise<LooseObject | undefined> {
  let raw: Buffer;
  try {
    const read = readRegular(path.join(common, 'objects', oid.slice(0, 2), oid.slice(2)));
    if (!('bytes' in read)) return undefined;
    raw = read.bytes;
  } catch {
    return undefined; // in a pack: git knows
  }
  // Loaded only here: most checks never read an object.
  const { inflateSync } = await import('node:zlib');
  let inflated: Buffer;
  try {
    inflated = inflateSync(raw);
  } catch {
    return undefined;
  }
  const nul = inflated.indexOf(0);
  const header = /^(\w+) (\d+)$/.exec(inflated.toString('latin1', 0, nul === -1 ? 0 : nul));
  if (!header || Number(header[2]) !== inflated.length - nul - 1) return undefined;
  return { type: header[1]!, body: inflated.subarray(nul + 1) };
}
