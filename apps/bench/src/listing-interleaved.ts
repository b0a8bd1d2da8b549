import { DynamoDbFileCatalog, ensureFilesTable } from '@ha-uploads/storage';
import type { BenchContext } from './bench-context';
import { seedCatalog, seedHiddenEntries } from './seed-catalog';
import { summarize, type LatencySummary } from './stats';

/** One catalog size the interleaved measurement reads. */
export interface CatalogSize {
  readonly label: string;
  readonly files: number;
  readonly hidden: number;
}

/**
 * The catalog's own page of 50 with each size, one page from each table in turn, so a shared machine's changing load
 * falls on every size alike (the HTTP figures are measured one size after another, since one app serves one table).
 */
export async function measureInterleaved(
  ctx: BenchContext,
  sizes: readonly CatalogSize[],
): Promise<Record<string, LatencySummary>> {
  const catalogs = await Promise.all(sizes.map((size) => seededTable(ctx, size)));
  const samples = sizes.map((): number[] => []);
  for (let round = 0; round < ctx.plan.listingWarmup + ctx.plan.listingRequests; round++) {
    for (const [i, catalog] of catalogs.entries()) {
      const started = performance.now();
      await catalog.listReady({ limit: 50 });
      if (round >= ctx.plan.listingWarmup) samples[i].push(performance.now() - started);
    }
  }
  return Object.fromEntries(sizes.map((size, i) => [size.label, summarize(samples[i])]));
}

async function seededTable(ctx: BenchContext, size: CatalogSize): Promise<DynamoDbFileCatalog> {
  const table = `${ctx.table}-interleaved-${size.files}-${size.hidden}`;
  await ensureFilesTable(ctx.clients.dynamodb, table);
  await seedCatalog(ctx.clients.dynamodb, table, size.files);
  if (size.hidden > 0) await seedHiddenEntries(ctx.clients.dynamodb, table, size.hidden);
  return new DynamoDbFileCatalog({ dynamodb: ctx.clients.dynamodb, table });
}
