// Python's statements with where each runs: at import in the module's namespace (straight through,
// or in a loop, with or match block), in a def or class body, or never (`if TYPE_CHECKING:`).
import { isOp, isWord, topLevel, type Line, type Token } from './tokens.js';

// These bodies run once, at module level; the other compound statements open a scope or a loop.
const TRANSPARENT = new Set(['if', 'elif', 'else', 'try', 'except', 'finally']);
const SCOPES = new Set(['def', 'class']);
const COMPOUND = new Set([...TRANSPARENT, ...SCOPES, 'for', 'while', 'with', 'async']);
const SOFT_COMPOUND = new Set(['match', 'case']);

type Block = 'transparent' | 'conditional' | 'scope' | 'never';

export interface Statement {
  /** A simple statement, or a compound statement's header up to its colon (the keyword is its first token). */
  tokens: Token[];
  header?: string;
  /** In the module's namespace (not in a def or class body, not under `if TYPE_CHECKING:`). */
  module: boolean;
  /** Module level, run once in order: outside blocks or only inside if/try ones. */
  straight: boolean;
  /** Inside a def or class body (where `global` reaches the module). */
  nested: boolean;
}

/** The keyword of the block a line opens and the index of its colon, if it opens one. */
function blockOf(tokens: Token[]): { keyword: string; colon: number } | undefined {
  const [first, second] = tokens;
  if (first?.kind !== 'name') return undefined;
  // `match` and `case` are keywords only where they open a block: not in `match = re.match(...)`.
  const soft = SOFT_COMPOUND.has(first.text) && isOp(tokens.at(-1), ':') && second !== undefined && (second.kind !== 'op' || '([{-~*'.includes(second.text));
  if (!COMPOUND.has(first.text) && !soft) return undefined;
  const colon = topLevel(tokens, ':')[0];
  if (colon === undefined) return undefined;
  const keyword = first.text === 'async' && second?.kind === 'name' ? second.text : first.text;
  return { keyword, colon };
}

function blockKind(keyword: string, header: Token[]): Block {
  if (SCOPES.has(keyword)) return 'scope';
  if (!TRANSPARENT.has(keyword)) return 'conditional';
  // `if TYPE_CHECKING:` runs only for type checkers, never at runtime.
  const condition = header
    .slice(1)
    .map((t) => t.text)
    .join('');
  return isWord(header[0], 'if') && (condition === 'TYPE_CHECKING' || condition === 'typing.TYPE_CHECKING') ? 'never' : 'transparent';
}

/** Every statement of the file in order, block headers included, each with where it runs. */
export function statements(lines: Line[]): Statement[] {
  const out: Statement[] = [];
  const blocks: { indent: number; kind: Block }[] = [];
  // How many open blocks are of each kind, so that each line costs the same however deep it is.
  const open: Record<Block, number> = { transparent: 0, conditional: 0, scope: 0, never: 0 };
  const emit = (tokens: Token[], header?: string) => {
    const module = open.scope === 0 && open.never === 0;
    out.push({ tokens, header, module, straight: module && open.conditional === 0, nested: open.scope > 0 && open.never === 0 });
  };
  const simple = (tokens: Token[], from: number) => {
    if (from === 0 && !tokens.some((t) => t.kind === 'op' && t.text === ';')) return emit(tokens);
    for (const semicolon of [...topLevel(tokens, ';', from), tokens.length]) {
      if (semicolon > from) emit(tokens.slice(from, semicolon));
      from = semicolon + 1;
    }
  };
  for (const { indent, tokens } of lines) {
    while (blocks.length && blocks.at(-1)!.indent >= indent) open[blocks.pop()!.kind]--;
    const block = blockOf(tokens);
    if (!block) {
      simple(tokens, 0);
      continue;
    }
    const header = tokens.slice(0, block.colon);
    emit(header, block.keyword);
    const kind = blockKind(block.keyword, header);
    blocks.push({ indent, kind });
    open[kind]++;
    // A one-line compound statement (`if x: VERSION = "1"`) carries its body after the colon.
    simple(tokens, block.colon + 1);
  }
  return out;
}
