// JSON.parse keeps the last of two equal keys without a word; a configuration must not mean two things.

/** The first key that appears twice in one object of a valid JSON text: its dotted path and offset. */
export function firstDuplicateKey(text: string): { path: string; offset: number } | undefined {
  // One frame per open object or array; an object frame remembers its keys and which one is current.
  const stack: { keys?: Set<string>; current?: string }[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      const start = i;
      for (i++; text[i] !== '"'; i++) if (text[i] === '\\') i++;
      const top = stack[stack.length - 1];
      if (expectKey && top?.keys) {
        const name = JSON.parse(text.slice(start, i + 1)) as string;
        if (top.keys.has(name)) return { path: [...stack.flatMap((f) => (f.current === undefined || f === top ? [] : [f.current])), name].join('.'), offset: start };
        top.keys.add(name);
        top.current = name;
        expectKey = false;
      }
    } else if (c === '{') {
      stack.push({ keys: new Set() });
      expectKey = true;
    } else if (c === '[') stack.push({});
    else if (c === '}' || c === ']') stack.pop();
    else if (c === ',') expectKey = stack[stack.length - 1]?.keys !== undefined;
  }
  return undefined;
}
