// Reading a directory's files by relative path for layout detection and workspace discovery,
// never through a link that leads out of that directory.
import { lstatSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { decodeUtf8 } from '../core/text.js';
import { isInside, readRegular } from '../git/workspace.js';
import type { ReadFile } from './layout.js';

/** Reads root-relative files for layout detection: absent is undefined; present but unusable (a link
 *  out of the root, bad UTF-8) is empty text, so the source is still listed and its reader says why. */
export function rootFileReader(root: string): ReadFile {
  const realRoot = realpathSync(root);
  return (file) => {
    let real: string;
    try {
      real = realpathSync(path.join(realRoot, file));
    } catch {
      return lstatExists(path.join(realRoot, file)) ? '' : undefined;
    }
    if (!isInside(realRoot, real)) return '';
    try {
      const read = readRegular(real);
      const decoded = 'bytes' in read ? decodeUtf8(read.bytes) : { error: read.missing };
      return 'text' in decoded ? decoded.text : '';
    } catch {
      return '';
    }
  };
}

function lstatExists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}
