// Version tags as a project reads them: <prefix><version> in the primary source's scheme, or
// spelled another loaded scheme's way (v0.3.0-rc.1 for a PEP 440 project), ordered in the primary's terms.
import type { VersionScheme } from './scheme.js';

export interface VersionTag {
  name: string;
  /** The tag's version in the primary scheme's spelling, as written when the tag already is one. */
  version: string;
}

export class TagReader {
  /** The other schemes the project has loaded (a SemVer project may not have PEP 440). */
  readonly others: readonly VersionScheme[];

  constructor(
    readonly prefix: string,
    readonly scheme: VersionScheme,
    others: VersionScheme | readonly VersionScheme[] = [],
  ) {
    this.others = (Array.isArray(others) ? others : [others]).filter((o) => o !== scheme);
  }

  /** The version a tag name states, or undefined when it is not a version tag. */
  version(name: string): string | undefined {
    if (!name.startsWith(this.prefix)) return undefined;
    const text = name.slice(this.prefix.length);
    // A version tag's version starts with a digit: "vv1.0" or "v 1.0" are not version tags.
    const first = text.charCodeAt(0);
    if (!(first >= 48 && first <= 57)) return undefined;
    if (this.scheme.valid(text)) return text;
    // Spelled another way: with the three release numbers the schemes share (0.3.0rc1 ≡ 0.3.0-rc.1).
    for (const other of this.others) {
      const meaning = other.parse(text);
      if (meaning?.release.length !== 3) continue;
      const spelled = this.scheme.spell(meaning);
      if ('version' in spelled) return spelled.version;
    }
    return undefined;
  }

  /** Whether the tag name states a version newer than `version` (a valid version of the scheme). */
  isNewer(name: string, version: string): boolean {
    const v = this.version(name);
    return v !== undefined && this.scheme.compare(v, version) > 0;
  }

  /** The newest version tag among tag names, in one pass (there may be thousands). */
  newest(names: string[]): VersionTag | undefined {
    let best: VersionTag | undefined;
    for (const name of names) {
      const version = this.version(name);
      if (version !== undefined && (!best || this.scheme.compare(version, best.version) > 0)) best = { name, version };
    }
    return best;
  }

  /**
   * A regular expression source for the text after the prefix that matches every tag newer than
   * `version` (and may match more: matches are confirmed with isNewer), or undefined when none can be made.
   */
  newerPattern(version: string): string | undefined {
    const patterns = [this.scheme.newerPattern(version)];
    const meaning = this.others.length ? this.scheme.parse(version) : undefined;
    for (const other of this.others) {
      const spelled = meaning && other.spell(meaning);
      if (!spelled || !('version' in spelled)) return undefined;
      patterns.push(other.newerPattern(spelled.version));
    }
    return patterns.length === 1 ? patterns[0] : `(?:${patterns.join('|')})`;
  }
}
