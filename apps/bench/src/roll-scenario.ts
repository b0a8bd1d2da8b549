import { setTimeout as sleep } from 'node:timers/promises';
import { APP_METRICS, DEPLOYMENT_DEFAULTS } from '@ha-uploads/config';
import { startCluster, refreshInstances } from '@ha-uploads/local-cloud';
import { failures, startMixedLoad, type LoadRecord } from '@ha-uploads/process/testing';
import type { BenchContext } from './bench-context';
import { fmt, type ScenarioResult } from './report';
import { MiB, summarize } from './stats';

const INSTANCES = 3;

/**
 * Item 8: a 3-instance cluster of the bundle under a steady mixed load; one roll (instance refresh, one at a time,
 * with the ALB's health-check timing and the infra's deregistration delay). Reports the roll's duration, the requests
 * served during it, and p99 latency during the roll against the steady state before it; then reads the instances'
 * EMF metrics back from their logs and compares them with what the load saw.
 */
export async function runRollScenario(ctx: Omit<BenchContext, 'webapp'>): Promise<ScenarioResult> {
  const emf: Record<string, unknown>[] = [];
  const cluster = await startCluster({
    instances: INSTANCES,
    backends: {
      s3Endpoint: ctx.backends.s3Endpoint,
      dynamodbEndpoint: ctx.backends.dynamodbEndpoint,
      bucket: ctx.bucket,
      table: ctx.table,
    },
    instanceCommand: [ctx.node, ctx.bundle],
    cwd: process.cwd(),
    env: ctx.webappEnv as Record<string, string>,
    healthCheckGracePeriodMs: DEPLOYMENT_DEFAULTS.healthCheckGracePeriodSeconds * 1_000,
    deregistrationDelayMs: DEPLOYMENT_DEFAULTS.deregistrationDelaySeconds * 1_000,
    port: 0,
    log: (line) => console.log(`  ${line}`),
    onInstanceOutput: (_id, line) => {
      if (line.includes('"_aws"')) emf.push(JSON.parse(line) as Record<string, unknown>);
    },
  });
  const load = startMixedLoad(cluster.url, { clients: ctx.plan.rollClients, maxDurationMs: 15 * 60_000, seed: 7 });
  try {
    const steadyStart = load.now();
    await sleep(ctx.plan.rollSteadySeconds * 1_000);
    const rollStart = load.now();
    const result = await refreshInstances(cluster.group, {}, (line) => console.log(`  ${line}`));
    const rollEnd = load.now();
    await load.stop();
    await sleep(1_000);

    const startedIn = (from: number, to: number) => load.records.filter((r) => r.startedMs >= from && r.startedMs < to);
    const steady = startedIn(steadyStart, rollStart);
    const during = startedIn(rollStart, rollEnd);
    const p99 = (records: readonly LoadRecord[]) => summarize(records.map((r) => r.endedMs - r.startedMs)).p99;
    const small = (records: readonly LoadRecord[]) => records.filter((r) => r.op === 'page' || r.op === 'listing');
    const metricSum = (name: string) =>
      emf.reduce((sum, d) => sum + (typeof d[name] === 'number' ? (d[name] as number) : 0), 0);
    const uploadsSeen = load.uploads.length;
    const bytesSeen = load.uploads.reduce((sum, u) => sum + u.bytes, 0);
    const data = {
      instances: INSTANCES,
      clients: ctx.plan.rollClients,
      rollDurationMs: result.durationMs,
      replaced: result.replaced,
      requestsDuringRoll: during.length,
      failedDuringRoll: failures(during).length,
      failedInAll: failures(load.records).length,
      steady: { requests: steady.length, p99Ms: p99(steady), smallP99Ms: p99(small(steady)) },
      roll: { requests: during.length, p99Ms: p99(during), smallP99Ms: p99(small(during)) },
      metrics: {
        uploads: metricSum(APP_METRICS.names.uploads),
        uploadBytes: metricSum(APP_METRICS.names.uploadBytes),
        uploadsSeen,
        bytesSeen,
      },
    };
    return {
      rows: [
        {
          item: '8 roll',
          metric: `roll of ${INSTANCES} instances, one at a time`,
          value: fmt(result.durationMs / 1000, 's'),
        },
        {
          item: '8 roll',
          metric: 'requests served during the roll (failed)',
          value: `${data.requestsDuringRoll} (${data.failedDuringRoll})`,
          target: '0 failed',
          met: data.failedInAll === 0,
        },
        {
          item: '8 roll',
          metric: 'p99 all requests: steady / roll',
          value: `${fmt(data.steady.p99Ms, 'ms', 0)} / ${fmt(data.roll.p99Ms, 'ms', 0)}`,
        },
        {
          item: '8 roll',
          metric: 'p99 pages + listings: steady / roll',
          value: `${fmt(data.steady.smallP99Ms, 'ms', 0)} / ${fmt(data.roll.smallP99Ms, 'ms', 0)}`,
        },
        {
          item: '8 roll',
          metric: 'EMF Uploads / UploadBytes read back from the logs',
          value: `${data.metrics.uploads} / ${fmt(data.metrics.uploadBytes / MiB, 'MiB')} (load got 201 for ${uploadsSeen} / ${fmt(bytesSeen / MiB, 'MiB')})`,
          met: data.metrics.uploads === uploadsSeen && data.metrics.uploadBytes === bytesSeen,
        },
      ],
      data,
    };
  } finally {
    await load.stop();
    await cluster.stop();
  }
}
