// Changelogs (keep-a-changelog, towncrier): the Markdown headings that name a version or "Unreleased",
// and the edit that turns "Unreleased" into the released version with its date. Pure.

export interface Heading {
  /** Offset of the heading's text (after the #s) and its end. */
  start: number;
  end: number;
  text: string;
  line: number;
}

export function markdownHeadings(text: string): Heading[] {
  const out: Heading[] = [];
  let line = 0;
  let fenced = false;
  for (const m of text.matchAll(/^(.*)$/gm)) {
    line++;
    const raw = m[1]!.replace(/\r$/, '');
    if (/^\s*(```|~~~)/.test(raw)) fenced = !fenced;
    const h = fenced ? null : /^(#{1,6})[ \t]+(.*?)[ \t#]*$/.exec(raw);
    if (h) {
      const start = m.index! + raw.indexOf(h[2]!, h[1]!.length);
      out.push({ start, end: start + h[2]!.length, text: h[2]!, line });
    }
  }
  return out;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The heading for `version` ("[1.2.0] - 2024-01-01", "v1.2.0", "demo 1.2.0 (2024-01-01)"), if any. */
export function versionHeading(headings: Heading[], version: string): Heading | undefined {
  const re = new RegExp(`(^|[\\s\\[(])v?${escapeRegExp(version)}($|[\\s\\])])`);
  return headings.find((h) => re.test(h.text));
}

export function unreleasedHeading(headings: Heading[]): Heading | undefined {
  return headings.find((h) => /(^|[\s[])unreleased($|[\s\]])/i.test(h.text));
}

/** "YYYY-MM-DD" style formats: YYYY, MM and DD replaced; an empty format means no date. */
export function formatDate(format: string, date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return format
    .replace('YYYY', String(date.getUTCFullYear()))
    .replace('MM', pad(date.getUTCMonth() + 1))
    .replace('DD', pad(date.getUTCDate()));
}

/** The release date: SOURCE_DATE_EPOCH when set (reproducible builds), else now. */
export function releaseDate(env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = Number(env.SOURCE_DATE_EPOCH);
  return env.SOURCE_DATE_EPOCH && Number.isFinite(epoch) ? new Date(epoch * 1000) : new Date();
}

/** The new text of an "Unreleased" heading: "[Unreleased]" → "[1.3.0] - 2026-11-25". */
export function releasedHeading(heading: Heading, version: string, date: string): string {
  const named = heading.text.replace(/unreleased/i, version);
  return date ? `${named} - ${date}` : named;
}
