// What a group release installs with a member's wheel: the fresh wheels of the siblings it requires
// (transitively), whether pip can resolve them all with no index, and the pins that exclude one.
import { describe, expect, it } from 'vitest';
import type { FreshWheel, StepContext } from '../../src/release/context.js';
import { siblingInstall } from '../../src/release/siblings.js';

const wheel = (distribution: string, version: string, requires: string[] = []): FreshWheel => ({
  distribution,
  version,
  wheel: `/w/${distribution.replace(/-/g, '_')}-${version}-py3-none-any.whl`,
  requires,
});

/** The context of the member `name` whose wheel requires `requires`, in a group that built `built`. */
function member(name: string, requires: string[], built: FreshWheel[]): { ctx: StepContext; file: string } {
  const file = `/w/${name}.whl`;
  const ctx = {
    distribution: name,
    fresh: new Map(built.map((w) => [w.distribution, w])),
    state: { files: [file], metadata: new Map([[file, { name: file, requiresDist: requires }]]) },
  } as unknown as StepContext;
  return { ctx, file };
}

const core = wheel('sdk-core', '2.0.0a3');
const tools = wheel('sdk-tools', '2.0.0a3', ['sdk-core==2.0.0a3']);

describe('sibling wheels', () => {
  it('are the siblings required, transitively, by any spelling of their names; pip resolves them offline when nothing else is required', () => {
    const { ctx, file } = member('sdk-cli', ['SDK_Tools[rich]==2.0.0a3', 'extra-thing ; extra == "docs"'], [core, tools]);
    expect(siblingInstall(ctx, file)).toEqual({ siblings: [tools, core], offline: true, excluded: [] });
  });

  it('anything else required (a third-party package, a sibling extra with its own requirements) needs an index', () => {
    expect(siblingInstall(member('sdk-cli', ['sdk-core==2.0.0a3', 'httpx>=0.27'], [core]).ctx, '/w/sdk-cli.whl')?.offline).toBe(false);
    const extras = wheel('sdk-tools', '2.0.0a3', ['rich>=13 ; extra == "rich"']);
    expect(siblingInstall(member('sdk-cli', ['sdk-tools[rich]==2.0.0a3'], [extras]).ctx, '/w/sdk-cli.whl')?.offline).toBe(false);
  });

  it("a pin that excludes a sibling's fresh wheel is named; outside a group, or with no sibling required, there is nothing to add", () => {
    const { ctx, file } = member('sdk-cli', ['sdk-core>=2.1'], [core]);
    expect(siblingInstall(ctx, file)?.excluded).toEqual(['sdk-cli.whl requires sdk-core>=2.1, but the fresh sdk_core-2.0.0a3-py3-none-any.whl is 2.0.0a3']);
    expect(siblingInstall(member('sdk-cli', ['httpx'], [core]).ctx, '/w/sdk-cli.whl')).toBeUndefined();
    expect(siblingInstall(member('sdk-cli', ['sdk-core'], []).ctx, '/w/sdk-cli.whl')).toBeUndefined();
  });
});
