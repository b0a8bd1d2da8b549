import { Readable } from 'node:stream';
import { FileService, type CatalogEntry } from '@ha-uploads/files';
import { startTestBackends, type TestBackends } from '../testing/local-backends';
import { itemsOf, seedItems, seededEntry, seededIds } from '../testing/catalog-seed';
import { type Consumed, recordConsumedCapacity } from '../testing/consumed-capacity';
import { createAwsClients, type AwsClients } from './aws-clients';
import { shardOf } from './catalog-item';
import { writeLayout } from './catalog-layout';
import { DynamoDbFileCatalog } from './dynamodb-file-catalog';
import { ensureFilesTable } from './ensure-resources';

// A client with no identity: it owns nothing and sees what everyone sees.
const ANYONE = { isAdmin: false };

const HOUR = 3_600_000;
const HIDDEN_STATES: CatalogEntry['state'][] = ['PENDING', 'DELETING', 'TRASHED'];

/** Entries a day old and older, one second apart, with ids whose shard spread is the same on every run. */
function entries(
  seed: number,
  count: number,
  newest: Date,
  states: CatalogEntry['state'][] = ['READY'],
): CatalogEntry[] {
  const id = seededIds(seed);
  return Array.from({ length: count }, (_, i) => {
    const at = new Date(newest.getTime() - i * 1000);
    return seededEntry(id(at.getTime()), i, at, states[i % states.length]);
  });
}

/** What `run` cost: the calls it made, in order. */
async function costOf(log: Consumed[], run: () => Promise<unknown>): Promise<Consumed[]> {
  const start = log.length;
  await run();
  return log.slice(start);
}

/** The units of the calls that `kind` names (read or write), by table partition key. */
function unitsByPartition(calls: readonly Consumed[], kind: 'read' | 'write'): number[] {
  const byPartition = new Map<string, number>();
  for (const call of calls.filter((c) => isRead(c.command) === (kind === 'read'))) {
    for (const [pk, units] of Object.entries(call.partitions)) {
      if (!pk.startsWith('index:')) byPartition.set(pk, (byPartition.get(pk) ?? 0) + units);
    }
  }
  return [...byPartition.values()];
}

/** The busiest table partition's share of the units of the calls that `kind` names (read or write). */
function busiestShare(calls: readonly Consumed[], kind: 'read' | 'write'): number {
  const units = unitsByPartition(calls, kind);
  return Math.max(...units) / units.reduce((a, b) => a + b, 0);
}

const isRead = (command: string) => ['GetItem', 'Query', 'BatchGetItem', 'TransactGetItems'].includes(command);

/** What one partition key serves a second: DynamoDB's per-partition limits. */
const PARTITION_LIMIT = { write: 1_000, read: 3_000 };

/**
 * How many of an operation the fleet can run a second: for reads and for writes, the per-partition limit over the
 * busiest partition's units per operation; the lower of the two binds.
 */
function fleetCeiling(calls: readonly Consumed[], operations: number): number {
  const ceilings = (['read', 'write'] as const).map((kind) => {
    const busiest = Math.max(0, ...unitsByPartition(calls, kind));
    return busiest === 0 ? Infinity : (PARTITION_LIMIT[kind] * operations) / busiest;
  });
  return Math.floor(Math.min(...ceilings));
}

/**
 * Ids spread over the shards exactly evenly (`perShard` in each), as a hash spreads a fleet's millions of ids: picked
 * in time order from a seeded stream, so they sort as uploads made one after another do.
 */
function evenlySpreadIds(seed: number, perShard: number, shards: number): string[] {
  const id = seededIds(seed);
  const counts = Array<number>(shards).fill(0);
  const ids: string[] = [];
  for (let time = Date.UTC(2026, 0, 1); ids.length < perShard * shards; time++) {
    const next = id(time);
    const n = shardOf(next, shards);
    if (counts[n] < perShard) {
      counts[n]++;
      ids.push(next);
    }
  }
  return ids;
}

/** The single-partition layout's fleet ceilings, as measured before the sharding (docs/architecture.md). */
const SINGLE_PARTITION = { uploads: 500, pages: 600, pageUnits: 5 };

describe('catalog partitions (ConsumedCapacity per partition key from the local DynamoDB)', () => {
  let backends: TestBackends;
  let metered: AwsClients;
  let log: Consumed[];

  beforeAll(async () => {
    backends = await startTestBackends();
    // Seeding goes through the backends' own client; only the catalog's calls go through the metered one.
    metered = createAwsClients(backends.config);
    log = recordConsumedCapacity(metered.dynamodb);
  });

  afterAll(async () => {
    metered.destroy();
    await backends.stop();
  });

  /**
   * A catalog that has read the table's layout marker (an instance does at its first call, then every 10 s; here
   * once an hour, so seeding's time does not add a marker read to the page measured after it).
   */
  const catalogOn = async (table: string, shards?: number) => {
    const layout = { layoutRefreshMs: 3_600_000, ...(shards !== undefined && { shards }) };
    const catalog = new DynamoDbFileCatalog({ dynamodb: metered.dynamodb, table, ...layout });
    await catalog.listReady({ limit: 1 });
    return catalog;
  };

  it('a page costs the same read units and queries with 0 and with 10,000 hidden entries', async () => {
    // GIVEN 200 listed files a day old
    const catalog = await catalogOn(backends.table);
    const now = Date.now();
    await seedItems(
      backends.clients.dynamodb,
      backends.table,
      entries(1, 200, new Date(now - 24 * HOUR)).flatMap((e) => itemsOf(e)),
    );
    const before = await costOf(log, () => catalog.listReady({ limit: 50 }));
    // WHEN 10,000 newer entries are pending, deleting or trashed
    const hidden = entries(2, 10_000, new Date(now - HOUR), HIDDEN_STATES);
    await seedItems(
      backends.clients.dynamodb,
      backends.table,
      hidden.flatMap((e) => itemsOf(e)),
    );
    const after = await costOf(log, () => catalog.listReady({ limit: 50 }));
    // THEN the page reads exactly what it read before: one query per shard, the same units
    expect(after.map((c) => [c.command, c.units])).toEqual(before.map((c) => [c.command, c.units]));
    expect(after.map((c) => c.command)).toEqual(Array(8).fill('Query'));
  });

  it('a page of 1,000 answers within one query per shard', async () => {
    // GIVEN 1,200 more listed files
    const table = `${backends.table}-limit`;
    await ensureFilesTable(backends.clients.dynamodb, table);
    await seedItems(
      backends.clients.dynamodb,
      table,
      entries(3, 1_200, new Date()).flatMap((e) => itemsOf(e)),
    );
    // WHEN a client asks for the largest page
    let records = 0;
    const catalog = await catalogOn(table);
    const calls = await costOf(log, async () => (records = (await catalog.listReady({ limit: 1000 })).records.length));
    // THEN every shard was read once
    expect({ records, queries: calls.map((c) => c.command) }).toEqual({
      records: 1000,
      queries: Array(8).fill('Query'),
    });
  });

  /** A new table laid out in `shards` shards and `replicas` listing groups, and a FileService over it. */
  const serviceOn = async (name: string, layout: { shards: number; replicas: number }, newId: () => string) => {
    const table = `${backends.table}-${name}`;
    await ensureFilesTable(backends.clients.dynamodb, table);
    await writeLayout(backends.clients.dynamodb, table, { ...layout, legacy: false });
    return new FileService({
      catalog: await catalogOn(table),
      blobs: backends.blobStore,
      maxUploadBytes: 1024,
      newId,
    });
  };

  it.each([
    [1, 1, 0.7, 0.7],
    [8, 2, 0.11, 0.08],
  ])(
    'under a mixed load with %i shard(s) and %i listing group(s), the busiest partition carries at most %d of writes and %d of reads',
    async (shards, replicas, maxWrite, maxRead) => {
      // GIVEN a table of that layout
      const id = seededIds(4);
      let uploaded = Date.UTC(2026, 0, 1);
      // Ids of a fixed spread over the shards, so the shares are the same on every run.
      const files = await serviceOn(`mixed-${shards}`, { shards, replicas }, () => id(uploaded++));
      // WHEN 64 uploads, 32 pages, 64 downloads and 16 deletes run
      const calls = await costOf(log, async () => {
        const ids: string[] = [];
        for (let i = 0; i < 64; i++) {
          const body = Readable.from([Buffer.from(`body ${i}`)]);
          ids.push((await files.upload(body, { name: `f${i}.txt`, contentType: 'text/plain' }, 'i-test')).id);
          if (i % 2 === 0) await files.list({ limit: '50' }, ANYONE);
        }
        for (const id of ids) await files.get(id, ANYONE);
        for (const id of ids.slice(0, 16)) await files.delete(id, { isAdmin: true });
      });
      // THEN the units spread as the layout promises
      const shares = { write: busiestShare(calls, 'write'), read: busiestShare(calls, 'read') };
      expect(shares.write).toBeLessThanOrEqual(maxWrite);
      expect(shares.read).toBeLessThanOrEqual(maxRead);
    },
  );

  it('with 8 shards and 2 listing groups, the fleet ceilings are 8x the single partition’s for uploads and page loads', async () => {
    // GIVEN a table of the default layout, and ids spread evenly over its shards (8 each), as a hash spreads many
    const ids = evenlySpreadIds(5, 8, 8);
    const files = await serviceOn('ceilings', { shards: 8, replicas: 2 }, () => ids.shift() as string);
    // WHEN 64 uploads, 64 pages of 50, 64 downloads and 64 deletes run, each kind metered apart
    const uploaded: string[] = [];
    const uploads = await costOf(log, async () => {
      for (let i = 0; i < 64; i++) {
        const body = Readable.from([Buffer.from(`body ${i}`)]);
        uploaded.push((await files.upload(body, { name: `f${i}.txt`, contentType: 'text/plain' }, 'i-test')).id);
      }
    });
    const pages = await costOf(log, async () => {
      for (let i = 0; i < 64; i++) await files.list({ limit: '50' }, ANYONE);
    });
    const downloads = await costOf(log, async () => {
      for (const id of uploaded) await files.get(id, ANYONE);
    });
    const deletes = await costOf(log, async () => {
      for (const id of uploaded) await files.delete(id, { isAdmin: true });
    });
    // THEN each partition's limit, over the busiest partition's units per operation, gives the fleet's ceiling
    const ceilings = {
      uploads: fleetCeiling(uploads, 64),
      pages: fleetCeiling(pages, 64),
      downloads: fleetCeiling(downloads, 64),
      deletes: fleetCeiling(deletes, 64),
      pageUnits: pages.reduce((sum, c) => sum + c.units, 0) / 64,
    };
    expect(ceilings).toEqual({ uploads: 4_000, pages: 6_000, downloads: 24_000, deletes: 1_333, pageUnits: 8 });
    expect({
      uploads: ceilings.uploads / SINGLE_PARTITION.uploads,
      pages: ceilings.pages / SINGLE_PARTITION.pages,
      pageUnits: ceilings.pageUnits / SINGLE_PARTITION.pageUnits,
    }).toEqual({ uploads: 8, pages: 10, pageUnits: 1.6 });
  });
});
