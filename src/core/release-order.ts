// The order a group's packages are released in: siblings before dependents, by the pins among them
// that an installed package needs (dependencies and extras, Poetry's, npm's runtime maps; not
// [dependency-groups] or devDependencies). A cycle is a usage error naming every pin in it. Pure.
import { UserError } from './errors.js';
import { normalizeDistribution } from './names.js';
import type { Pin } from './pins.js';

export interface OrderMember {
  name: string;
  /** Its directory relative to the workspace root ('' the root). */
  path: string;
  /** The name its siblings' dependencies call it by (its distribution, or package.json name). */
  distribution?: string;
  pins: Pin[];
}

/** Pins that a built and installed package carries: what its siblings must be released before it for. */
const RUNTIME =
  /^(?:\[project\] dependencies|\[project\.optional-dependencies\]|\[tool\.poetry\.dependencies\]|package\.json (?:dependencies|peerDependencies|optionalDependencies))/;

/** The members in release order: each after the members it pins; otherwise in the order given. */
export function releaseOrder(group: string, members: OrderMember[]): OrderMember[] {
  const byKey = new Map(members.map((m) => [normalizeDistribution(m.distribution ?? m.name), m]));
  const needs = new Map(
    members.map((m) => [
      m,
      m.pins.flatMap((pin) => {
        const sibling = byKey.get(normalizeDistribution(pin.name));
        return sibling && sibling !== m && RUNTIME.test(pin.where) && pin.uvSource !== 'other' ? [{ sibling, pin }] : [];
      }),
    ]),
  );
  const order: OrderMember[] = [];
  const placed = new Set<OrderMember>();
  while (order.length < members.length) {
    const next = members.find((m) => !placed.has(m) && needs.get(m)!.every((n) => placed.has(n.sibling)));
    if (!next)
      throw cycleError(
        group,
        members.filter((m) => !placed.has(m)),
        needs,
      );
    order.push(next);
    placed.add(next);
  }
  return order;
}

function cycleError(group: string, left: OrderMember[], needs: Map<OrderMember, { sibling: OrderMember; pin: Pin }[]>): UserError {
  // Walk the pins from any member left until one repeats: that walk's tail is a cycle.
  const walk: { member: OrderMember; pin: Pin }[] = [];
  let at = left[0]!;
  while (!walk.some((w) => w.member === at)) {
    const edge = needs.get(at)!.find((n) => left.includes(n.sibling))!;
    walk.push({ member: at, pin: edge.pin });
    at = edge.sibling;
  }
  const cycle = walk.slice(walk.findIndex((w) => w.member === at));
  const lines = cycle.map(({ member, pin }) => {
    const file = member.path === '' ? pin.file : `${member.path}/${pin.file}`;
    return `  ${file}:${pin.line}:${pin.column}  ${member.name} pins ${pin.name}${pin.specifier ? ` ${pin.specifier}` : ''} in ${pin.where}`;
  });
  return new UserError(
    `release --group ${group}: the pins among its packages form a cycle (${[...cycle.map((c) => c.member.name), at.name].join(' → ')}), so none of them can be released before the others:\n${lines.join('\n')}`,
  );
}
