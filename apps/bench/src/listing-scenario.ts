import http from 'node:http';
import type { BenchContext } from './bench-context';
import { timedRequest } from './http-upload';
import type { ReportRow, ScenarioResult } from './report';
import { fmt } from './report';
import { measureInterleaved } from './listing-interleaved';
import { countCatalog, seedCatalog, seedHiddenEntries } from './seed-catalog';
import { summarize, type LatencySummary } from './stats';

const PATHS = ['/api/files?limit=50', '/'] as const;
const GROWTH_TARGET = 1.1;

/**
 * Item 4: p50/p99 of the listing API and the page with a small and a large catalog, then with hidden (pending,
 * deleting, trashed) entries newer than every listed file; all seeded straight into DynamoDB.
 */
export async function runListingScenario(ctx: BenchContext): Promise<ScenarioResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const byCount: { count: number; label: string; seedMs: number; latency: Record<string, LatencySummary> }[] = [];
  const steps = [
    ...ctx.plan.listingCounts.map((count) => ({ count, label: `${count}`, hidden: false })),
    {
      count: ctx.plan.listingHidden,
      label: `${ctx.plan.listingCounts.at(-1)}+${ctx.plan.listingHidden} hidden`,
      hidden: true,
    },
  ];
  try {
    for (const { count, label, hidden } of steps) {
      const seedStarted = performance.now();
      if (hidden) await seedHiddenEntries(ctx.clients.dynamodb, ctx.table, count);
      else {
        const existing = await countCatalog(ctx.clients.dynamodb, ctx.table);
        if (existing < count) await seedCatalog(ctx.clients.dynamodb, ctx.table, count - existing);
      }
      const seedMs = performance.now() - seedStarted;
      const latency: Record<string, LatencySummary> = {};
      for (const path of PATHS)
        latency[path] = await measure(
          `${ctx.webapp.baseUrl}${path}`,
          ctx.plan.listingRequests,
          ctx.plan.listingWarmup,
          agent,
        );
      byCount.push({ count, label, seedMs, latency });
      console.log(
        `  listing with ${label} (seeded in ${(seedMs / 1000).toFixed(1)} s): ${PATHS.map((p) => `${p} p50 ${latency[p].p50.toFixed(1)} ms`).join(', ')}`,
      );
    }
  } finally {
    agent.destroy();
  }

  const rows: ReportRow[] = [];
  for (const { label, latency } of byCount) {
    for (const path of PATHS) {
      rows.push({
        item: '4 listing',
        metric: `GET ${path} @ ${label} p50 / p99`,
        value: `${fmt(latency[path].p50, 'ms')} / ${fmt(latency[path].p99, 'ms')}`,
      });
    }
  }
  const small = byCount[0];
  for (const large of byCount.slice(1)) {
    for (const path of PATHS) {
      const growth = large.latency[path].p50 / small.latency[path].p50;
      rows.push({
        item: '4 listing',
        metric: `GET ${path} p50 ${large.label} / ${small.label}`,
        value: growth.toFixed(2),
        target: `<= ${GROWTH_TARGET}`,
        met: growth <= GROWTH_TARGET,
      });
    }
  }
  rows.push(...(await interleavedRows(ctx, steps)));
  return { rows, data: byCount };
}

// The same sizes read through the catalog in alternation: the growth with the machine's load spread evenly.
async function interleavedRows(
  ctx: BenchContext,
  steps: readonly { count: number; label: string; hidden: boolean }[],
): Promise<ReportRow[]> {
  const largest = ctx.plan.listingCounts.at(-1) ?? 0;
  const sizes = steps.map(({ count, label, hidden }) => ({
    label,
    files: hidden ? largest : count,
    hidden: hidden ? count : 0,
  }));
  const latency = await measureInterleaved(ctx, sizes);
  const small = latency[sizes[0].label];
  console.log(
    `  catalog pages, interleaved: ${sizes.map((s) => `${s.label} p50 ${latency[s.label].p50.toFixed(1)} ms`).join(', ')}`,
  );
  return sizes.flatMap(({ label }, i) => {
    const row: ReportRow = {
      item: '4 listing',
      metric: `catalog page (interleaved) @ ${label} p50 / p99`,
      value: `${fmt(latency[label].p50, 'ms')} / ${fmt(latency[label].p99, 'ms')}`,
    };
    if (i === 0) return [row];
    const growth = latency[label].p50 / small.p50;
    const target = `<= ${GROWTH_TARGET}`;
    return [
      row,
      {
        item: '4 listing',
        metric: `catalog page (interleaved) p50 ${label} / ${sizes[0].label}`,
        value: growth.toFixed(2),
        target,
        met: growth <= GROWTH_TARGET,
      },
    ];
  });
}

async function measure(url: string, requests: number, warmup: number, agent: http.Agent): Promise<LatencySummary> {
  const samples: number[] = [];
  for (let i = 0; i < warmup + requests; i++) {
    const { status, durationMs } = await timedRequest(url, { agent });
    if (status !== 200) throw new Error(`GET ${url} answered ${status}`);
    if (i >= warmup) samples.push(durationMs);
  }
  return summarize(samples);
}
