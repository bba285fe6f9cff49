// Secrets never reach the screen: every line the tool or its children print passes through here.

/** The values to hide: twine's password and any password in ~/.pypirc. */
export function secretsFrom(env: NodeJS.ProcessEnv, pypirc?: string): string[] {
  const found = [env.TWINE_PASSWORD ?? ''];
  for (const m of (pypirc ?? '').matchAll(/^\s*password\s*[:=]\s*(.+?)\s*$/gm)) found.push(m[1]!);
  return [...new Set(found.filter((s) => s.length >= 4))].sort((a, b) => b.length - a.length);
}

export function maskText(text: string, secrets: string[]): string {
  let out = text.replace(/(\/\/[^/\s:@]+:)[^/\s@]+@/g, '$1****@');
  for (const secret of secrets) out = out.split(secret).join('****');
  return out;
}

/** A writer that masks whole lines, holding back a partial line until it ends or the stream closes. */
export function maskedLines(write: (s: string) => void, secrets: string[]): { push(chunk: string): void; end(): void } {
  let pending = '';
  return {
    push(chunk) {
      pending += chunk;
      const cut = Math.max(pending.lastIndexOf('\n'), pending.lastIndexOf('\r')) + 1;
      if (cut > 0) {
        write(maskText(pending.slice(0, cut), secrets));
        pending = pending.slice(cut);
      }
    },
    end() {
      if (pending) write(maskText(pending, secrets));
      pending = '';
    },
  };
}
