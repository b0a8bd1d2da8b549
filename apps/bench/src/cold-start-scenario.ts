import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import type { BenchContext } from './bench-context';
import { bundleLaunch, sourceLaunch, startWebapp, type WebappLaunch } from './processes';
import type { ScenarioResult } from './report';
import { fmt } from './report';
import { summarize } from './stats';

/**
 * Item 6: process start to the first 200 on /healthz, for the bundle (endpoints mode, as deployed) and for the serve
 * path (tsx on the sources with embedded backends on a fresh DATA_DIR, as `nx run webapp:serve`).
 */
export async function runColdStartScenario(
  ctx: Pick<BenchContext, 'plan' | 'bundle' | 'node' | 'webappEnv' | 'dataDir'>,
): Promise<ScenarioResult> {
  const bundleMs = await timeStarts(ctx.plan.coldStartRuns, async () =>
    bundleLaunch(ctx.bundle, ctx.webappEnv, ctx.node),
  );
  const serveMs = await timeStarts(ctx.plan.coldStartRuns, async () => {
    const dataDir = await mkdtemp(path.join(ctx.dataDir, 'serve-'));
    // Blank endpoints: the serve program points the webapp at the backends it starts.
    return sourceLaunch({
      ...ctx.webappEnv,
      DATA_DIR: dataDir,
      S3_ENDPOINT: '',
      DYNAMODB_ENDPOINT: '',
      INSTANCE_ID: 'bench-serve',
    });
  });
  const bundle = summarize(bundleMs);
  const serve = summarize(serveMs);
  return {
    rows: [
      {
        item: '6 cold start',
        metric: `bundle (node main.js), median of ${bundle.count}`,
        value: fmt(bundle.p50, 'ms', 0),
      },
      {
        item: '6 cold start',
        metric: `serve (tsx, embedded), median of ${serve.count}`,
        value: fmt(serve.p50, 'ms', 0),
      },
    ],
    data: { bundleMs, serveMs },
  };
}

async function timeStarts(runs: number, launch: () => Promise<WebappLaunch>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const spec = await launch();
    const webapp = await startWebapp(spec, 120_000);
    times.push(webapp.startupMs);
    await webapp.stop();
    if (spec.env.DATA_DIR) await rm(spec.env.DATA_DIR, { recursive: true, force: true });
  }
  return times;
}
