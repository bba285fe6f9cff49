// Text from a file quoted in a message is cut short: a hostile file must not be echoed back whole.

/** `text` as quoted in a message: at most `max` characters (whole code points), "…" where it was cut. */
export function excerpt(text: string, max = 40): string {
  if (text.length <= max) return text;
  return `${Array.from(text.slice(0, max * 2))
    .slice(0, max)
    .join('')}…`;
}
