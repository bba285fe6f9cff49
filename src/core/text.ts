// Turning offsets into the 1-based line and column a user sees, and bytes into text.

export interface Position {
  line: number;
  column: number;
}

/** Maps offsets to positions; the index is built at the first lookup (most texts asked for one have none), then each is a binary search. */
export function lineIndex(text: string): (offset: number) => Position {
  let starts: number[] | undefined;
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  return (offset) => {
    if (!starts) {
      starts = [0];
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    const column = offset - starts[lo]! + 1 - (lo === 0 && offset > 0 ? bom : 0);
    return { line: lo + 1, column };
  };
}

export type Decoded = { text: string } | { error: string; line: number; column: number };

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** What each buffer decoded to: the readers of one file share its bytes (git/read-once.ts), and so its text. */
const decodedOf = new WeakMap<Uint8Array, Decoded>();

/** Decodes UTF-8 strictly (a BOM stays in the text); on bad bytes says where the first one is. */
export function decodeUtf8(bytes: Uint8Array): Decoded {
  const known = decodedOf.get(bytes);
  if (known) return known;
  const decoded = decodeUncached(bytes);
  decodedOf.set(bytes, decoded);
  return decoded;
}

/** The text of UTF-8 bytes, bad bytes replaced (U+FFFD) rather than refused. */
export function decodeLenient(bytes: Buffer): string {
  const decoded = decodeUtf8(bytes);
  return 'text' in decoded ? decoded.text : bytes.toString('utf8');
}

function decodeUncached(bytes: Uint8Array): Decoded {
  try {
    return { text: decoder.decode(bytes) };
  } catch {
    const at = firstInvalidByte(bytes);
    // Valid, yet refused: longer than the longest string V8 makes.
    if (at === -1) return { error: `too large to read as text (${bytes.length} bytes)`, line: 1, column: 1 };
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, at));
    const pos = lineIndex(before)(before.length);
    return { error: `not valid UTF-8 (byte 0x${bytes[at]!.toString(16).padStart(2, '0')} at offset ${at})`, ...pos };
  }
}

/** Where the first byte is that starts no valid UTF-8 sequence (overlong, surrogate and beyond-U+10FFFF forms included); -1 when none does. One pass over the bytes. */
function firstInvalidByte(bytes: Uint8Array): number {
  const cont = (i: number, lo = 0x80, hi = 0xbf) => i < bytes.length && bytes[i]! >= lo && bytes[i]! <= hi;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    if (b < 0x80) i++;
    else if (b >= 0xc2 && b <= 0xdf && cont(i + 1)) i += 2;
    else if (b >= 0xe0 && b <= 0xef && cont(i + 1, b === 0xe0 ? 0xa0 : 0x80, b === 0xed ? 0x9f : 0xbf) && cont(i + 2)) i += 3;
    else if (b >= 0xf0 && b <= 0xf4 && cont(i + 1, b === 0xf0 ? 0x90 : 0x80, b === 0xf4 ? 0x8f : 0xbf) && cont(i + 2) && cont(i + 3)) i += 4;
    else return i;
  }
  return -1;
}
