// Version tags as a project reads them: <prefix><version> in the primary source's scheme, or
// spelled the other scheme's way (v0.3.0-rc.1 for a PEP 440 project), ordered in the primary's terms.
import type { VersionScheme } from './scheme.js';

export interface VersionTag {
  name: string;
  /** The tag's version in the primary scheme's spelling, as written when the tag already is one. */
  version: string;
}

export class TagReader {
  /** `other`: the other scheme, when the project has loaded it (a SemVer project may not have PEP 440). */
  constructor(
    readonly prefix: string,
    readonly scheme: VersionScheme,
    readonly other?: VersionScheme,
  ) {}

  /** The version a tag name states, or undefined when it is not a version tag. */
  version(name: string): string | undefined {
    if (!name.startsWith(this.prefix)) return undefined;
    const text = name.slice(this.prefix.length);
    // A version tag's version starts with a digit: "vv1.0" or "v 1.0" are not version tags.
    const first = text.charCodeAt(0);
    if (!(first >= 48 && first <= 57)) return undefined;
    if (this.scheme.valid(text)) return text;
    // Spelled the other way: with the three release numbers both schemes share (0.3.0rc1 ≡ 0.3.0-rc.1).
    const meaning = this.other?.parse(text);
    if (!meaning || meaning.release.length !== 3) return undefined;
    const spelled = this.scheme.spell(meaning);
    return 'version' in spelled ? spelled.version : undefined;
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
    const own = this.scheme.newerPattern(version);
    if (!this.other) return own;
    const meaning = this.scheme.parse(version);
    const spelled = meaning && this.other.spell(meaning);
    if (!spelled || !('version' in spelled)) return undefined;
    return `(?:${own}|${this.other.newerPattern(spelled.version)})`;
  }
}
