import http from 'node:http';
import type { BenchContext } from './bench-context';
import { timedRequest, uploadThroughWebapp } from './http-upload';
import type { ScenarioResult } from './report';
import { fmt } from './report';
import { formatSize, mibPerSecond, summarize } from './stats';

/** Item 3: N clients each upload one file at the same moment; aggregate MiB/s and per-upload latency. */
export async function runConcurrentScenario(ctx: BenchContext): Promise<ScenarioResult> {
  const { concurrentClients: clients, concurrentFileBytes: size } = ctx.plan;
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  try {
    const started = performance.now();
    const results = await Promise.all(
      Array.from({ length: clients }, (_, i) =>
        uploadThroughWebapp({
          baseUrl: ctx.webapp.baseUrl,
          size,
          fileName: `concurrent-${i}.bin`,
          seed: 1_000 + i,
          agent,
        }),
      ),
    );
    const wallMs = performance.now() - started;
    const failed = results.filter((r) => r.status !== 201);
    if (failed.length > 0)
      throw new Error(
        `${failed.length} of ${clients} concurrent uploads failed, e.g. ${failed[0].status}: ${failed[0].body.slice(0, 300)}`,
      );
    await Promise.all(
      results.map((r) => timedRequest(`${ctx.webapp.baseUrl}/api/files/${r.fileId}`, { method: 'DELETE', agent })),
    );
    const latency = summarize(results.map((r) => r.durationMs));
    const aggregateMiBs = mibPerSecond(clients * size, wallMs);
    const label = `${clients} x ${formatSize(size)}`;
    return {
      rows: [
        { item: '3 concurrent', metric: `${label} aggregate`, value: fmt(aggregateMiBs, 'MiB/s') },
        {
          item: '3 concurrent',
          metric: `${label} latency p50 / p99`,
          value: `${fmt(latency.p50, 'ms', 0)} / ${fmt(latency.p99, 'ms', 0)}`,
        },
      ],
      data: { clients, size, wallMs, aggregateMiBs, latency },
    };
  } finally {
    agent.destroy();
  }
}
