// A group release installs a member's wheel with the fresh wheels of the siblings it requires
// (transitively), never a sibling from an index; the pins on them are judged against those wheels
// first, so a pin that excludes a sibling is named as such rather than as pip's resolution failure.
import path from 'node:path';
import { normalizeDistribution } from '../core/names.js';
import { parseRequirement } from '../core/pins.js';
import { pep440Verdict } from '../version/ranges.js';
import { unconditionalRequirements } from './artifact-metadata.js';
import type { FreshWheel, StepContext } from './context.js';

/** How a member's wheel is installed in a group release: with these siblings, and whether pip can resolve everything offline. */
export interface SiblingInstall {
  siblings: FreshWheel[];
  /** Every unconditional requirement of the wheel and of those siblings is a sibling: pip resolves them all with --no-index. */
  offline: boolean;
  /** Requirements that exclude the fresh sibling they name, in words. */
  excluded: string[];
}

const named = (requirement: string) => {
  const parsed = parseRequirement(requirement);
  return parsed && { ...parsed, key: normalizeDistribution(parsed.name) };
};

/** The fresh siblings `wheel` needs (transitively, itself aside); undefined outside a group release or when it needs none. */
export function siblingInstall(ctx: StepContext, wheel: string): SiblingInstall | undefined {
  const fresh = ctx.fresh;
  if (!fresh?.size) return undefined;
  const self = ctx.distribution === undefined ? undefined : normalizeDistribution(ctx.distribution);
  const own = ctx.state.metadata.get(wheel)?.requiresDist ?? [];
  const needed = new Map<string, FreshWheel>();
  const excluded: string[] = [];
  let offline = true;
  const visit = (requires: string[], from: string) => {
    for (const requirement of unconditionalRequirements({ name: from, requiresDist: requires })) {
      const req = named(requirement);
      const sibling = req && req.key !== self ? fresh.get(req.key) : undefined;
      if (!sibling) {
        if (req?.key !== self) offline = false;
        continue;
      }
      if (pep440Verdict(sibling.version, req!.specifier)?.satisfied === false)
        excluded.push(`${from} requires ${requirement.trim()}, but the fresh ${path.basename(sibling.wheel)} is ${sibling.version}`);
      // Extras of a sibling may need what only an index has.
      if (/^[^;]*\[/.test(requirement) && sibling.requires.some((r) => /extra\s*==/.test(r))) offline = false;
      if (needed.has(req!.key)) continue;
      needed.set(req!.key, sibling);
      visit(sibling.requires, path.basename(sibling.wheel));
    }
  };
  visit(own, path.basename(wheel));
  if (needed.size === 0) return undefined;
  return { siblings: [...needed.values()], offline, excluded };
}
