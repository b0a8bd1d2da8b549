import autocannon from 'autocannon';
import type { BenchContext } from './bench-context';
import type { ReportRow, ScenarioResult } from './report';
import { fmt } from './report';

const PATHS = ['/healthz', '/'] as const;

/** Item 5: requests per second of /healthz and / under N concurrent keep-alive connections (autocannon). */
export async function runRequestRateScenario(ctx: BenchContext): Promise<ScenarioResult> {
  const rows: ReportRow[] = [];
  const data: Record<string, unknown> = {};
  for (const path of PATHS) {
    const result = await autocannon({
      url: `${ctx.webapp.baseUrl}${path}`,
      connections: ctx.plan.rpsConnections,
      duration: ctx.plan.rpsSeconds,
    });
    data[path] = {
      requestsPerSecond: result.requests.average,
      latencyP50Ms: result.latency.p50,
      latencyP99Ms: result.latency.p99,
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
    };
    rows.push({
      item: '5 req/s',
      metric: `GET ${path} x${ctx.plan.rpsConnections} conns`,
      value: `${fmt(result.requests.average, 'req/s', 0)} (p99 ${fmt(result.latency.p99, 'ms', 0)}${result.non2xx + result.errors > 0 ? `, ${result.non2xx} non-2xx, ${result.errors} errors` : ''})`,
    });
  }
  return { rows, data };
}
