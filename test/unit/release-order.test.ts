// The order release --group takes: siblings before dependents by the pins an installed package
// carries, the listed order otherwise, and a cycle named pin by pin.
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.js';
import { pyprojectPins } from '../../src/core/pins.js';
import { releaseOrder, type OrderMember } from '../../src/core/release-order.js';

const member = (name: string, body = ''): OrderMember => ({
  name,
  path: `packages/${name}`,
  distribution: name,
  pins: pyprojectPins(`[project]\nname = "${name}"\nversion = "1.0"\n${body}`),
});
const names = (members: OrderMember[]) => releaseOrder('g', members).map((m) => m.name);

describe('release order', () => {
  it('puts every package after the siblings it pins, and keeps the listed order otherwise', () => {
    const cli = member('cli', 'dependencies = ["Tools[rich]==1.0", "httpx>=0.27"]\n');
    const tools = member('tools', 'dependencies = ["core==1.0"]\n');
    const core = member('core');
    const docs = member('docs');
    expect(names([cli, docs, tools, core])).toEqual(['docs', 'core', 'tools', 'cli']);
  });

  it('counts extras and Poetry dependencies, not dependency groups or a dependency uv takes from elsewhere', () => {
    const a = member('a', '[project.optional-dependencies]\nplugins = ["b>=1"]\n');
    const b = member('b', '[dependency-groups]\ndev = ["a==1.0"]\n');
    expect(names([a, b])).toEqual(['b', 'a']);
    const c = member('c', 'dependencies = ["d"]\n[tool.uv.sources]\nd = { git = "https://example.invalid/d.git" }\n');
    const d = member('d', 'dependencies = ["c==1.0"]\n');
    expect(names([d, c])).toEqual(['c', 'd']);
  });

  it('a cycle is a usage error naming each pin in it', () => {
    const a = member('a', 'dependencies = ["b==1.0"]\n');
    const b = member('b', 'dependencies = ["c==1.0"]\n');
    const c = member('c', 'dependencies = ["a==1.0"]\n');
    const d = member('d');
    let error: unknown;
    try {
      releaseOrder('g', [d, a, b, c]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(2);
    expect((error as UserError).message).toBe(
      [
        'release --group g: the pins among its packages form a cycle (a → b → c → a), so none of them can be released before the others:',
        '  packages/a/pyproject.toml:4:19  a pins b ==1.0 in [project] dependencies',
        '  packages/b/pyproject.toml:4:19  b pins c ==1.0 in [project] dependencies',
        '  packages/c/pyproject.toml:4:19  c pins a ==1.0 in [project] dependencies',
      ].join('\n'),
    );
  });
});
