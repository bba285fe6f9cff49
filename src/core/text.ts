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
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, at));
    const pos = lineIndex(before)(before.length);
    return { error: `not valid UTF-8 (byte 0x${bytes[at]!.toString(16).padStart(2, '0')} at offset ${at})`, ...pos };
  }
}

function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (len === 0) return i;
    try {
      decoder.decode(bytes.subarray(i, i + len));
    } catch {
      return i;
    }
    i += len;
  }
  return bytes.length - 1;
}
