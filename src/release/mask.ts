// Secrets never reach the screen: everything the tool or its children print passes through here,
// masked over the whole stream (a secret split across chunks, or wrapped over lines by a child).

const MASK = '****';

/** The values to hide: credential variables, a repository URL's password, and every password in ~/.pypirc. */
export function secretsFrom(values: string[], pypirc?: string): string[] {
  const found = [...values, ...pypircPasswords(pypirc ?? '')];
  // A multi-line secret is also hidden line by line, however a child prints it.
  const parts = found.flatMap((s) => (s.includes('\n') ? [s, ...s.split(/\r?\n/).map((l) => l.trim())] : [s]));
  return [...new Set(parts.filter((s) => s.length > 0))].sort((a, b) => b.length - a.length);
}

/** `password` keys of an ini file, any case, with continuation lines (indented) as part of the value. */
export function pypircPasswords(text: string): string[] {
  const found: string[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*password\s*[:=]\s*(.*?)\s*$/i.exec(lines[i]!);
    if (!m) continue;
    const value = [m[1]!];
    while (i + 1 < lines.length && /^[ \t]+\S/.test(lines[i + 1]!)) value.push(lines[++i]!.trim());
    found.push(value.filter(Boolean).join('\n'));
  }
  return found;
}

/** A secret as a pattern that also matches it wrapped: a line break (and indentation) between any two characters. */
function wrapped(secret: string): string {
  return [...secret].map((c) => (c === '\n' ? '\\s*' : c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'))).join('(?:\\r?\\n[ \\t]*)?');
}

function matcher(secrets: string[]): RegExp | undefined {
  return secrets.length ? new RegExp(secrets.map(wrapped).join('|'), 'g') : undefined;
}

const URL_USERINFO = /(\/\/[^/\s:@]+:)[^/\s@]+@/g;

export function maskText(text: string, secrets: string[]): string {
  const re = matcher(secrets);
  const out = re ? text.replace(re, MASK) : text;
  return out.replace(URL_USERINFO, `$1${MASK}@`);
}

/**
 * A writer that masks a stream: it holds back only a tail that could still be the start of a
 * secret (possibly wrapped), and writes everything before it masked at once; end() flushes.
 */
export function maskedStream(write: (s: string) => void, secrets: string[]): { push(chunk: string): void; end(): void } {
  let pending = '';
  const flush = (all: boolean) => {
    let cut = all ? pending.length : partialStart(pending, secrets);
    // Never cut through a whole secret: it is masked at once.
    const re = matcher(secrets);
    if (re && !all) for (const m of pending.matchAll(re)) if (m.index! < cut && m.index! + m[0].length > cut) cut = m.index!;
    if (cut <= 0) return;
    write(maskText(pending.slice(0, cut), secrets));
    pending = pending.slice(cut);
  };
  return {
    push(chunk) {
      pending += chunk;
      flush(false);
    },
    end() {
      flush(true);
    },
  };
}

/** Where the text's end could begin a secret not yet complete (a line break and indentation may sit inside it); else its length. */
function partialStart(text: string, secrets: string[]): number {
  const firsts = new Set(secrets.map((s) => s[0]));
  const longest = secrets[0]?.length ?? 0;
  // A wrapped secret is longer on screen than itself: room for a line break and indentation per 16 characters.
  const from = Math.max(0, text.length - longest * 3 - 16);
  for (let p = from; p < text.length; p++) {
    if (!firsts.has(text[p])) continue;
    const tail = text.slice(p).replace(/\r?\n[ \t]*/g, '');
    if (secrets.some((s) => s.length > tail.length && s.startsWith(tail))) return p;
  }
  return text.length;
}
