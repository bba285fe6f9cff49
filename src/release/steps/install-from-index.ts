// The release as users get it: <distribution>==<version> installed from an index into a fresh
// environment, retried (through the clock) while the index catches up, then asked its version.
import { createEnvironment, pipInstallFromIndex } from '../environment.js';
import { ask, runSmoke, verdict } from '../installed-package.js';
import { whyUnreachable } from '../reach.js';
import { failed, type Step } from '../step.js';

/** Seconds to wait before each retry: 135 s in all, six attempts. */
export const RETRY_SECONDS = [5, 10, 20, 40, 60];

export const installFromIndex: Step = {
  name: (ctx) => `install from ${ctx.index!.label}`,
  description: (ctx) =>
    `a fresh environment, pip install --index-url ${ctx.index!.url} --extra-index-url ${ctx.index!.extra} ${ctx.distribution ?? '<distribution>'}==${ctx.pep440 ?? '<version>'} (retried for up to ${RETRY_SECONDS.reduce((a, b) => a + b)}s while the index catches up); the same checks${(ctx.release.smoke ?? []).length ? ' and smoke commands' : ''}`,
  when: (ctx) => ctx.index !== undefined,
  stage: 'uploaded',
  async run(ctx) {
    const { label, url, extra } = ctx.index!;
    if (!ctx.distribution) return failed('no-distribution', 'pyproject.toml names no distribution ([project] name), so there is nothing to ask the index for');
    const requirement = `${ctx.distribution}==${ctx.pep440}`;
    const env = await createEnvironment(ctx, 'index');
    ctx.state.indexEnv = env;
    for (let attempt = 0; !(await pipInstallFromIndex(ctx, env, requirement, url, extra)); attempt++) {
      const unreachable = await whyUnreachable(url, ctx.env);
      if (unreachable === 'connection-refused') return failed(unreachable, `${url} refused the connection: no index listens there (check the URL and port)`);
      if (unreachable === 'unknown-host')
        return failed(unreachable, `${url}: the host ${new URL(url).hostname} is unknown (its name does not resolve); check the URL`);
      const wait = RETRY_SECONDS[attempt];
      if (wait === undefined) return failed('not-served', `${label} did not serve ${requirement} after ${attempt + 1} attempts`);
      ctx.emit({
        type: 'wait',
        step: ctx.step,
        seconds: wait,
        reason: `${label} does not serve ${requirement} yet; attempt ${attempt + 2} of ${RETRY_SECONDS.length + 1}`,
      });
      await ctx.clock.sleep(wait * 1000, ctx.signal);
      if (ctx.signal.aborted) return failed('interrupted', `interrupted while waiting for ${label}`);
    }
    const findings = await ask(ctx, env, label);
    const what = `${requirement} from ${label}`;
    if (findings.problems.length) return verdict(findings, what);
    return verdict(findings, what, (ctx.release.smoke ?? []).length ? `; ${await runSmoke(ctx, env)}` : '');
  },
};
