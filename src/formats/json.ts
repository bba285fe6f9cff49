// The one JSON reader: jsonc-parser's scanner reads the tokens (strings, escapes, numbers, offsets); a
// loop with its own stack checks the structure as JSON.parse does, so no nesting depth can overflow.
import { createScanner } from 'jsonc-parser/lib/esm/impl/scanner.js';

// jsonc-parser's token and scan error numbers (its const enums, which compilers inline as these values).
const SyntaxKind = {
  OpenBraceToken: 1,
  CloseBraceToken: 2,
  OpenBracketToken: 3,
  CloseBracketToken: 4,
  CommaToken: 5,
  ColonToken: 6,
  NullKeyword: 7,
  TrueKeyword: 8,
  FalseKeyword: 9,
  StringLiteral: 10,
  NumericLiteral: 11,
  LineCommentTrivia: 12,
  BlockCommentTrivia: 13,
  LineBreakTrivia: 14,
  Trivia: 15,
  Unknown: 16,
  EOF: 17,
} as const;

export type JsonPath = readonly (string | number)[];

/** Why a JSON text is malformed: a stable code (jsonc-parser's names), words, and the offset of the token at fault. */
export interface JsonSyntaxError {
  code: JsonErrorCode;
  message: string;
  offset: number;
}

export type JsonErrorCode =
  | 'InvalidSymbol'
  | 'InvalidCommentToken'
  | 'UnexpectedEndOfString'
  | 'UnexpectedEndOfNumber'
  | 'InvalidUnicode'
  | 'InvalidEscapeCharacter'
  | 'InvalidCharacter'
  | 'ValueExpected'
  | 'PropertyNameExpected'
  | 'ColonExpected'
  | 'CommaExpected'
  | 'CloseBraceExpected'
  | 'CloseBracketExpected'
  | 'EndOfFileExpected';

export interface JsonVisitor {
  /** A key of the object at `path`; `repeated` when that object already had it. Returning true stops the reading. */
  // biome-ignore lint/suspicious/noConfusingVoidType: a visitor that returns nothing reads on
  key?(name: string, offset: number, path: JsonPath, repeated: boolean): boolean | void;
  /** A complete value at `path`: a scalar, or a container at its closing bracket; `string` is a string's decoded value. `start`/`end` include quotes and brackets. */
  value?(path: JsonPath, start: number, end: number, string?: string): void;
}

/** jsonc-parser's scan errors by number (0 is none). */
const SCAN_ERRORS: (readonly [JsonErrorCode, string] | undefined)[] = [
  undefined,
  ['InvalidCommentToken', 'comments are not allowed in JSON'],
  ['UnexpectedEndOfString', 'unterminated string'],
  ['UnexpectedEndOfNumber', 'a number ends without its digits'],
  ['InvalidUnicode', 'invalid escape in a string: \\u takes four hex digits'],
  ['InvalidEscapeCharacter', 'invalid escape in a string'],
  ['InvalidCharacter', 'control character in a string; escape it'],
];

interface Frame {
  array: boolean;
  start: number;
  /** Keys seen so far (objects only). */
  keys?: Set<string>;
  /** The path segment of the value being read inside it. */
  at: string | number;
}

/** Inside a string the scanner names only the string: the offset of the escape or control character at fault in it. */
function faultIn(text: string, offset: number, length: number, code: JsonErrorCode): number {
  if (code !== 'InvalidEscapeCharacter' && code !== 'InvalidUnicode' && code !== 'InvalidCharacter') return offset;
  for (let i = offset + 1; i < offset + length; i++) {
    const c = text.charCodeAt(i);
    if (code === 'InvalidCharacter' && c < 0x20) return i;
    if (c !== 0x5c) continue;
    const e = text[i + 1] ?? '';
    const bad = e === 'u' ? !/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)) : e === '' || !'"\\/bfnrt'.includes(e);
    if (bad && code !== 'InvalidCharacter') return i;
    i++;
  }
  return offset;
}

class Stop {
  constructor(readonly error?: JsonSyntaxError) {}
}

/** Reads a JSON text (a leading BOM is skipped), telling `visitor` what it meets; returns the first syntax error, if any. */
export function visitJson(text: string, visitor: JsonVisitor = {}): JsonSyntaxError | undefined {
  const scanner = createScanner(text, false);
  if (text.charCodeAt(0) === 0xfeff) scanner.setPosition(1);
  const stack: Frame[] = [];
  const path: (string | number)[] = [];
  let token: number = SyntaxKind.Unknown;
  const fail = (code: JsonErrorCode, message: string, offset = scanner.getTokenOffset()): never => {
    throw new Stop({ code, message, offset });
  };
  const found = () => {
    if (token === SyntaxKind.EOF) return 'found the end of the text';
    return `found ${JSON.stringify(text.slice(scanner.getTokenOffset(), scanner.getTokenOffset() + Math.min(scanner.getTokenLength(), 20)))}`;
  };
  /** The next token that is not white space. */
  const next = (): number => {
    let t: number;
    do t = scanner.scan();
    while (t === SyntaxKind.Trivia || t === SyntaxKind.LineBreakTrivia);
    const scanError = SCAN_ERRORS[scanner.getTokenError()];
    if (scanError) fail(...scanError, faultIn(text, scanner.getTokenOffset(), scanner.getTokenLength(), scanError[0]));
    if (t === SyntaxKind.LineCommentTrivia || t === SyntaxKind.BlockCommentTrivia) fail('InvalidCommentToken', 'comments are not allowed in JSON');
    return t;
  };
  /** Reads the key after `{` or `,` and its colon. */
  const key = (frame: Frame) => {
    if (token !== SyntaxKind.StringLiteral) fail('PropertyNameExpected', `expected a key in double quotes, ${found()}`);
    const name = scanner.getTokenValue();
    const offset = scanner.getTokenOffset();
    const repeated = frame.keys!.has(name);
    frame.keys!.add(name);
    frame.at = name;
    if (visitor.key?.(name, offset, path, repeated)) throw new Stop();
    path.push(name);
    token = next();
    if (token !== SyntaxKind.ColonToken) fail('ColonExpected', `expected ":" after a key, ${found()}`);
    token = next();
  };
  try {
    token = next();
    for (;;) {
      // A value starts here.
      const start = scanner.getTokenOffset();
      if (token === SyntaxKind.OpenBraceToken || token === SyntaxKind.OpenBracketToken) {
        const frame: Frame = { array: token === SyntaxKind.OpenBracketToken, start, at: 0 };
        if (!frame.array) frame.keys = new Set();
        stack.push(frame);
        token = next();
        if (token !== (frame.array ? SyntaxKind.CloseBracketToken : SyntaxKind.CloseBraceToken)) {
          if (frame.array) path.push(0);
          else key(frame);
          continue;
        }
        stack.pop();
        visitor.value?.(path, start, scanner.getTokenOffset() + 1);
      } else if (token === SyntaxKind.StringLiteral) {
        visitor.value?.(path, start, start + scanner.getTokenLength(), scanner.getTokenValue());
      } else if (
        token === SyntaxKind.NumericLiteral ||
        token === SyntaxKind.TrueKeyword ||
        token === SyntaxKind.FalseKeyword ||
        token === SyntaxKind.NullKeyword
      ) {
        visitor.value?.(path, start, start + scanner.getTokenLength());
      } else if (token === SyntaxKind.Unknown) fail('InvalidSymbol', `expected a value, ${found()}`);
      else fail('ValueExpected', `expected a value, ${found()}`);
      // After a value: a comma leads to the next one; closing brackets end their containers.
      for (;;) {
        token = next();
        const frame = stack.at(-1);
        if (!frame) {
          if (token !== SyntaxKind.EOF)
            fail(token === SyntaxKind.Unknown ? 'InvalidSymbol' : 'EndOfFileExpected', `unexpected text after the document, ${found()}`);
          return undefined;
        }
        path.pop();
        if (token === SyntaxKind.CommaToken) {
          token = next();
          if (frame.array) {
            frame.at = (frame.at as number) + 1;
            path.push(frame.at);
          } else key(frame);
          break;
        }
        const close = frame.array ? SyntaxKind.CloseBracketToken : SyntaxKind.CloseBraceToken;
        if (token !== close) {
          const code =
            token === SyntaxKind.Unknown
              ? 'InvalidSymbol'
              : token !== SyntaxKind.EOF
                ? 'CommaExpected'
                : frame.array
                  ? 'CloseBracketExpected'
                  : 'CloseBraceExpected';
          fail(code, `expected "," or "${frame.array ? ']' : '}'}", ${found()}`);
        }
        stack.pop();
        visitor.value?.(path, frame.start, scanner.getTokenOffset() + 1);
      }
    }
  } catch (e) {
    if (e instanceof Stop) return e.error;
    throw e;
  }
}

/** Where and why a JSON text is malformed, or undefined when it is valid. */
export const jsonSyntaxError = (text: string): JsonSyntaxError | undefined => visitJson(text);

/** The first key that appears twice in one object: its dotted path (keys only) and offset. JSON.parse would keep the last without a word. */
export function firstDuplicateKey(text: string): { path: string; offset: number } | undefined {
  let duplicate: { path: string; offset: number } | undefined;
  visitJson(text, {
    key: (name, offset, path, repeated) => {
      if (repeated) duplicate = { path: [...path.filter((p) => typeof p === 'string'), name].join('.'), offset };
      return repeated;
    },
  });
  return duplicate;
}
