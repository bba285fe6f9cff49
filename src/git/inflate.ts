// zlib's inflate in plain code (RFC 1950/1951, decoded as zlib's own puff.c does), for the few small
// loose objects a staged check reads: node:zlib loads Node's stream machinery, which costs a hook
// more (about 2 ms) than inflating its objects. What it returns is checked against the object's name.

const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

class Malformed extends Error {}

/** A canonical Huffman code: how many codes of each length, and the symbols in code order. */
interface Code {
  counts: Uint16Array;
  symbols: Uint16Array;
}

function canonical(lengths: ArrayLike<number>): Code {
  const counts = new Uint16Array(16);
  for (let i = 0; i < lengths.length; i++) counts[lengths[i]!]!++;
  let left = 1;
  for (let len = 1; len < 16; len++) {
    left = (left << 1) - counts[len]!;
    if (left < 0) throw new Malformed('over-subscribed code');
  }
  const offsets = new Uint16Array(16);
  for (let len = 1; len < 15; len++) offsets[len + 1] = offsets[len]! + counts[len]!;
  const symbols = new Uint16Array(lengths.length);
  for (let symbol = 0; symbol < lengths.length; symbol++) if (lengths[symbol]) symbols[offsets[lengths[symbol]!]!++] = symbol;
  return { counts, symbols };
}

let fixedCodes: { lengths: Code; distances: Code } | undefined;
/** The fixed codes of RFC 1951 3.2.6, made when first needed. */
function fixed(): { lengths: Code; distances: Code } {
  if (fixedCodes) return fixedCodes;
  const lengths = new Uint8Array(288);
  lengths.fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280, 288);
  fixedCodes = { lengths: canonical(lengths), distances: canonical(new Uint8Array(30).fill(5)) };
  return fixedCodes;
}

class Inflater {
  private at = 2;
  private bitBuffer = 0;
  private bitCount = 0;
  private out: Uint8Array;
  private length = 0;

  constructor(
    private readonly input: Uint8Array,
    private readonly maxOutput: number,
  ) {
    this.out = new Uint8Array(Math.min(maxOutput, Math.max(1024, input.length * 4)));
  }

  run(): Uint8Array {
    for (let last = 0; !last; ) {
      last = this.bits(1);
      const type = this.bits(2);
      if (type === 0) this.stored();
      else if (type === 1) this.codes(fixed().lengths, fixed().distances);
      else if (type === 2) this.dynamic();
      else throw new Malformed('invalid block type');
    }
    return this.out.subarray(0, this.length);
  }

  private bits(need: number): number {
    let value = this.bitBuffer;
    while (this.bitCount < need) {
      if (this.at >= this.input.length) throw new Malformed('cut short');
      value |= this.input[this.at++]! << this.bitCount;
      this.bitCount += 8;
    }
    this.bitBuffer = value >>> need;
    this.bitCount -= need;
    return value & ((1 << need) - 1);
  }

  private room(more: number): void {
    const need = this.length + more;
    if (need > this.maxOutput) throw new Malformed('larger than allowed');
    if (need <= this.out.length) return;
    const grown = new Uint8Array(Math.min(this.maxOutput, Math.max(need, this.out.length * 2)));
    grown.set(this.out.subarray(0, this.length));
    this.out = grown;
  }

  private stored(): void {
    this.bitBuffer = 0;
    this.bitCount = 0;
    if (this.at + 4 > this.input.length) throw new Malformed('cut short');
    const len = this.input[this.at]! | (this.input[this.at + 1]! << 8);
    const check = this.input[this.at + 2]! | (this.input[this.at + 3]! << 8);
    if (len !== (~check & 0xffff)) throw new Malformed('stored block length');
    this.at += 4;
    if (this.at + len > this.input.length) throw new Malformed('cut short');
    this.room(len);
    this.out.set(this.input.subarray(this.at, this.at + len), this.length);
    this.length += len;
    this.at += len;
  }

  private decode(code: Code): number {
    let value = 0;
    let first = 0;
    let index = 0;
    for (let len = 1; len < 16; len++) {
      value |= this.bits(1);
      const count = code.counts[len]!;
      if (value - count < first) return code.symbols[index + (value - first)]!;
      index += count;
      first = (first + count) << 1;
      value <<= 1;
    }
    throw new Malformed('no such code');
  }

  private dynamic(): void {
    const literals = this.bits(5) + 257;
    const distances = this.bits(5) + 1;
    const codeLengths = this.bits(4) + 4;
    if (literals > 286 || distances > 30) throw new Malformed('too many codes');
    const order = new Uint8Array(19);
    for (let i = 0; i < codeLengths; i++) order[CODE_LENGTH_ORDER[i]!] = this.bits(3);
    const lengthCode = canonical(order);
    const lengths = new Uint8Array(literals + distances);
    for (let i = 0; i < lengths.length; ) {
      const symbol = this.decode(lengthCode);
      if (symbol < 16) {
        lengths[i++] = symbol;
        continue;
      }
      let value = 0;
      let repeat: number;
      if (symbol === 16) {
        if (i === 0) throw new Malformed('repeat with no previous length');
        value = lengths[i - 1]!;
        repeat = 3 + this.bits(2);
      } else repeat = symbol === 17 ? 3 + this.bits(3) : 11 + this.bits(7);
      if (i + repeat > lengths.length) throw new Malformed('too many lengths');
      lengths.fill(value, i, i + repeat);
      i += repeat;
    }
    if (lengths[256] === 0) throw new Malformed('no end-of-block code');
    this.codes(canonical(lengths.subarray(0, literals)), canonical(lengths.subarray(literals)));
  }

  private codes(lengths: Code, distances: Code): void {
    for (;;) {
      let symbol = this.decode(lengths);
      if (symbol < 256) {
        this.room(1);
        this.out[this.length++] = symbol;
        continue;
      }
      if (symbol === 256) return;
      symbol -= 257;
      if (symbol >= 29) throw new Malformed('invalid length code');
      const len = LENGTH_BASE[symbol]! + this.bits(LENGTH_EXTRA[symbol]!);
      const d = this.decode(distances);
      if (d >= 30) throw new Malformed('invalid distance code');
      const distance = DIST_BASE[d]! + this.bits(DIST_EXTRA[d]!);
      if (distance > this.length) throw new Malformed('distance too far back');
      this.room(len);
      for (let i = 0; i < len; i++, this.length++) this.out[this.length] = this.out[this.length - distance]!;
    }
  }
}

/** The inflated bytes of a zlib stream, or undefined when it is malformed or would inflate to more than maxOutput bytes. */
export function inflatePlain(input: Uint8Array, maxOutput: number): Uint8Array | undefined {
  // The header: deflate, a window git could have written, no preset dictionary, its check bits right.
  if (input.length < 2 || (input[0]! & 0x0f) !== 8 || input[0]! >> 4 > 7 || input[1]! & 0x20 || ((input[0]! << 8) | input[1]!) % 31 !== 0) return undefined;
  try {
    return new Inflater(input, maxOutput).run();
  } catch (e) {
    if (e instanceof Malformed) return undefined;
    throw e;
  }
}
