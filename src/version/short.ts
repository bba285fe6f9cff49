// The short X.Y form of a version, as Sphinx's `version` in docs/conf.py states it beside the full
// `release`: MAJOR.MINOR and nothing else. A source read in it is compared with the primary's first
// two release numbers (0.3 agrees with 0.3.0, 0.3.1 and 0.3.0rc1) and bumped to them.
import type { Meaning, Spelled, VersionScheme } from './scheme.js';

const SHORT = /^\s*(\d+)\.(\d+)\s*$/;

const forms = new Map<VersionScheme, VersionScheme>();

/** The short form over a scheme (its order of X.Y values is the scheme's). */
export function shortForm(base: VersionScheme): VersionScheme {
  let form = forms.get(base);
  if (!form) {
    form = {
      name: base.name,
      title: 'the short X.Y form',
      short: true,
      valid: (version) => SHORT.test(version),
      parse,
      spell,
      compare: (a, b) => base.compare(a.trim(), b.trim()),
      newerPattern: (version) => base.newerPattern(version),
    };
    forms.set(base, form);
  }
  return form;
}

function parse(version: string): Meaning | undefined {
  const m = SHORT.exec(version);
  return m ? { epoch: 0, release: [Number(m[1]), Number(m[2])] } : undefined;
}

/** MAJOR.MINOR of any meaning: pre-, post-, dev and local parts are not part of the short form. */
function spell(m: Meaning): Spelled {
  if (m.epoch) return { none: `the short X.Y form has no epoch (${m.epoch}!)` };
  return { version: `${m.release[0]}.${m.release[1] ?? 0}` };
}

/** The X.Y a version's spelling starts with, for a quick comparison before any scheme is loaded (init). */
export function leadingShort(version: string): string | undefined {
  const m = /^\s*(\d+)(?:\.(\d+))?/.exec(version);
  return m ? `${Number(m[1])}.${Number(m[2] ?? 0)}` : undefined;
}
