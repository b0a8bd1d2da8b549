import http from 'node:http';
import { DynamoDbFileCatalog, ensureFilesTable } from '@ha-uploads/storage';
import type { BenchContext } from './bench-context';
import type { CatalogSize } from './bench-options';
import { timedRequest } from './http-upload';
import { measureInRounds, type Probe } from './listing-rounds';
import { growthRows } from './listing-rows';
import { bundleLaunch, startWebapp, type WebappProcess } from './processes';
import type { ScenarioResult } from './report';
import { seedCatalog, seedHiddenEntries } from './seed-catalog';
import { summarize } from './stats';

const ITEM = '4 listing';
const API = 'GET /api/files?limit=50';
const PAGE = 'GET /';
const CATALOG = 'catalog page of 50';
const SUBJECTS = [API, PAGE, CATALOG] as const;

/** One seeded catalog, the webapp serving it and the catalog adapter reading it. */
interface ServedCatalog {
  readonly label: string;
  readonly seedMs: number;
  readonly webapp: WebappProcess;
  readonly catalog: DynamoDbFileCatalog;
}

/**
 * Item 4: p50/p99 of the listing API, the page, and the catalog's own page with each catalog size. Each size has its
 * table (seeded straight into DynamoDB) and its webapp on the same backends, and every size is requested in turn,
 * round after round, so a shared machine's changing load falls on every size alike.
 */
export async function runListingScenario(ctx: BenchContext): Promise<ScenarioResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const served: ServedCatalog[] = [];
  try {
    for (const [i, size] of ctx.plan.listingSizes.entries()) served.push(await serveCatalog(ctx, size, i));
    const series = SUBJECTS.flatMap((subject) => served.map((s) => ({ subject, served: s })));
    const probes = series.map(({ subject, served: s }) => probeOf(subject, s, agent));
    const samples = await measureInRounds(probes, ctx.plan.listingRequests, ctx.plan.listingWarmup);
    const latency = series.map(({ subject, served: s }, k) => ({
      subject,
      size: s.label,
      latency: summarize(samples[k]),
    }));
    for (const { subject, size, latency: l } of latency)
      console.log(`  ${subject} @ ${size}: p50 ${l.p50.toFixed(1)} ms, p99 ${l.p99.toFixed(1)} ms`);
    const rows = SUBJECTS.flatMap((subject) =>
      growthRows(
        ITEM,
        subject,
        latency.filter((l) => l.subject === subject),
      ),
    );
    return { rows, data: { sizes: served.map(({ label, seedMs }) => ({ label, seedMs })), latency } };
  } finally {
    agent.destroy();
    await Promise.all(served.map((s) => s.webapp.stop()));
  }
}

// Seeds a table of its own for `size`, then starts a webapp on it.
async function serveCatalog(ctx: BenchContext, size: CatalogSize, index: number): Promise<ServedCatalog> {
  const label = size.hidden > 0 ? `${size.files}+${size.hidden} hidden` : `${size.files}`;
  const table = `${ctx.table}-list-${size.files}-${size.hidden}`;
  const started = performance.now();
  await ensureFilesTable(ctx.clients.dynamodb, table);
  await seedCatalog(ctx.clients.dynamodb, table, size.files);
  await seedHiddenEntries(ctx.clients.dynamodb, table, size.hidden);
  const seedMs = performance.now() - started;
  console.log(`  seeded ${label} in ${(seedMs / 1000).toFixed(1)} s`);
  // No sweeps: the seeded hidden entries are backdated past every grace, and a sweep would remove them mid-run.
  const env = { ...ctx.webappEnv, FILES_TABLE: table, INSTANCE_ID: `bench-list-${index}`, SWEEP_INTERVAL_SECONDS: '0' };
  const webapp = await startWebapp(bundleLaunch(ctx.bundle, env, ctx.node));
  return { label, seedMs, webapp, catalog: new DynamoDbFileCatalog({ dynamodb: ctx.clients.dynamodb, table }) };
}

function probeOf(subject: (typeof SUBJECTS)[number], served: ServedCatalog, agent: http.Agent): Probe {
  if (subject === CATALOG) return async () => void (await served.catalog.listReady({ limit: 50 }));
  const url = `${served.webapp.baseUrl}${subject === API ? '/api/files?limit=50' : '/'}`;
  return async () => {
    const { status } = await timedRequest(url, { agent });
    if (status !== 200) throw new Error(`GET ${url} answered ${status}`);
  };
}
