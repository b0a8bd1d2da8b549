import http from 'node:http';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { WEBAPP_DEFAULTS } from '@ha-uploads/config';
import type { BenchContext } from './bench-context';
import { timedRequest, uploadThroughWebapp } from './http-upload';
import { bundleLaunch, startWebapp, type WebappProcess } from './processes';
import type { ReportRow, ScenarioResult } from './report';
import { fmt } from './report';
import { percentile } from './stats';

const SMALL_UPLOAD_BYTES = 4 * 1024;
const WARMUP = 10;

// Limits on, but far above what the bench sends, so every upload is counted and none is refused.
const LIMITS_ON = {
  UPLOADS_PER_MINUTE_PER_CLIENT: '1000000',
  UPLOADS_PER_MINUTE_PER_IP: '1000000',
  UPLOAD_BYTES_PER_DAY_PER_CLIENT: String(1024 ** 5),
};

/** The fleet-wide limits' cost: small-upload p50 on the main webapp (limits off) and on a twin with them on. */
export async function runLimitsScenario(ctx: BenchContext): Promise<ScenarioResult> {
  const limited = await startWebapp(
    bundleLaunch(ctx.bundle, { ...ctx.webappEnv, ...LIMITS_ON, INSTANCE_ID: 'bench-limits' }, ctx.node),
  );
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const samples = { off: [] as number[], on: [] as number[], added: [] as number[] };
  try {
    const runs = ctx.plan.limitsUploads;
    for (let run = -WARMUP; run < runs; run++) {
      // Interleaved, in alternating order, so both see the same load on a shared machine.
      const onFirst = run % 2 === 0;
      const first = await smallUpload(onFirst ? limited : ctx.webapp, run, agent);
      const second = await smallUpload(onFirst ? ctx.webapp : limited, run, agent);
      const [on, off] = onFirst ? [first, second] : [second, first];
      if (run >= 0) {
        samples.off.push(off);
        samples.on.push(on);
        samples.added.push(on - off);
      }
    }
  } finally {
    agent.destroy();
    await limited.stop();
  }
  const offMs = percentile(samples.off, 50);
  const onMs = percentile(samples.on, 50);
  const addedMs = percentile(samples.added, 50);
  // Proof the twin really counted: its windows are in the limits table.
  const { Count: counterItems = 0 } = await ctx.clients.dynamodb.send(
    new ScanCommand({ TableName: WEBAPP_DEFAULTS.limitsTable, Select: 'COUNT' }),
  );
  console.log(
    `  small upload p50: limits off ${offMs.toFixed(2)} ms, on ${onMs.toFixed(2)} ms, paired difference ${addedMs.toFixed(2)} ms`,
  );
  const rows: ReportRow[] = [
    { item: '8 limits', metric: '4 KiB upload p50, limits off', value: fmt(offMs, 'ms', 2) },
    { item: '8 limits', metric: '4 KiB upload p50, limits on', value: fmt(onMs, 'ms', 2) },
    { item: '8 limits', metric: 'added: median of paired differences', value: fmt(addedMs, 'ms', 2) },
    { item: '8 limits', metric: 'counter windows written', value: String(counterItems) },
  ];
  return {
    rows,
    data: {
      sizeBytes: SMALL_UPLOAD_BYTES,
      uploads: ctx.plan.limitsUploads,
      offMs: samples.off,
      onMs: samples.on,
      counterItems,
    },
  };
}

async function smallUpload(webapp: WebappProcess, run: number, agent: http.Agent): Promise<number> {
  const result = await uploadThroughWebapp({
    baseUrl: webapp.baseUrl,
    size: SMALL_UPLOAD_BYTES,
    fileName: `limits-${run}.bin`,
    seed: run + 100,
    agent,
  });
  if (result.status !== 201 || !result.fileId)
    throw new Error(`small upload answered ${result.status}: ${result.body.slice(0, 300)}`);
  // Removed again so the listing scenario seeds an empty catalog.
  await timedRequest(`${webapp.baseUrl}/api/files/${result.fileId}`, { method: 'DELETE', agent });
  return result.durationMs;
}
